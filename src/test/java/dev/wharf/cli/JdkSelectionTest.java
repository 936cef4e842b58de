package dev.wharf.cli;

import dev.wharf.testing.ExternalProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/lib.sh}'s choice of a JDK, which {@code bin/wharf} makes on every start: the version is
 * read from the home's {@code release} file by the shell itself (no process started), and only a home
 * without a readable version is asked through its {@code java}. Fake JDK homes whose {@code java}
 * leaves a mark when it runs show which path was taken.
 */
@Tag(ExternalProcess.TAG)
class JdkSelectionTest {
    @TempDir
    Path tmp;

    private static final Path LIB = Path.of(System.getProperty("user.dir"), "bin", "lib.sh").toAbsolutePath();

    /** A JDK home whose java prints {@code specVersion} as -XshowSettings would, and leaves {@code ran} when run. */
    private Path fakeHome(String name, String release, String specVersion) throws IOException {
        Path home = tmp.resolve(name);
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\ntouch \"$(dirname \"$0\")/ran\"\n"
                + "echo '    java.specification.version = " + specVersion + "' >&2\n");
        Files.writeString(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        assertThat(java.toFile().setExecutable(true) && bin.resolve("javac").toFile().setExecutable(true)).isTrue();
        if (release != null) Files.writeString(home.resolve("release"), release);
        return home;
    }

    private static ExternalProcess.Result run(String script) {
        return ExternalProcess.command(List.of("bash", "-c", ". '" + LIB + "'; " + script)).run();
    }

    private static String shell(String script) {
        ExternalProcess.Result r = run(script);
        assertThat(r.exit()).as("%s\n%s", script, r.err()).isZero();
        return r.out().strip();
    }

    @Test
    void theVersionComesFromTheReleaseFileWithoutRunningJava() throws IOException {
        Path home = fakeHome("jdk25", "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"25.0.3\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"", "99");
        assertThat(shell("wharf_java_major '" + home + "'")).isEqualTo("25");
        assertThat(shell("JAVA_HOME='" + home + "' wharf_find_jdk")).isEqualTo(home.toString());
        assertThat(home.resolve("bin/ran")).doesNotExist();
    }

    @Test
    void aReleaseFileWithoutANewlineAtTheEndIsReadToo() throws IOException {
        Path home = fakeHome("jdk21", "JAVA_VERSION=\"21\"", "99");
        assertThat(shell("wharf_java_major '" + home + "'")).isEqualTo("21");
        assertThat(home.resolve("bin/ran")).doesNotExist();
    }

    @Test
    void aHomeWithoutAReadableVersionIsAskedThroughItsJava() throws IOException {
        Path none = fakeHome("norelease", null, "22");
        Path odd = fakeHome("oddrelease", "JAVA_VERSION=\"unknown\"\n", "23");
        assertThat(shell("wharf_java_major '" + none + "'")).isEqualTo("22");
        assertThat(shell("wharf_java_major '" + odd + "'")).isEqualTo("23");
        assertThat(none.resolve("bin/ran")).exists();
        assertThat(odd.resolve("bin/ran")).exists();
    }

    @Test
    void aJavaHomeOlderThan21IsPassedOver() throws IOException {
        Path old = fakeHome("jdk17", "JAVA_VERSION=\"17.0.12\"\n", "17");
        // The search then goes on under /usr/lib/jvm: whatever it picks (or nothing), never the old home.
        ExternalProcess.Result r = run("JAVA_HOME='" + old + "' wharf_find_jdk");
        assertThat(r.out()).doesNotContain(old.toString());
        if (r.exit() != 0) assertThat(r.err()).contains("no JDK >= 21 found");
    }
}
