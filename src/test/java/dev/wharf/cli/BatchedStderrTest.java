package dev.wharf.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import dev.wharf.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Log lines reach standard error whole and in order, without waiting for a stop, in few writes. */
class BatchedStderrTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final AtomicInteger writes = new AtomicInteger();
    private PrintStream saved;

    @BeforeEach
    void capture() {
        saved = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8) {
            @Override
            public void write(byte[] b, int off, int len) {
                writes.incrementAndGet();
                super.write(b, off, len);
            }
        });
    }

    @AfterEach
    void restore() {
        System.setErr(saved);
    }

    private String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBurstOfLinesIsWrittenInOrderInAFewWritesAndWithoutAStop() {
        BatchedStderr out = new BatchedStderr();
        try {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(line, 0, line.length);
                expected.append("line ").append(i).append('\n');
            }
            // the writer thread delivers them on its own, within its linger; wait for it (bounded)
            Await.until(Duration.ofSeconds(10), "the lines on stderr", () -> text().equals(expected.toString()));
            assertThat(writes.get()).as("writes to stderr for 1000 lines").isLessThan(100);
        } finally {
            out.close();
        }
    }

    @Test
    void closingWritesWhatIsBufferedAndALineLargerThanTheBufferPassesWhole() {
        BatchedStderr out = new BatchedStderr();
        byte[] small = "small\n".getBytes(StandardCharsets.UTF_8);
        byte[] large = ("x".repeat(BatchedStderr.CAPACITY + 10) + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(small, 0, small.length);
        out.write(large, 0, large.length);
        out.write(small, 0, small.length);
        out.close();
        assertThat(text()).isEqualTo("small\n" + "x".repeat(BatchedStderr.CAPACITY + 10) + "\nsmall\n");
    }
}
