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

    @Test
    void flushReturnsOnlyWhenEveryLineIsOnStderr() {
        BatchedStderr out = new BatchedStderr();
        try {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                byte[] line = ("flushed " + i + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(line, 0, line.length);
                expected.append("flushed ").append(i).append('\n');
            }
            out.flush();
            assertThat(text()).isEqualTo(expected.toString());
        } finally {
            out.close();
        }
    }

    @Test
    void aStalledStderrHoldsUpOnlyTheWriterThreadAndLosesNothing() throws Exception {
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8) {
            @Override
            public void write(byte[] b, int off, int len) {
                stalled.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.write(b, off, len);
            }
        });
        BatchedStderr out = new BatchedStderr();
        java.util.concurrent.ExecutorService logging = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            byte[] first = "first\n".getBytes(StandardCharsets.UTF_8);
            out.write(first, 0, first.length);
            assertThat(stalled.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the writer took the first line").isTrue();
            StringBuilder expected = new StringBuilder("first\n");
            for (int i = 0; i < 10_000; i++) expected.append("while stalled ").append(i).append('\n');
            // about 200 KiB, within the buffer: a thread that logs must not wait on the stalled stderr
            logging.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    byte[] line = ("while stalled " + i + "\n").getBytes(StandardCharsets.UTF_8);
                    out.write(line, 0, line.length);
                }
            }).get(30, java.util.concurrent.TimeUnit.SECONDS);
            release.countDown();
            out.flush();
            assertThat(text()).isEqualTo(expected.toString());
        } finally {
            release.countDown();
            logging.shutdownNow();
            out.close();
        }
    }
}
