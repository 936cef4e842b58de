package dev.wharf.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.ExternalProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/wharf} as a user runs it, on a checkout of its own (bin/ copied, sources linked, no
 * target/): processes started together build once, record the class-data cache without racing
 * (written aside, renamed into place), and {@code --output json} is pure JSON on stdout whatever
 * the JVM logs, even from a cache it cannot use.
 */
@Tag(ExternalProcess.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Duration BUILD = Duration.ofMinutes(10);
    private static final Duration RUN = Duration.ofMinutes(2);

    @TempDir
    static Path tmp;
    static Path checkout;

    @BeforeAll
    static void freshCheckout() throws IOException {
        Path project = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.createDirectories(checkout.resolve("bin"));
        for (String f : List.of("wharf", "lib.sh")) {
            Files.copy(project.resolve("bin").resolve(f), checkout.resolve("bin").resolve(f));
        }
        checkout.resolve("bin/wharf").toFile().setExecutable(true);
        Files.createSymbolicLink(checkout.resolve("src"), project.resolve("src"));
        Files.copy(project.resolve("pom.xml"), checkout.resolve("pom.xml")); // a link could make Maven build in the project itself
    }

    private static ExternalProcess wharf(String... args) {
        List<String> cmd = new ArrayList<>(List.of(checkout.resolve("bin/wharf").toString()));
        cmd.addAll(List.of(args));
        // Servers run side by side here: the management listener's fixed default port would be taken twice.
        return ExternalProcess.command(cmd).env(Map.of("WHARF_LOG_LEVEL", "INFO", "WHARF_MANAGEMENT_PORT", "0"));
    }

    /** Two {@code account create --output json} at once, each on its own data directory. */
    private static List<ExternalProcess.Result> twoAccountCreates(String label, Duration limit) {
        try (ExternalProcess.Started a = wharf("account", "create", "--data-dir", tmp.resolve(label + "-a").toString(),
                "--output", "json").start();
             ExternalProcess.Started b = wharf("account", "create", "--data-dir", tmp.resolve(label + "-b").toString(),
                     "--output", "json").start()) {
            return List.of(a.finish(limit), b.finish(limit));
        }
    }

    private static void assertPureJson(ExternalProcess.Result r) throws IOException {
        assertThat(r.exit()).as("%s\n%s", r.command(), r.err()).isZero();
        assertThat(r.out().strip()).as("stdout of %s", r.command()).startsWith("{").endsWith("}").doesNotContain("\n");
        JsonNode created = JSON.readTree(r.out());
        assertThat(created.path("accountId").asText()).matches("\\d{12}");
        assertThat(created.path("accessKeyId").asText()).isNotEmpty();
        assertThat(created.path("secretAccessKey").asText()).isNotEmpty();
    }

    private static Path cache() {
        Path aot = checkout.resolve("target/wharf.aot");
        return Files.exists(aot) || Runtime.version().feature() >= 25 ? aot : checkout.resolve("target/wharf.jsa");
    }

    private static List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(checkout.resolve("target"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.contains(".tmp.")).toList();
        }
    }

    /** The temporary directory of the servers of test 2 (and of their cache's training). */
    private static Path javaTmp() throws IOException {
        return Files.createDirectories(tmp.resolve("java-tmp"));
    }

    /** The training session's scratch directories: each must be gone once it ends. */
    private static List<String> scratchDirectories() throws IOException {
        try (Stream<Path> s = Files.list(javaTmp())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("wharf-train-")).toList();
        }
    }

    @Test
    @Order(1)
    void twoCommandsStartedTogetherOnAFreshCheckoutBuildOnceAndPrintPureJson() throws Exception {
        List<ExternalProcess.Result> both = twoAccountCreates("fresh", BUILD);
        for (ExternalProcess.Result r : both) assertPureJson(r);
        assertThat(both.stream().filter(r -> r.err().contains("wharf: building")).count()).as("builds").isEqualTo(1);
    }

    @Test
    @Order(2)
    void twoServersStartedTogetherWithoutACacheTrainOnceAndBothLoadTheCache() throws Exception {
        Files.deleteIfExists(cache());
        Map<String, String> ownTmp = Map.of("WHARF_JAVA_OPTS", "-Xms64m -Xmx256m -XX:+UseSerialGC -Djava.io.tmpdir=" + javaTmp());
        try (ExternalProcess.Started a = wharf("serve", "--port", "0", "--data-dir", tmp.resolve("serve-a").toString()).env(ownTmp).start();
             ExternalProcess.Started b = wharf("serve", "--port", "0", "--data-dir", tmp.resolve("serve-b").toString()).env(ownTmp).start()) {
            a.awaitOutput("Wharf listening on", RUN);
            b.awaitOutput("Wharf listening on", RUN);
            // the cache is in place before either serves: one trained it, the other waited and loaded it
            assertThat(cache()).isRegularFile();
            assertThat(Stream.of(a, b).filter(p -> p.err().contains("wharf: training the class-data cache")).count())
                    .as("trainings").isEqualTo(1);
            assertThat(a.out()).doesNotContain("listening"); // the log is on stderr; stdout has the first-start message only
            assertThat(a.err() + b.err()).doesNotContain("training failed").doesNotContain(" INFO  wharf.access");
            a.stop(RUN);
            b.stop(RUN);
        }
        assertThat(leftovers()).as("temporary cache files").isEmpty();
        assertThat(scratchDirectories()).as("the training's scratch directories").isEmpty();

        // the JVM refuses to start if it cannot use the cache when told it must
        String mustUse = Runtime.version().feature() >= 25 ? "-XX:AOTMode=on" : "-Xshare:on";
        ExternalProcess.Result strict = wharf("account", "create", "--data-dir", tmp.resolve("strict").toString(), "--output", "json")
                .env(Map.of("WHARF_JAVA_OPTS", "-Xms64m -Xmx256m -XX:+UseSerialGC " + mustUse)).timeout(RUN).run();
        assertPureJson(strict);
        for (ExternalProcess.Result r : twoAccountCreates("cached", RUN)) assertPureJson(r);
    }

    @Test
    @Order(3)
    void theDefaultFlagsGiveTheAllocatorsFreedMemoryBackOnJdksThatCan() throws Exception {
        // The launcher picks the JDK this test runs on (bin/test and bin/wharf select the same way).
        ExternalProcess.Result r = wharf("--version").env(Map.of("WHARF_JAVA_LOG", "-XX:+PrintCommandLineFlags")).timeout(RUN).run();
        assertThat(r.exit()).as("%s\n%s", r.command(), r.err()).isZero();
        assertThat(r.out()).contains("-XX:+UseSerialGC").contains("-XX:MaxHeapSize=268435456");
        if (Runtime.version().feature() >= 22) {
            assertThat(r.out()).contains("-XX:TrimNativeHeapInterval=5000");
        } else {
            assertThat(r.out()).doesNotContain("TrimNativeHeapInterval");
        }
        // an operator's own options replace the defaults, trimming with them
        ExternalProcess.Result own = wharf("--version").env(Map.of("WHARF_JAVA_OPTS", "-Xmx300m",
                "WHARF_JAVA_LOG", "-XX:+PrintCommandLineFlags")).timeout(RUN).run();
        assertThat(own.exit()).as("%s\n%s", own.command(), own.err()).isZero();
        assertThat(own.out()).contains("-XX:MaxHeapSize=314572800").doesNotContain("TrimNativeHeapInterval");
    }

    @Test
    @Order(4)
    void aCacheTheJvmCannotUseIsReportedOnStderrAndStdoutStaysPureJson() throws Exception {
        Files.write(cache(), "not a class-data cache".getBytes(StandardCharsets.UTF_8));
        for (ExternalProcess.Result r : twoAccountCreates("broken", RUN)) assertPureJson(r);
    }
}
