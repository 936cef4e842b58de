package dev.wharf.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * A large GET of a region that is not in the page cache: the server reads each step into the cache
 * itself, one step ahead of the sendfile that sends it.
 *
 * <p>A large upload is written around the page cache (docs/performance.md, "Direct writes"), so the
 * first GET of a new blob finds none of its pages in memory. Sent with sendfile alone, the kernel
 * reads them by DMA into new cache pages, and the first CPU to touch each page is the receiver's
 * copy; on these machines a new page's first touch is expensive, and the first GET of 1 GiB ran at
 * a quarter of a cached one's rate, all of that cost on the receiving side. Read by the server
 * first (a plain read into a scratch buffer whose bytes are thrown away), the touch is the server's,
 * on the other core, while the receiver copies the step before; the pages stay in the cache, so the
 * GETs after it are sent from memory without any copy, as a blob pulled often should be.
 *
 * <p>Process-wide: at most {@link #TRANSFERS} transfers at once read ahead (sixteen were measured: no
 * faster, more CPU); a request that finds none free is sent by sendfile alone, as before. The scratch
 * buffer comes from Jetty's pool, as the copying path's buffers do.
 */
final class ColdReads {
    /** Regions smaller than this are not worth the check. */
    static final long MIN_LENGTH = 4L << 20;
    /** A cold region is sent in steps of this size, each read into the cache while the one before is sent. */
    static final int STEP = 8 << 20;
    /** One read of a step: large enough that syscalls do not count. */
    static final int SCRATCH = 1 << 20;
    /** Transfers that may read ahead at once. */
    private static final int TRANSFERS = 8;

    private static final Semaphore transfers = new Semaphore(TRANSFERS);
    /** Bytes this process has read ahead of sendfile (what tests look at to know which path a GET took). */
    private static final LongAdder pagedIn = new LongAdder();

    private ColdReads() {}

    /** Whether any page of the mapped region is absent from the page cache ({@code mincore(2)}; the mapping is never read). */
    static boolean cold(MappedByteBuffer mapping) {
        return !mapping.isLoaded();
    }

    /** Whether this transfer may read ahead: false when {@link #TRANSFERS} transfers do already. */
    static boolean enter() {
        return transfers.tryAcquire();
    }

    /** Ends a transfer that {@link #enter} let read ahead. */
    static void leave() {
        transfers.release();
    }

    /**
     * Reads {@code [pos, pos + length)} of the file through the page cache into {@code scratch},
     * keeping nothing. A failed read only loses the head start: the sendfile of those bytes, which
     * may be under way, reports its own error.
     */
    static void pageIn(FileChannel ch, ByteBuffer scratch, long pos, long length) {
        long end = pos + length;
        try {
            while (pos < end) {
                scratch.clear().limit((int) Math.min(scratch.capacity(), end - pos));
                int n = ch.read(scratch, pos);
                if (n <= 0) return; // the file is shorter: sendfile reports it
                pos += n;
                pagedIn.add(n);
            }
        } catch (IOException e) {
            // only the head start is lost
        }
    }

    static long pagedInBytes() {
        return pagedIn.sum();
    }
}
