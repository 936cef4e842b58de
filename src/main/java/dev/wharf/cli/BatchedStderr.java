package dev.wharf.cli;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * The log's way to standard error: lines are gathered in a buffer and written to {@link System#err}
 * (whichever stream it is at the time) by one daemon thread at most {@link #LINGER_MS} after the
 * first of them, or at once when the buffer fills or the log stops.
 *
 * <p>Why: Logback's console appender wrote every line with its own {@code write(2)}, and at several
 * thousand requests a second the access log alone cost about a fifth of each request's CPU
 * (docs/performance.md, "Request rates"); in batches it costs a few system calls a second. What a
 * crash can lose does not change in kind: the lines of the last moments, as the asynchronous
 * queue in front of this could already lose; a normal stop (the shutdown hook stops the appender)
 * writes everything.
 */
final class BatchedStderr extends OutputStream {
    static final int CAPACITY = 64 * 1024;
    static final long LINGER_MS = 20;
    private final byte[] buffer = new byte[CAPACITY];
    private int count;
    private boolean closed;
    private final Thread writer;

    BatchedStderr() {
        writer = Thread.ofPlatform().daemon().name("log-writer").start(this::writeLoop);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (len > CAPACITY - count) drain();
        if (len >= CAPACITY) {
            System.err.write(b, off, len);
            return;
        }
        boolean wasEmpty = count == 0;
        System.arraycopy(b, off, buffer, count, len);
        count += len;
        if (wasEmpty) notifyAll();
    }

    @Override
    public synchronized void flush() {
        drain();
    }

    /** Writes what is buffered and stops the writer thread; standard error itself stays open. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            drain();
            notifyAll();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        if (count == 0) return;
        System.err.write(buffer, 0, count);
        System.err.flush();
        count = 0;
    }

    private synchronized void writeLoop() {
        try {
            while (!closed) {
                while (count == 0 && !closed) wait();
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
                for (long left = LINGER_MS; left > 0 && !closed && count < CAPACITY / 2;
                        left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) {
                    wait(left);
                }
                drain();
            }
        } catch (InterruptedException e) {
            drain();
        }
    }
}
