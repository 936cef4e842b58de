package dev.wharf.cli;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The log's way to standard error: the threads that log copy their lines into a buffer, and one
 * daemon thread takes the whole buffer and writes it to {@link System#err} (whichever stream it is
 * at the time) at most {@link #LINGER_MS} after its first line, or at once when it is half full, on
 * {@link #flush} or when the log stops.
 *
 * <p>Why: Logback's console appender wrote every line with its own {@code write(2)}, and at several
 * thousand requests a second the access log alone cost about a fifth of each request's CPU
 * (docs/performance.md, "Request rates"); in batches it costs a few system calls a second. And
 * no thread that logs ever waits on standard error itself: the write happens outside the lock, into
 * a second buffer's worth of room, so a terminal or pipe that stalls (or a write held up by the
 * kernel's dirty-page throttling) holds up only this thread until both buffers are full; then the
 * threads that log wait (nothing is discarded). A line wakes the writer only when it is the first
 * of a batch, which is why this replaced Logback's asynchronous appender, whose worker woke for
 * nearly every line. What a crash can lose does not change in kind: the lines of the last moments;
 * a normal stop (the shutdown hook stops the appender) writes everything.
 */
final class BatchedStderr extends OutputStream {
    static final int CAPACITY = 1024 * 1024;
    static final long LINGER_MS = 20;
    private byte[] buffer = new byte[CAPACITY];
    private int count;
    /** Bytes taken into the buffer, and bytes written to stderr, since the start: what flush waits on. */
    private long taken;
    private long written;
    private boolean flushing;
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
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return;
        boolean interrupted = false;
        // a full buffer waits for the writer to take it (it never waits long: the writer takes it without writing)
        while (count > 0 && count + len > buffer.length && !closed && writer.isAlive()) {
            notifyAll();
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (count + len > buffer.length) buffer = Arrays.copyOf(buffer, count + len); // one line larger than the buffer
        System.arraycopy(b, off, buffer, count, len);
        boolean first = count == 0;
        count += len;
        taken += len;
        if (!writer.isAlive()) takeAndWrite(); // after the stop, lines go out at once
        else if (first || count >= CAPACITY / 2) notifyAll();
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Waits until every line written so far is on standard error. */
    @Override
    public synchronized void flush() {
        long target = taken;
        boolean interrupted = false;
        while (written < target && writer.isAlive()) {
            flushing = true;
            notifyAll();
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (written < target) takeAndWrite();
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Writes what is buffered and stops the writer thread; standard error itself stays open. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            takeAndWrite();
        }
    }

    /** Only after the writer has stopped (or under the lock at close): writes in the caller's thread. */
    private void takeAndWrite() {
        if (count == 0) return;
        System.err.write(buffer, 0, count);
        System.err.flush();
        written += count;
        count = 0;
    }

    private void writeLoop() {
        byte[] spare = new byte[CAPACITY];
        while (true) {
            byte[] out;
            int n;
            synchronized (this) {
                try {
                    while (count == 0 && !closed) wait();
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MS);
                    for (long left = LINGER_MS; left > 0 && !closed && !flushing && count < CAPACITY / 2;
                            left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) {
                        wait(left);
                    }
                } catch (InterruptedException e) {
                    closed = true;
                }
                if (count == 0) return; // closed, and nothing left
                out = buffer;
                n = count;
                buffer = spare;
                count = 0;
                flushing = false;
                notifyAll(); // threads waiting for room
            }
            System.err.write(out, 0, n);
            System.err.flush();
            spare = out.length == CAPACITY ? out : new byte[CAPACITY];
            synchronized (this) {
                written += n;
                notifyAll(); // flush() waiting for these bytes
            }
        }
    }
}
