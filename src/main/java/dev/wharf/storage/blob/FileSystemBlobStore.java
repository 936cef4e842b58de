package dev.wharf.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local-filesystem backend. Layout under its root (drawn once, here):
 * <pre>
 *   blobs/&lt;alg&gt;/&lt;first two hex&gt;/&lt;hex&gt;   committed blobs, one copy per digest
 *   uploads/&lt;uploadId&gt;                    upload sessions, append-only; made by the first write
 * </pre>
 * Every write is synced before it returns; commit is an atomic rename into place, then fsync of
 * the directory: after a crash a blob is either absent or whole.
 *
 * <p>A large body's full 1 MiB reads bypass the page cache (O_DIRECT, where the filesystem takes
 * it): the kernel neither copies them into new cache pages nor writes those back at the flush, which
 * was most of a large push's system time (docs/performance.md, "Direct writes"). Unaligned heads and
 * tails, and every small body, go through the page cache as before.
 */
public final class FileSystemBlobStore implements BlobStore, LocalFileAccess, FreeSpace {
    private static final int MIN_WRITE = 64 << 10;
    private static final int MAX_WRITE = 1 << 20;
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Set<StandardOpenOption> CREATE_WRITE = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);

    private final Path blobs;
    private final Path uploads;
    /** The alignment O_DIRECT needs here (the filesystem's block size), or 0 where it is not used. */
    private final int directAlignment;
    /** Aligned 1 MiB direct buffers for the direct writes, a few kept between requests. */
    private final ArrayBlockingQueue<ByteBuffer> directBuffers = new ArrayBlockingQueue<>(8);
    /**
     * At most this many writes go around the cache at once (32 MiB of buffers outside the heap);
     * more write through the cache, so many concurrent pushes cannot exhaust direct memory.
     */
    private final Semaphore directWriters;
    /**
     * One writer per session file at a time in this process. The metadata row's claim already
     * admits one writer; this keeps a writer whose claim went stale from interleaving its bytes
     * with those of the writer that took over (each waits for the other, then truncates).
     */
    private final Object[] writing = new Object[64];

    public FileSystemBlobStore(Path root) throws IOException {
        this(root, true, 32);
    }

    /**
     * {@code directWrites} false keeps every write in the page cache; {@code maxDirectWriters}
     * writes at most go around it at once (the tests of both paths and of the bound).
     */
    FileSystemBlobStore(Path root, boolean directWrites, int maxDirectWriters) throws IOException {
        this.directWriters = new Semaphore(maxDirectWriters);
        this.blobs = root.resolve("blobs");
        this.uploads = root.resolve("uploads");
        for (int i = 0; i < writing.length; i++) writing[i] = new Object();
        PrivateFiles.directory(root);
        PrivateFiles.directory(blobs);
        PrivateFiles.directory(uploads);
        PrivateFiles.tighten(root);
        this.directAlignment = directWrites ? probeDirect(uploads) : 0;
    }

    /**
     * The block size if this filesystem takes an aligned O_DIRECT write (tmpfs before Linux 6.6,
     * some FUSE and network filesystems refuse the flag), else 0. A probe file is written and removed.
     */
    static int probeDirect(Path dir) {
        // named as a session file, so that one a crash left behind goes with the hourly clean-up of stale sessions
        Path probe = dir.resolve("direct-probe-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId());
        try {
            FileStore fs = Files.getFileStore(dir);
            long bs = fs.getBlockSize();
            if (bs < 512 || bs > MAX_WRITE || Long.bitCount(bs) != 1) return 0;
            int align = (int) bs;
            try (FileChannel ch = FileChannel.open(probe, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    com.sun.nio.file.ExtendedOpenOption.DIRECT), PrivateFiles.fileAttributes(dir))) {
                ByteBuffer b = ByteBuffer.allocateDirect(2 * align).alignedSlice(align).limit(align);
                ch.write(b, 0);
            }
            return align;
        } catch (IOException | RuntimeException e) {
            return 0;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // one block; the clean-up of stale session files removes it
            }
        }
    }

    /** Whether full reads of a large body go around the page cache here. */
    boolean writesDirect() {
        return directAlignment > 0;
    }

    private Path blobPath(Digest d) {
        return blobs.resolve(d.algorithm().prefix()).resolve(d.hex().substring(0, 2)).resolve(d.hex());
    }

    private Path uploadPath(String uploadId) {
        if (!UPLOAD_ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("upload id is not path-safe");
        }
        return uploads.resolve(uploadId);
    }

    @Override
    public OptionalLong size(Digest digest) throws IOException {
        try {
            return OptionalLong.of(Files.size(blobPath(digest)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public Optional<Path> file(Digest digest) {
        Path p = blobPath(digest);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public InputStream open(Digest digest, long offset) throws IOException {
        FileChannel ch = FileChannel.open(blobPath(digest), StandardOpenOption.READ);
        try {
            ch.position(offset);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return Channels.newInputStream(ch);
    }

    @Override
    public void delete(Digest digest) throws IOException {
        Files.deleteIfExists(blobPath(digest));
    }

    @Override
    public void createUpload(String uploadId) throws IOException {
        try {
            Files.createFile(uploadPath(uploadId), PrivateFiles.fileAttributes(uploads));
        } catch (IOException e) {
            throw full(e);
        }
    }

    @Override
    public long usableBytes() throws IOException {
        return Files.getFileStore(uploads).getUsableSpace();
    }

    @Override
    public long write(String uploadId, long offset, InputStream data) throws IOException {
        Path p = uploadPath(uploadId);
        synchronized (writing[Math.floorMod(uploadId.hashCode(), writing.length)]) {
            try {
                return writeLocked(p, uploadId, offset, data);
            } catch (IOException e) {
                IOException named = full(e);
                if (named instanceof StorageFullException) giveBack(p, offset, named);
                throw named;
            }
        }
    }

    /** A chunk that filled the disk gives its partial bytes back at once, so that other work can go on. */
    private static void giveBack(Path p, long offset, IOException failure) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(offset);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private long writeLocked(Path p, String uploadId, long offset, InputStream data) throws IOException {
        FileChannel direct = null;
        ByteBuffer aligned = null;
        try (FileChannel ch = openForWrite(p, uploadId, offset)) {
            if (ch.size() < offset) {
                throw new IOException("the session file " + uploadId + " holds " + ch.size() + " bytes, fewer than its recorded " + offset);
            }
            ch.truncate(offset);
            // Few large writes: each write(2) costs the filesystem far more than the bytes it
            // copies, so the buffer grows from 64 KiB to 1 MiB while the body keeps filling it
            // (a 4 KiB layer never pays for a 1 MiB buffer). docs/performance.md has the figures.
            byte[] buf = new byte[MIN_WRITE];
            long pos = offset;
            int n;
            boolean around = directAlignment > 0;
            while ((n = data.readNBytes(buf, 0, buf.length)) > 0) {
                if (n == MAX_WRITE && around && direct == null) {
                    aligned = takeDirectBuffer();
                    if (aligned == null) {
                        around = false;
                    } else {
                        try {
                            direct = FileChannel.open(p, StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT);
                        } catch (IOException | RuntimeException e) {
                            giveDirectBuffer(aligned);
                            throw e;
                        }
                    }
                }
                if (n == MAX_WRITE && direct != null) {
                    writeAround(ch, direct, aligned, buf, n, pos);
                } else {
                    writeFully(ch, ByteBuffer.wrap(buf, 0, n), pos);
                }
                pos += n;
                if (n == buf.length && buf.length < MAX_WRITE) buf = new byte[buf.length * 4];
            }
            ch.force(false); // one inode: the direct writes' new size and blocks too, and the disk's cache
            return pos - offset;
        } finally {
            if (direct != null) {
                try {
                    direct.close();
                } finally {
                    giveDirectBuffer(aligned);
                }
            }
        }
    }

    /**
     * Writes {@code buf[0, n)} at {@code pos}: the whole blocks with O_DIRECT from the aligned
     * buffer, the part before the first block boundary and after the last through the page cache.
     */
    private void writeAround(FileChannel cached, FileChannel direct, ByteBuffer aligned, byte[] buf, int n, long pos) throws IOException {
        int head = (int) Math.floorMod(-pos, (long) directAlignment);
        if (head >= n) {
            writeFully(cached, ByteBuffer.wrap(buf, 0, n), pos);
            return;
        }
        int middle = (n - head) / directAlignment * directAlignment;
        if (head > 0) writeFully(cached, ByteBuffer.wrap(buf, 0, head), pos);
        if (middle > 0) {
            aligned.clear();
            aligned.put(buf, head, middle).flip();
            writeFully(direct, aligned, pos + head);
        }
        int tail = n - head - middle;
        if (tail > 0) writeFully(cached, ByteBuffer.wrap(buf, head + middle, tail), pos + head + middle);
    }

    private static void writeFully(FileChannel ch, ByteBuffer bb, long pos) throws IOException {
        while (bb.hasRemaining()) pos += ch.write(bb, pos);
    }

    /** A buffer for one write's direct part, or null when as many writes as allowed have one or direct memory is short. */
    private ByteBuffer takeDirectBuffer() {
        if (!directWriters.tryAcquire()) return null;
        ByteBuffer b = directBuffers.poll();
        if (b != null) return b;
        try {
            return ByteBuffer.allocateDirect(MAX_WRITE + directAlignment).alignedSlice(directAlignment);
        } catch (OutOfMemoryError e) {
            directWriters.release(); // direct memory is short: this write goes through the cache instead
            return null;
        }
    }

    private void giveDirectBuffer(ByteBuffer b) {
        directBuffers.offer(b);
        directWriters.release();
    }

    /** The session's file; a write at offset 0 creates it (the SPI: a session's file appears with its first bytes). */
    private FileChannel openForWrite(Path p, String uploadId, long offset) throws IOException {
        try {
            return offset == 0
                    ? FileChannel.open(p, CREATE_WRITE, PrivateFiles.fileAttributes(uploads))
                    : FileChannel.open(p, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(uploadId); // the id, never the path
        }
    }

    /**
     * ENOSPC and EDQUOT as their own type: the JDK reports them as a plain IOException whose
     * message is the C library's text, so the text is the only sign (stable across Linux and macOS).
     */
    private static IOException full(IOException e) {
        if (e instanceof StorageFullException) return e;
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
            return new StorageFullException("the blob store's filesystem is full: " + m, e);
        }
        return e;
    }

    @Override
    public InputStream openUpload(String uploadId) throws IOException {
        return Files.newInputStream(uploadPath(uploadId));
    }

    @Override
    public void commitUpload(String uploadId, long length, Digest digest) throws IOException {
        try {
            commitLocked(uploadId, length, digest);
        } catch (IOException e) {
            throw full(e);
        }
    }

    private void commitLocked(String uploadId, long length, Digest digest) throws IOException {
        Path src = uploadPath(uploadId);
        Path dst = blobPath(digest);
        long held;
        try {
            held = Files.size(src);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(uploadId);
        }
        if (Files.exists(dst)) {
            Files.deleteIfExists(src);
            return;
        }
        // bytes past the committed size are the remains of a chunk that failed part-way
        if (held > length) {
            try (FileChannel ch = FileChannel.open(src, StandardOpenOption.WRITE)) {
                ch.truncate(length);
                // fdatasync: the new size, all a reader of the renamed file needs besides the bytes
                ch.force(false);
            }
        }
        // Otherwise nothing to open or flush: every write() synced its bytes before it returned, and
        // a flush of a clean file still costs a disk cache flush on ext4 (one per pushed blob).
        if (!Files.isDirectory(dst.getParent())) PrivateFiles.directory(dst.getParent()); // creating an existing directory throws and catches
        try {
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(src);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the blob directory must be on the same filesystem as the uploads directory", e);
        }
        fsyncDirectory(dst.getParent());
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Some filesystems cannot fsync a directory; the rename is still atomic there.
        }
    }

    @Override
    public void abortUpload(String uploadId) throws IOException {
        Files.deleteIfExists(uploadPath(uploadId));
    }

    @Override
    public List<String> uploadsOlderThan(Instant cutoff) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(uploads)) {
            for (Path p : ds) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        out.add(p.getFileName().toString());
                    }
                } catch (NoSuchFileException ignored) {
                    // committed or aborted meanwhile
                }
            }
        }
        return out;
    }

    @Override
    public List<Digest> list() throws IOException {
        List<Digest> out = new ArrayList<>();
        for (Digest.Algorithm alg : Digest.Algorithm.values()) {
            Path dir = blobs.resolve(alg.prefix());
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.walk(dir, 2)) {
                s.filter(Files::isRegularFile).forEach(p -> out.add(new Digest(alg, p.getFileName().toString())));
            }
        }
        return out;
    }
}
