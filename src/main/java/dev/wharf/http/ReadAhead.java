package dev.wharf.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * While a large region of a file is copied to a client, tells the kernel which bytes come next
 * ({@code posix_fadvise(POSIX_FADV_WILLNEED)}), {@link #AHEAD} ahead of the copy, so that it reads
 * them into the page cache in the background instead of when the copy asks for them.
 *
 * <p>A large upload is written around the page cache (docs/performance.md, "Direct writes"), so the
 * first GET of a new blob reads it from the disk. Left to itself, the kernel reads each part when
 * the copy asks for it (its own readahead, synchronous at first), into 2 MiB pages; told ahead, it
 * reads in the background, into 4 KiB pages. On this project's virtual machines that choice decides
 * what the first copy out of a page costs: the guest hands its free blocks of 2 MiB and more back to
 * its host, and the first touch of a page from a handed-back block pays for its return. A 2 MiB page
 * can only come from such a block; small pages come first from the small free blocks the guest
 * keeps. Told ahead, a cold 1 GiB read cost a tenth of the CPU, as long as such small blocks were
 * left (docs/performance.md, "The first GET after a push: which free memory the cache gets").
 * Elsewhere the same advice keeps a slow disk busy ahead of the client rather than behind it. For a
 * region already in the cache the advice finds every page present and does nothing.
 *
 * <p>Off by default ({@code server.readAhead}): the small pages stay small for as long as the blob
 * stays cached, and every later read of them costs the kernel about twice the CPU of a read of the
 * large pages its own readahead makes; once the small free blocks are spent (as on a busy server
 * whose page cache fills its memory) the first read gains nothing either (docs/performance.md,
 * "Read-ahead off by default").
 *
 * <p>The advice goes through the C library by the FFM API, which is final from JDK 22 on
 * ({@code Fadvise}, compiled for 22 and loaded by name); on JDK 21, or where it cannot be loaded,
 * nothing is advised and the kernel reads as it always did. Each advice covers at most
 * {@link #PIECE}: the kernel reads at most its readahead limit per call (the larger of the device's
 * largest request and its readahead window) and ignores the rest.
 */
final class ReadAhead implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);

    /** Regions smaller than this are not worth an open and the advice. */
    static final long MIN_LENGTH = 4L << 20;
    /** How far ahead of the copy the kernel is told to read: a bound on what one transfer holds in the cache beyond its position. */
    static final long AHEAD = 16L << 20;
    /** The copy advances this far before the window is extended again (fewer calls, same coverage). */
    static final long STEP = 2L << 20;
    /** The most one call advises: within the readahead limit of common block devices. */
    static final long PIECE = 512L << 10;

    /** The kernel's side: a descriptor of the file for advice, the advice, and its close. */
    interface Kernel {
        /** A read-only descriptor of the file, or -1. */
        int open(Path file);

        /** Asks the kernel to read {@code [offset, offset + length)} into the page cache; false if the call failed. */
        boolean willNeed(int fd, long offset, long length);

        void close(int fd);
    }

    private static final Kernel KERNEL = load();
    private static final LongAdder advisedBytes = new LongAdder();
    private static final ReadAhead NONE = new ReadAhead(-1, 0, 0);

    private final int fd;
    private final long end;
    private long advisedTo;
    private boolean failed;

    private ReadAhead(int fd, long offset, long end) {
        this.fd = fd;
        this.advisedTo = offset;
        this.end = end;
    }

    /** Advice for a copy of {@code [offset, offset + length)} of the file; for short regions, or where advice is unavailable, one that does nothing. */
    static ReadAhead open(Path file, long offset, long length) {
        if (KERNEL == null || length < MIN_LENGTH) return NONE;
        int fd = KERNEL.open(file);
        return fd < 0 ? NONE : new ReadAhead(fd, offset, offset + length);
    }

    /** Advice that does nothing: the kernel's own readahead reads the file as the copy asks. */
    static ReadAhead none() {
        return NONE;
    }

    /** Whether this JVM can advise the kernel (JDK 22+ on Linux, x86-64 or AArch64). */
    static boolean available() {
        return KERNEL != null;
    }

    /** Call before the copy reads at {@code pos}: advises up to {@link #AHEAD} past it, in steps of at least {@link #STEP}. */
    void reached(long pos) {
        if (fd < 0 || failed) return;
        if (advisedTo < pos) advisedTo = pos; // nothing behind the copy is worth reading
        long want = Math.min(end, pos + AHEAD);
        if (want - advisedTo < STEP && !(want == end && advisedTo < end)) return;
        while (advisedTo < want) {
            long n = Math.min(PIECE, want - advisedTo);
            if (!KERNEL.willNeed(fd, advisedTo, n)) {
                failed = true; // the copy reads as it would have without advice
                return;
            }
            advisedTo += n;
            advisedBytes.add(n);
        }
    }

    @Override
    public void close() {
        if (fd >= 0) KERNEL.close(fd);
    }

    /** Bytes this process has advised (what tests look at to know that a copy was announced). */
    static long advisedBytes() {
        return advisedBytes.sum();
    }

    private static Kernel load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        // Fadvise's constants (O_CLOEXEC, POSIX_FADV_WILLNEED) are those of Linux on these two.
        if (Runtime.version().feature() < 22 || !os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("aarch64"))) {
            return null;
        }
        try {
            return (Kernel) Class.forName("dev.wharf.http.Fadvise").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.info("large blob reads are not announced to the kernel ahead of the copy: {}", e.toString());
            return null;
        }
    }
}
