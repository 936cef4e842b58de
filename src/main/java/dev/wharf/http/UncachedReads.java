package dev.wharf.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads of a file's region that is not in the page cache, done around it (O_DIRECT) into a pair of
 * aligned buffers of this process.
 *
 * <p>A large upload is written around the page cache (docs/performance.md, "Direct writes"), so the
 * first GET of a new blob finds none of its pages in memory. Sent with sendfile, the kernel reads it
 * into new cache pages whose first touch by a CPU is the receiver's copy, and on these machines a
 * new page's first touch is expensive: the first GET of 1 GiB ran at a quarter of a cached one's
 * rate. Read around the cache, the bytes land by DMA in buffers this process already touched and
 * reuses, and the socket's own buffers are recycled ones too.
 *
 * <p>Process-wide (direct memory is): at most {@link #TRANSFERS} transfers at once hold a pair; a
 * request that finds none free is served through the page cache as before.
 */
final class UncachedReads {
    /** One read: a direct read of 1 MiB runs at several times the loopback copy rate here. */
    static final int CHUNK = 1 << 20;
    /**
     * Offsets and buffer addresses are aligned to this, a multiple of any block size O_DIRECT asks
     * for on the filesystems Wharf runs on (512 B to 64 KiB); a filesystem that asks more refuses the
     * first read, and the request goes through the page cache.
     */
    static final int ALIGN = 64 << 10;
    /** Transfers that may hold a pair of buffers at once (2 MiB each). */
    private static final int TRANSFERS = 8;
    /** Regions smaller than this are not worth the check. */
    static final long MIN_LENGTH = 4 * CHUNK;

    private static final Semaphore transfers = new Semaphore(TRANSFERS);
    private static final ArrayBlockingQueue<ByteBuffer> kept = new ArrayBlockingQueue<>(2 * TRANSFERS);
    /** Bytes this process has sent by this path (what tests look at to know which path a GET took). */
    private static final LongAdder sent = new LongAdder();

    private UncachedReads() {}

    /**
     * Whether the region's first pages are absent from the page cache ({@code mincore(2)} on a
     * mapping that is never read). A region that is only partly cached counts as absent: reading it
     * around the cache costs about what reading it through would.
     */
    static boolean uncached(FileChannel ch, long offset, long length) throws IOException {
        long n = Math.min(length, Math.min(Integer.MAX_VALUE, ch.size() - offset));
        if (n <= 0) return false;
        MappedByteBuffer probe = ch.map(FileChannel.MapMode.READ_ONLY, offset, n);
        return !probe.isLoaded();
    }

    /** The file opened for reads around the page cache, or null where the filesystem refuses that. */
    static FileChannel openDirect(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** A pair of aligned buffers for one transfer, or null when {@link #TRANSFERS} transfers hold one. */
    static ByteBuffer[] take() {
        if (!transfers.tryAcquire()) return null;
        try {
            return new ByteBuffer[] {buffer(), buffer()};
        } catch (OutOfMemoryError e) {
            transfers.release(); // direct memory is short: this request goes through the cache
            return null;
        }
    }

    private static ByteBuffer buffer() {
        ByteBuffer b = kept.poll();
        return b != null ? b : ByteBuffer.allocateDirect(CHUNK + ALIGN).alignedSlice(ALIGN);
    }

    /**
     * Ends a transfer. {@code reusable} false when a write may still hold one of the buffers (the
     * transfer failed half-way): they are then left to the collector instead of being handed out again.
     */
    static void give(ByteBuffer[] pair, boolean reusable) {
        if (reusable) {
            for (ByteBuffer b : pair) kept.offer(b);
        }
        transfers.release();
    }

    /**
     * Fills {@code buf} with the aligned chunk at {@code readAt} and leaves it holding the part of
     * {@code [from, end)} it covers. Throws when the file ends before {@code end}.
     */
    static ByteBuffer fill(FileChannel direct, ByteBuffer buf, long readAt, long from, long end) throws IOException {
        long want = Math.min(CHUNK, roundUp(end - readAt)); // a slice may hold more than CHUNK: never read past it
        buf.clear().limit((int) want);
        while (buf.hasRemaining()) {
            int n = direct.read(buf, readAt + buf.position());
            if (n <= 0 || buf.position() % ALIGN != 0) break; // the end of the file (a short read is only ever the last)
        }
        long got = readAt + buf.position();
        long upTo = Math.min(got, end);
        if (upTo <= from || (upTo < end && got < readAt + want)) {
            throw new IOException("the file ended " + (end - Math.max(from, upTo)) + " bytes early");
        }
        buf.limit((int) (upTo - readAt)).position((int) (from - readAt));
        return buf;
    }

    static void sent(long n) {
        sent.add(n);
    }

    static long sentBytes() {
        return sent.sum();
    }

    static long alignDown(long pos) {
        return pos - Math.floorMod(pos, ALIGN);
    }

    private static long roundUp(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }
}
