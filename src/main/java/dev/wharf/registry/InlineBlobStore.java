package dev.wharf.registry;

import dev.wharf.storage.blob.BatchDelete;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.blob.FileSystemBlobStore;
import dev.wharf.storage.blob.FreeSpace;
import dev.wharf.storage.blob.LocalFileAccess;
import dev.wharf.storage.meta.BlobContentStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The filesystem blob store with small blobs kept in the metadata database (docs/design.md, "Small
 * blobs in the database"). A blob that arrives whole in one request and is no larger than
 * {@code maxBytes} ({@link InlineBlobs}) becomes a row of {@code blob_contents} instead of a file,
 * written by the one commit that makes the blob's row and links it, so a small push costs one
 * transaction and one flush per blob instead of two transactions (the pin's, the link's) and three
 * flushes (the file's, its directory's, the link's). Every other blob, and every upload session,
 * is the file store's. Reads take the bytes kept in memory (below), else look for a file (a
 * committed file is what the serving path sends without copying), then for a row; a deletion
 * removes both, so a digest stored both ways (a small blob also pushed in chunks) is still
 * deleted whole.
 *
 * <p>The bytes of rows read lately are kept in memory, up to {@link #RECENT_BYTES} in all, so that
 * a small blob pulled again (a config, a small layer) costs neither a look for its file nor a
 * query. Kept by digest, they can never be wrong: the bytes of a digest are fixed, and whether a
 * repository may serve the blob at all is the metadata's answer, asked before any read here. A
 * deletion forgets them with the row (a read racing it may keep them once more: still the right
 * bytes, and within the bound).
 *
 * <p>Lives in {@code registry} because it joins the two stores, which know nothing of each other.
 */
public final class InlineBlobStore implements BlobStore, InlineBlobs, BatchDelete, LocalFileAccess, FreeSpace {
    private static final int BATCH = 500;
    /** The most bytes of rows kept in memory at once. */
    static final long RECENT_BYTES = 4L << 20;
    /** The largest row kept in memory (the default {@code storage.inlineBlobBytes}). */
    static final int RECENT_MAX_BLOB = 64 << 10;
    private final FileSystemBlobStore files;
    private final BlobContentStore rows;
    private final int maxBytes;
    private final ConcurrentHashMap<Digest, byte[]> recent = new ConcurrentHashMap<>();
    private final AtomicLong recentBytes = new AtomicLong();

    /** @param maxBytes the largest blob kept as a row; 0 keeps none (reads and deletions still look for rows) */
    public InlineBlobStore(FileSystemBlobStore files, BlobContentStore rows, int maxBytes) {
        if (maxBytes < 0) throw new IllegalArgumentException("maxBytes must not be negative");
        this.files = files;
        this.rows = rows;
        this.maxBytes = maxBytes;
    }

    @Override
    public int maxInlineBytes() {
        return maxBytes;
    }

    @Override
    public OptionalLong size(Digest digest) throws IOException {
        OptionalLong onDisk = files.size(digest);
        return onDisk.isPresent() ? onDisk : rows.blobContentSize(digest.toString());
    }

    @Override
    public Optional<Path> file(Digest digest) {
        // (a row's bytes kept in memory are served from there, even if a file of the same bytes appeared since)
        return recent.containsKey(digest) ? Optional.empty() : files.file(digest);
    }

    @Override
    public InputStream open(Digest digest, long offset) throws IOException {
        byte[] content = recent.get(digest);
        if (content == null) {
            try {
                return files.open(digest, offset);
            } catch (NoSuchFileException e) {
                // no file: a row may hold the bytes
            }
            content = rows.blobContent(digest.toString()).orElseThrow(() -> new NoSuchFileException(digest.toString()));
            remember(digest, content);
        }
        if (offset < 0 || offset > content.length) {
            throw new IllegalArgumentException("offset " + offset + " is outside the blob's " + content.length + " bytes");
        }
        return new ByteArrayInputStream(content, (int) offset, content.length - (int) offset);
    }

    /**
     * Keeps a row's bytes in memory, then forgets others until all fit within {@link #RECENT_BYTES}
     * (readers keeping bytes at once each make room after their own, so the bound holds once they are done).
     */
    private void remember(Digest digest, byte[] content) {
        if (content.length > RECENT_MAX_BLOB || recent.putIfAbsent(digest, content) != null) return;
        if (recentBytes.addAndGet(content.length) <= RECENT_BYTES) return;
        var it = recent.entrySet().iterator();
        while (recentBytes.get() > RECENT_BYTES && it.hasNext()) {
            var e = it.next();
            if (!e.getKey().equals(digest) && recent.remove(e.getKey(), e.getValue())) recentBytes.addAndGet(-e.getValue().length);
        }
    }

    private void forget(Digest digest) {
        byte[] was = recent.remove(digest);
        if (was != null) recentBytes.addAndGet(-was.length);
    }

    /** Bytes of rows kept in memory now (for tests). */
    long recentBytes() {
        return recentBytes.get();
    }

    @Override
    public void delete(Digest digest) throws IOException {
        rows.deleteBlobContents(List.of(digest.toString()));
        forget(digest);
        files.delete(digest);
    }

    @Override
    public int maxBatch() {
        return BATCH;
    }

    /**
     * Garbage collection's deletion: the batch's rows in one transaction (one flush, not one a blob),
     * then their files. A file that cannot be deleted is refused, with the filesystem's reason.
     */
    @Override
    public Map<Digest, String> deleteAll(List<Digest> digests) {
        rows.deleteBlobContents(digests.stream().map(Digest::toString).toList());
        digests.forEach(this::forget);
        Map<Digest, String> refused = new LinkedHashMap<>();
        for (Digest d : digests) {
            try {
                files.delete(d);
            } catch (IOException e) {
                refused.put(d, e.toString());
            }
        }
        return refused;
    }

    @Override
    public void createUpload(String uploadId) throws IOException {
        files.createUpload(uploadId);
    }

    @Override
    public long write(String uploadId, long offset, InputStream data) throws IOException {
        return files.write(uploadId, offset, data);
    }

    @Override
    public InputStream openUpload(String uploadId) throws IOException {
        return files.openUpload(uploadId);
    }

    @Override
    public void commitUpload(String uploadId, long length, Digest digest) throws IOException {
        files.commitUpload(uploadId, length, digest);
    }

    @Override
    public void abortUpload(String uploadId) throws IOException {
        files.abortUpload(uploadId);
    }

    @Override
    public List<String> uploadsOlderThan(Instant cutoff) throws IOException {
        return files.uploadsOlderThan(cutoff);
    }

    @Override
    public List<Digest> list() throws IOException {
        TreeSet<Digest> all = new TreeSet<>(Comparator.comparing(Digest::toString));
        all.addAll(files.list());
        for (String d : rows.blobContentDigests()) all.add(Digest.parse(d));
        return List.copyOf(all);
    }

    @Override
    public long usableBytes() throws IOException {
        return files.usableBytes();
    }

    @Override
    public String toString() {
        return "InlineBlobStore[" + files + ", up to " + maxBytes + " bytes in the database]";
    }
}
