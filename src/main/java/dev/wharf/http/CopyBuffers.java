package dev.wharf.http;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;

import java.util.concurrent.Semaphore;

/**
 * The buffers a copied file transfer ({@link Exchange#sendFile} without sendfile) reads into, under
 * a process-wide budget. A transfer larger than one buffer takes two 1 MiB buffers, so that the
 * next part is read while the last is written; with every connection able to do that, 4,096 open
 * connections could ask for 8 GiB of direct memory. So at most {@link #LARGE_BUFFERS} 1 MiB
 * buffers are out at once (the pool keeps as many idle); a transfer that finds fewer free takes one,
 * or else one {@link #SMALL} buffer (the size in which Jetty reads a request body here). Buffers of
 * a small region (at most {@link #SMALL}) are not counted.
 */
final class CopyBuffers {
    static final int LARGE = 1 << 20;
    static final int SMALL = 64 << 10;
    /** 1 MiB buffers out at once: the 32 MiB of direct memory the server's pool keeps idle at most. */
    static final int LARGE_BUFFERS = 32;

    private final Semaphore large;

    CopyBuffers(int largeBuffers) {
        this.large = new Semaphore(largeBuffers);
    }

    /** The buffers for sending {@code length} bytes: two large ones, one, or one small one, whatever the budget allows. */
    Lease lease(ByteBufferPool pool, long length) {
        if (length <= SMALL) return new Lease(0, pool.acquire((int) Math.max(1, length), true));
        if (length > LARGE && large.tryAcquire(2)) return new Lease(2, pool.acquire(LARGE, true), pool.acquire(LARGE, true));
        if (large.tryAcquire()) return new Lease(1, pool.acquire((int) Math.min(LARGE, length), true));
        return new Lease(0, pool.acquire(SMALL, true));
    }

    /** 1 MiB buffers free in the budget now (for tests). */
    int largeFree() {
        return large.availablePermits();
    }

    /** Buffers taken together; each is given back by {@link #release(int)}, its budget with it. */
    final class Lease {
        private final RetainableByteBuffer[] buffers;
        private int counted;

        private Lease(int counted, RetainableByteBuffer... buffers) {
            this.counted = counted;
            this.buffers = buffers;
        }

        int size() {
            return buffers.length;
        }

        RetainableByteBuffer get(int k) {
            return buffers[k];
        }

        /** Gives buffer {@code k} back to the pool, and its place in the budget. */
        void release(int k) {
            buffers[k].release();
            if (counted > 0) {
                counted--;
                large.release();
            }
        }

        /**
         * Gives up buffer {@code k} without returning it to the pool: Jetty may still be writing it, and
         * the collector frees it once no one holds it. Its place in the budget is given back.
         */
        void abandon(int k) {
            if (counted > 0) {
                counted--;
                large.release();
            }
        }
    }
}
