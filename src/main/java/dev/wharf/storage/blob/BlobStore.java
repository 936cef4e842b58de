package dev.wharf.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Content-addressed byte storage. A backend knows nothing of repositories, tags or permissions:
 * every rule lives above it in {@code registry}. The SPI has two halves:
 * <ul>
 *   <li>committed blobs, named by {@link Digest}, immutable once visible;</li>
 *   <li>upload sessions, named by an opaque id, append-only until committed or aborted.</li>
 * </ul>
 * Promises every backend keeps (checked by {@code BlobStoreContract}):
 * <ol>
 *   <li>a blob is visible only after {@link #commitUpload} returns, and then whole: a crash at any
 *       moment never exposes a partial blob under its digest;</li>
 *   <li>{@link #commitUpload} does not hash: the caller has verified the digest while streaming;</li>
 *   <li>committing a digest that already exists keeps the existing copy and discards the upload;</li>
 *   <li>all methods are safe to call concurrently, also from several nodes sharing the backend.</li>
 * </ol>
 * Optional powers are extra interfaces checked with {@code instanceof}: {@link LocalFileAccess},
 * {@link FreeSpace}, {@link DirectDownloads}.
 */
public interface BlobStore {

    /** The size of the committed blob, or empty when it does not exist. */
    OptionalLong size(Digest digest) throws IOException;

    /**
     * Opens the committed blob for reading from {@code offset} (0 ≤ offset ≤ size).
     *
     * @throws java.nio.file.NoSuchFileException when the blob does not exist
     */
    InputStream open(Digest digest, long offset) throws IOException;

    /** Removes a committed blob; no effect when absent. Callers ensure no repository still links it. */
    void delete(Digest digest) throws IOException;

    /**
     * Creates an empty upload session. {@code uploadId} is chosen by the caller and is path-safe.
     * Optional: the first {@link #write} (at offset 0) creates the session too, and the registry
     * relies on that, so that a session that never receives a chunk (most are completed by one PUT
     * that brings the whole blob) costs the backend nothing; callers that want the session to exist
     * before its first bytes (a copy that names its session after the blob) call this.
     */
    void createUpload(String uploadId) throws IOException;

    /**
     * Writes {@code data} into the session starting at byte {@code offset}, first discarding any
     * bytes at or after {@code offset} (left by a chunk that failed part-way), and returns the
     * number of bytes written. A write at offset 0 creates the session when it does not exist yet
     * (also when {@code data} is empty). The bytes are durable when this returns. The session's size is not
     * the backend's to know: the metadata store's upload row is the one truth, and {@code offset}
     * is its committed size. Callers write one chunk of a session at a time (the row's writer
     * claim); a backend only has to keep a second, stale writer from interleaving its bytes.
     *
     * @throws java.nio.file.NoSuchFileException when the session does not exist and {@code offset} is not 0
     * @throws StorageFullException               when the backend has no room left; bytes past
     *                                            {@code offset} may remain and are discarded by the next write
     */
    long write(String uploadId, long offset, InputStream data) throws IOException;

    /**
     * Reads the session's bytes from the start (used to re-hash a session resumed on another node); may run past the committed size.
     *
     * @throws java.nio.file.NoSuchFileException when the session does not exist (was never written)
     */
    InputStream openUpload(String uploadId) throws IOException;

    /**
     * Makes the first {@code length} bytes of the session (its committed size) visible as
     * {@code digest}, atomically, and ends the session.
     *
     * @throws java.nio.file.NoSuchFileException when the session does not exist (was never written)
     */
    void commitUpload(String uploadId, long length, Digest digest) throws IOException;

    /** Ends the session and discards its bytes; no effect when absent (also when it was never written). */
    void abortUpload(String uploadId) throws IOException;

    /** Session ids last written before {@code cutoff}: candidates for clean-up after a crash. */
    List<String> uploadsOlderThan(Instant cutoff) throws IOException;

    /** Every committed digest; for garbage collection (not built yet) and the contract suite. */
    List<Digest> list() throws IOException;
}
