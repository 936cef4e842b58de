package dev.wharf.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runner's promises, with {@code sh} as the program: full pipes never block it, a timeout
 * kills the whole tree and names the command, and no wait is unbounded. The class timeout is a
 * guard only: without the runner's own bounds these tests would hang.
 */
@Tag(ExternalProcess.TAG)
@Timeout(60)
class ExternalProcessTest {

    @Test
    void aProgramThatFillsItsErrorPipeBeforeWritingOutputFinishesWithAllOfBoth() {
        // 300 KB on stderr first: a reader that waits for stdout to end before reading stderr deadlocks here
        ExternalProcess.Result r = ExternalProcess.command("sh", "-c",
                "head -c 300000 /dev/zero | tr '\\0' e >&2; head -c 300000 /dev/zero | tr '\\0' o; exit 3").run();
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).hasSize(300_000).matches("e+");
        assertThat(r.out()).hasSize(300_000).matches("o+");
    }

    @Test
    void aProgramStillRunningAtItsTimeoutIsKilledWithItsChildrenAndTheFailureNamesItAndShowsItsOutput() throws Exception {
        ExternalProcess p = ExternalProcess.command("sh", "-c", "sleep 300 & echo \"child $!\"; echo working on $0 >&2; wait",
                "hunter2").hide("hunter2").timeout(Duration.ofSeconds(1));

        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, p::run);

        assertThat(e.getMessage()).startsWith("sh -c sleep 300").contains("timed out after 1s")
                .contains("working on ***").doesNotContain("hunter2");
        Matcher child = Pattern.compile("child (\\d+)").matcher(e.getMessage());
        assertThat(child.find()).as("the output tail shows the child's pid: %s", e.getMessage()).isTrue();
        assertThat(gone(Long.parseLong(child.group(1)))).as("the child sleep was killed with its parent").isTrue();
    }

    @Test
    void stdinIsFedAndAFailureToExpectOkShowsWhatTheProgramSaid() {
        ExternalProcess.Result r = ExternalProcess.command("sh", "-c", "cat; echo oops >&2; exit 1")
                .stdin("hello".getBytes()).run();
        assertThat(r.out()).isEqualTo("hello");
        assertThatThrownBy(r::expectOk).hasMessageContaining("exited 1").hasMessageContaining("oops");
    }

    /** The process no longer exists, or is a zombie nobody reaped yet (it runs no more either way). */
    private static boolean gone(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            if (!Files.exists(stat)) return true;
            String s = Files.readString(stat);
            return s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
        }
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }
}
