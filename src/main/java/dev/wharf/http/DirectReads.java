package dev.wharf.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The first large copied GET of a file that is not in the page cache reads it around the cache
 * ({@code O_DIRECT}), into the transfer's own buffers; the second and later ones read through it.
 *
 * <p>A large upload is written around the page cache (docs/performance.md, "Direct writes"), so the
 * first GET of a new blob — on a registry, most often the pull that follows a push — finds none of
 * it in memory. Read through the cache, every page of it is new memory, and on the virtual machines
 * this project is measured on a page of memory the guest has not touched lately is expensive at its
 * first touch: that GET ran at a quarter to a half of a cached one's rate with four times its CPU,
 * whether the kernel read ahead or not (docs/performance.md, "Issue 14's twenty-first round"). Read
 * around the cache, the disk's bytes land in the transfer's buffers, which are used over and over,
 * and the same GET runs at about the cached rate with less CPU than either.
 *
 * <p>What is read around the cache does not stay in it, so a blob read only once (a CI image pushed,
 * pulled by one job and never again) costs the machine no memory, and does not push popular blobs
 * out. A file read a second time while it is still remembered here ({@link #REMEMBERED} files, the
 * least recently read forgotten first) is read through the cache, so that a blob pulled often is
 * served from memory from then on, as every read of a file already in the cache is.
 *
 * <p>Where the filesystem refuses {@code O_DIRECT} (some FUSE and network filesystems, tmpfs before
 * Linux 6.6), or an aligned read fails before anything was sent, the transfer reads through the
 * cache as before, and so does every later one.
 */
final class DirectReads {
    private static final Logger LOG = LoggerFactory.getLogger(DirectReads.class);

    /** Regions smaller than this are read through the cache: not worth the residency check and the second open. */
    static final long MIN_LENGTH = 4L << 20;
    /** The alignment of every read's position, length and buffer: a multiple of the block size of common filesystems. */
    static final int ALIGN = 4096;
    /** Files remembered as read once (their second read goes through the cache). */
    static final int REMEMBERED = 4096;
    /** The most one residency check maps at once (a mapping is at most 2 GiB). */
    private static final long CHECK_PIECE = 1L << 30;

    private static final LongAdder directBytes = new LongAdder();
    private static final Map<Path, Boolean> readOnce = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private static volatile boolean refused;

    private DirectReads() {}

    /**
     * A channel that reads {@code [offset, offset + length)} of the file around the page cache, or
     * null when the region should be read through it: short, already all in the cache, read before,
     * or on a filesystem that refused {@code O_DIRECT}. {@code cached} is the transfer's ordinary
     * channel of the file (for the residency check; it is not read).
     */
    static FileChannel open(Path file, FileChannel cached, long offset, long length) {
        if (refused || length < MIN_LENGTH || resident(cached, offset, length)) return null;
        synchronized (readOnce) {
            if (readOnce.containsKey(file)) return null; // read before: this read keeps it in the cache
            readOnce.put(file, Boolean.TRUE);
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            refuse(e);
            return null;
        }
    }

    /** Whether every page of the region is in the page cache ({@code mincore(2)} of a mapping that is never read). */
    static boolean resident(FileChannel ch, long offset, long length) {
        try {
            for (long at = offset, end = offset + length; at < end; at += CHECK_PIECE) {
                if (!ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(CHECK_PIECE, end - at)).isLoaded()) return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell (the file is shorter than the region, say): the cached read reports it
        }
    }

    /** The part of a transfer buffer that aligned reads can use: aligned at both ends, at least {@link #ALIGN}, or null. */
    static ByteBuffer aligned(ByteBuffer buffer) {
        ByteBuffer b = buffer.clear().alignedSlice(ALIGN);
        int usable = b.capacity() & -ALIGN;
        return usable < ALIGN ? null : b.limit(usable).slice();
    }

    /**
     * Fills {@code buf} (from {@link #aligned}) with the file's bytes from {@code pos}, at most up to
     * {@code end}, reading whole aligned blocks; returns the position after them, with the buffer's
     * position and limit around exactly {@code [pos, that)}.
     */
    static long fill(FileChannel direct, ByteBuffer buf, long pos, long end) throws IOException {
        long start = pos & -ALIGN;
        long want = Math.min(buf.capacity(), (end - start + ALIGN - 1) & -ALIGN);
        buf.clear().limit((int) want);
        while (buf.hasRemaining()) {
            int n = direct.read(buf, start + buf.position());
            if (n <= 0 || (buf.position() & (ALIGN - 1)) != 0) break; // the file's end: nothing more, or a short last block
        }
        long upTo = Math.min(end, start + want);
        long got = start + buf.position();
        if (got < upTo) throw new EOFException("the file ended " + (end - got) + " bytes early");
        buf.limit((int) (upTo - start)).position((int) (pos - start));
        directBytes.add(upTo - pos);
        return upTo;
    }

    /** After an aligned read failed (not at the file's end) before anything was sent: this and every later transfer read through the cache. */
    static void refuse(Exception e) {
        if (!refused) {
            refused = true;
            LOG.info("large blob reads go through the page cache: this filesystem refused an aligned O_DIRECT read ({})", e.toString());
        }
    }

    /** Bytes this process has read around the page cache (what tests look at to know which way a GET read). */
    static long directBytes() {
        return directBytes.sum();
    }
}
