package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.blob.DirectDownloads;
import dev.wharf.storage.blob.LocalFileAccess;
import dev.wharf.storage.blob.StorageFullException;
import dev.wharf.storage.blob.WholeBlobs;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;
import dev.wharf.storage.meta.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import static dev.wharf.registry.BlobErrors.blobUnknown;
import static dev.wharf.registry.BlobErrors.digestMismatch;
import static dev.wharf.registry.BlobErrors.interrupted;
import static dev.wharf.registry.BlobErrors.pinLapsed;
import static dev.wharf.registry.BlobErrors.rangeInvalid;
import static dev.wharf.registry.BlobErrors.sizeMismatch;
import static dev.wharf.registry.BlobErrors.tooLarge;
import static dev.wharf.registry.BlobErrors.uploadGone;

/**
 * Blobs and upload sessions. A session has one truth, its metadata row: its size is the committed
 * offset, and a chunk lands only under the row's writer claim, taken by compare-and-set on that
 * size, so two concurrent chunks (on one node or on two) never both land; the loser is told the
 * current offset (OCI 416 with {@code Range}; ECR InvalidLayerPartException). The blob store
 * holds the bytes and is never asked how many there are (docs/design.md, "Upload sessions").
 *
 * <p>Bytes are hashed exactly once while they stream in: each session keeps its running SHA-256
 * state in memory between chunks. A session continued on another node (or after a restart) has
 * no state here; it is then re-hashed from the stored bytes before the digest is compared —
 * slower, never wrong.
 */
public final class Blobs {
    private static final Logger LOG = LoggerFactory.getLogger(Blobs.class);
    /**
     * How long a writer's claim on a session holds before another writer may take it over: a node
     * that died mid-chunk must not lock the session until it expires. A chunk still streaming
     * after this long loses its claim and is answered with the current offset.
     */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(10);

    private final MetadataStore meta;
    private final BlobStore store;
    private final Repositories repositories;
    private final RegistrySettings settings;
    private final StorageFloor floor;
    private final BlobPins pins;
    private final UploadSessions sessions;
    private final Map<String, HashState> states = new ConcurrentHashMap<>();
    /** How long a direct (presigned) blob URL works: long enough to start a large download, short enough to leak little. */
    private static final Duration DIRECT_URL_LIFETIME = Duration.ofMinutes(15);

    public Blobs(MetadataStore meta, BlobStore store, Repositories repositories, RegistrySettings settings) {
        this(meta, store, repositories, settings, 0);
    }

    /** Upload ids that only this process knows (tests, tools); a server passes the deployment's key. */
    public Blobs(MetadataStore meta, BlobStore store, Repositories repositories, RegistrySettings settings, long minFreeBytes) {
        this(meta, store, repositories, settings, minFreeBytes, UploadSessions.randomKey());
    }

    /**
     * {@code minFreeBytes}: below this much free space new uploads are refused ({@code storage.minFreeBytes});
     * {@code uploadIdKey}: signs upload ids, the same on every node of a deployment.
     */
    public Blobs(MetadataStore meta, BlobStore store, Repositories repositories, RegistrySettings settings, long minFreeBytes,
                 byte[] uploadIdKey) {
        this.sessions = new UploadSessions(uploadIdKey, meta, repositories, settings);
        this.meta = meta;
        this.store = store;
        this.repositories = repositories;
        this.settings = settings;
        this.floor = new StorageFloor(store, minFreeBytes);
        this.pins = new BlobPins(meta, settings.clock());
    }

    /** A committed blob as the repository sees it; {@code file} is set when it can be sent from a local file. */
    public record BlobInfo(Digest digest, long size, Optional<Path> file) {}

    /** Where an upload session stands. */
    public record UploadStatus(String uploadId, long size) {}

    /** The running hash of one session, and the byte offset it covers. */
    private static final class HashState {
        final ReentrantLock lock = new ReentrantLock();
        MessageDigest md = Digest.Algorithm.SHA256.newMessageDigest();
        long offset;
        boolean valid = true;
    }

    // ---------------------------------------------------------------- reading

    /** Blob HEAD (ecr:BatchCheckLayerAvailability). */
    public BlobInfo stat(Caller caller, String account, String name, Digest digest) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_CHECK_LAYER_AVAILABILITY);
        // a HEAD answers from the row: the size is there, and no byte is sent (no file lookup, no stat(2))
        return new BlobInfo(digest, linkedRow(repo, digest).size(), Optional.empty());
    }

    /** Blob GET (ecr:GetDownloadUrlForLayer). */
    public BlobInfo get(Caller caller, String account, String name, Digest digest) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.GET_DOWNLOAD_URL_FOR_LAYER);
        return linked(repo, digest);
    }

    BlobInfo linked(RepositoryInfo repo, Digest digest) {
        Rows.Blob b = linkedRow(repo, digest);
        Optional<Path> file = store instanceof LocalFileAccess lfa ? lfa.file(digest) : Optional.empty();
        return new BlobInfo(digest, b.size(), file);
    }

    private Rows.Blob linkedRow(RepositoryInfo repo, Digest digest) {
        return meta.findLinkedBlob(repo.id(), digest.toString()).orElseThrow(() -> blobUnknown(repo, digest));
    }

    /**
     * Where the client may fetch the blob itself (a presigned S3 URL, {@code storage.s3.redirect}),
     * or empty when the bytes go through this server. Callers have authorized the read.
     */
    public Optional<URI> directUrl(Digest digest) {
        if (!(store instanceof DirectDownloads direct)) return Optional.empty();
        try {
            return Optional.of(direct.downloadUrl(digest, DIRECT_URL_LIFETIME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BlobInfo info(Digest digest, long size) {
        return new BlobInfo(digest, size, store instanceof LocalFileAccess lfa ? lfa.file(digest) : Optional.empty());
    }

    /** Opens a blob found by {@link #get} from {@code offset}. */
    public InputStream open(BlobInfo blob, long offset) {
        try {
            return store.open(blob.digest(), offset);
        } catch (NoSuchFileException e) {
            throw new WharfException(ErrorCode.BLOB_UNKNOWN, "The blob " + blob.digest() + " is recorded but its content is missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Unlinks a blob from the repository (OCI blob DELETE; ecr:BatchDeleteImage). A blob that a
     * manifest of the repository still needs stays linked (deleting it would break that image): the
     * delete is accepted and the link goes with the last manifest that needs it, at the next
     * garbage collection.
     */
    public void delete(Caller caller, String account, String name, Digest digest) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_DELETE_IMAGE);
        if (!meta.unlinkBlob(repo.id(), digest.toString()) && meta.findLinkedBlob(repo.id(), digest.toString()).isEmpty()) {
            throw blobUnknown(repo, digest);
        }
    }

    // ---------------------------------------------------------------- uploads

    /** Starts a session (ecr:InitiateLayerUpload). */
    public UploadStatus start(Caller caller, String account, String name) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.INITIATE_LAYER_UPLOAD);
        return startFor(repo);
    }

    /**
     * A session is born without a row and with no file: its signed id is all there is until its first chunk
     * ({@link UploadSessions}); a session completed by one PUT with the whole blob never has either
     * (docs/design.md, "Upload sessions").
     */
    UploadStatus startFor(RepositoryInfo repo) {
        floor.requireRoomForUpload();
        // no hash state either: the first chunk starts one (a session without a row would keep it for ever if abandoned)
        return new UploadStatus(sessions.issue(repo.id()), 0);
    }

    /** How many sessions' running hashes this process holds: a session gets one with its first chunk, never before. */
    int hashStates() {
        return states.size();
    }

    /** Whether free space is below {@code storage.minFreeBytes} (reported by {@code /healthz}: pulls go on, new uploads are refused). */
    public Optional<String> storageWarning() {
        return floor.warning();
    }

    private static RuntimeException storageFailure(IOException e) {
        return StorageFloor.failure(e);
    }

    /**
     * Cross-repository mount (OCI "Mounting a blob from another repository"): links the blob when
     * the caller may read it in {@code from} and may push to {@code name}. Returns empty when it
     * cannot be mounted, so that the caller falls back to an upload.
     */
    public Optional<BlobInfo> mount(Caller caller, String account, String name, Digest digest, String from) {
        RepositoryInfo target = repositories.require(caller, account, name, EcrAction.INITIATE_LAYER_UPLOAD);
        // ECR account setting BLOB_MOUNTING: DISABLED turns mounts into ordinary uploads
        if (from == null || meta.accountSetting(account, AccountSettings.BLOB_MOUNTING).filter("DISABLED"::equals).isPresent()) {
            return Optional.empty();
        }
        Optional<RepositoryInfo> source;
        try {
            source = Optional.of(repositories.require(caller, account, from, EcrAction.GET_DOWNLOAD_URL_FOR_LAYER));
        } catch (WharfException e) {
            return Optional.empty();
        }
        Optional<Rows.Blob> blob = meta.findLinkedBlob(source.get().id(), digest.toString());
        if (blob.isEmpty()) return Optional.empty();
        repositories.limits().requireStorage(target.accountId(), digest.toString(), blob.get().size());
        // a collection may take the blob between the read and the link: the link then fails and the client uploads
        if (!meta.linkExistingBlob(target.id(), digest.toString(), settings.clock().millis())) return Optional.empty();
        return Optional.of(info(digest, blob.get().size()));
    }

    /** Upload status (GET on the session). */
    public UploadStatus status(Caller caller, String account, String name, String uploadId) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.UPLOAD_LAYER_PART);
        return new UploadStatus(uploadId, session(repo, uploadId).size());
    }

    /**
     * Appends a chunk (ecr:UploadLayerPart). {@code rangeStart}, when given, must be the session's
     * current size, and a chunk that loses a race for the session is refused the same way (416
     * with the current size); {@code rangeEnd}, when given, must be the index of the chunk's last
     * byte, and {@code length}, when given, the number of bytes sent.
     */
    public UploadStatus append(Caller caller, String account, String name, String uploadId, Long rangeStart, Long rangeEnd,
                               Long length, InputStream body) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.UPLOAD_LAYER_PART);
        return appendTo(repo, uploadId, rangeStart, rangeEnd, length, body);
    }

    /** {@link #append} for a caller already authorized for ecr:UploadLayerPart on {@code repo}. */
    UploadStatus appendTo(RepositoryInfo repo, String uploadId, Long rangeStart, Long rangeEnd, Long length, InputStream body) {
        Rows.Upload upload = session(repo, uploadId);
        long size = upload.size();
        if (rangeStart != null && rangeStart != size) throw rangeInvalid(uploadId, size, "The chunk starts at byte " + rangeStart);
        if (rangeStart != null && rangeEnd != null && length != null && rangeEnd - rangeStart + 1 != length) {
            throw new WharfException(ErrorCode.UPLOAD_RANGE_INVALID, "The Content-Range " + rangeStart + "-" + rangeEnd + " names "
                    + (rangeEnd - rangeStart + 1) + " bytes but the body has " + length + "; the upload is unchanged at " + size + " bytes",
                    Map.of("size", size));
        }
        String writer = sessions.claim(repo, uploadId, size);
        // at byte 0 any node may hash from the start; later, only the node that holds the state of every byte so far
        HashState st = states.computeIfAbsent(uploadId, k -> size == 0 ? new HashState() : invalidState());
        st.lock.lock();
        boolean advanced = false;
        try {
            long written = appendLocked(st, uploadId, size, length, body);
            if (rangeStart != null && rangeEnd != null && written != rangeEnd - rangeStart + 1) {
                st.valid = false;
                throw new WharfException(ErrorCode.UPLOAD_RANGE_INVALID, "The Content-Range " + rangeStart + "-" + rangeEnd + " names "
                        + (rangeEnd - rangeStart + 1) + " bytes but " + written + " were sent; the upload is unchanged at " + size
                        + " bytes", Map.of("size", size));
            }
            if (!advance(uploadId, writer, size, size + written, upload.parts() + 1)) {
                st.valid = false;
                throw rangeInvalid(uploadId, currentSize(repo, uploadId), "Another request wrote to the upload meanwhile");
            }
            advanced = true;
            return new UploadStatus(uploadId, size + written);
        } finally {
            st.lock.unlock();
            if (!advanced) release(uploadId, writer); // the advance ended the claim
        }
    }

    /**
     * Ends a claim after a failure, never hiding that failure: if even this write fails (the disk
     * is full), the claim lapses after {@link #CLAIM_LEASE} instead.
     */
    private void release(String uploadId, String writer) {
        try {
            meta.releaseUpload(uploadId, writer);
        } catch (RuntimeException e) {
            LOG.warn("could not release the writer claim of upload {}; it lapses after {}: {}", uploadId, CLAIM_LEASE, e.toString());
        }
    }

    private boolean advance(String uploadId, String writer, long from, long to, int parts) {
        return meta.advanceUpload(uploadId, writer, from, to, parts, settings.clock().millis());
    }

    /**
     * Ends a session (ecr:CompleteLayerUpload): appends {@code finalChunk} if any, checks the
     * digest, and makes the blob visible in the repository.
     */
    public BlobInfo complete(Caller caller, String account, String name, String uploadId, Digest expected,
                             Long length, InputStream finalChunk) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.COMPLETE_LAYER_UPLOAD);
        return completeIn(repo, uploadId, expected, length, finalChunk);
    }

    /** {@link #complete} for a caller already authorized for ecr:CompleteLayerUpload on {@code repo}. */
    BlobInfo completeIn(RepositoryInfo repo, String uploadId, Digest expected, Long length, InputStream finalChunk) {
        long size = session(repo, uploadId).size();
        // an empty session may have no file in the store: an empty PUT then brings the empty blob
        if (size == 0) {
            return completeWhole(repo, uploadId, expected, length, finalChunk != null ? finalChunk : InputStream.nullInputStream());
        }
        String writer = sessions.claim(repo, uploadId, size);
        HashState st = states.computeIfAbsent(uploadId, k -> invalidState());
        st.lock.lock();
        boolean ended = false;
        try {
            if (finalChunk != null) {
                size += appendLocked(st, uploadId, size, length, finalChunk);
            }
            Digest actual = digestOf(st, uploadId, size, expected.algorithm());
            if (!actual.equals(expected)) {
                discard(uploadId);
                throw digestMismatch(expected, actual);
            }
            requireStorage(repo, uploadId, expected, size);
            // docs/design.md "Garbage collection": pin the row, then make the bytes visible, then link
            String pinId = uploadId;
            pins.pin(new Rows.Blob(expected.toString(), size), pinId);
            long committed = size;
            commitPinned(pinId, () -> store.commitUpload(uploadId, committed, expected));
            // one transaction links the blob, ends the pin and ends the session (and so the claim)
            UploadStore.Completion done = meta.completeUpload(uploadId, pinId, repo.id(), expected.toString(), settings.clock().millis());
            ended = true;
            states.remove(uploadId);
            if (done == UploadStore.Completion.BLOB_GONE) throw pinLapsed(uploadId);
            // not read back: with no grace period a collection may already have unlinked it, and this upload did succeed
            return info(expected, size);
        } catch (IOException e) {
            throw storageFailure(e);
        } finally {
            st.lock.unlock();
            if (!ended) release(uploadId, writer); // deleting the session ended the claim
        }
    }

    /**
     * A completion that brings the whole blob into an empty session (POST, then PUT with the
     * bytes, as most clients push small blobs; also the monolithic POST). It takes no writer claim,
     * which saves a database commit per blob: the bytes go to a private upload of the store, never
     * the session's own file (which the session has only if a chunk was written into it), so no
     * concurrent chunk can interleave with them; a store with {@link WholeBlobs} takes a blob small
     * enough for it in one step instead, once it is read and its digest checked. Then, as every
     * completion, it pins the blob's row, makes the bytes visible, and in one transaction links the
     * blob and ends the pin, and ends the session provided it is still empty and no live claim
     * holds it. A chunk that landed meanwhile wins: this request is told the session's size, as a
     * lost claim would be, and the blob it committed stays unlinked, for garbage collection.
     */
    private BlobInfo completeWhole(RepositoryInfo repo, String uploadId, Digest expected, Long length, InputStream body) {
        if (length != null && store instanceof InlineBlobs inline && inline.maxInlineBytes() > 0 && length <= inline.maxInlineBytes()
                && length <= settings.limits().maxBlobBytes()) {
            return completeAsRow(repo, uploadId, expected, length.intValue(), body);
        }
        if (length != null && store instanceof WholeBlobs whole && length <= whole.maxWholeBytes()
                && length <= settings.limits().maxBlobBytes()) {
            return completeInOneStep(repo, uploadId, expected, length.intValue(), body, whole);
        }
        String bytesId = UUID.randomUUID().toString();
        boolean committed = false;
        try {
            HashState st = new HashState();
            long size = appendLocked(st, bytesId, 0, length, body); // the store's write at offset 0 creates the upload
            Digest actual = digestOf(st, bytesId, size, expected.algorithm());
            if (!actual.equals(expected)) {
                discard(uploadId);
                throw digestMismatch(expected, actual);
            }
            requireStorage(repo, uploadId, expected, size);
            String pinId = bytesId;
            pins.pin(new Rows.Blob(expected.toString(), size), pinId);
            commitPinned(pinId, () -> store.commitUpload(bytesId, size, expected));
            committed = true;
            return linkWhole(repo, uploadId, pinId, expected, size);
        } catch (IOException e) {
            throw storageFailure(e);
        } finally {
            if (!committed) abortQuietly(bytesId);
        }
    }

    /**
     * {@link #completeWhole} into the database ({@link InlineBlobs}): one transaction stores the bytes, makes and links
     * the row and ends the session; a collector's claim on the digest is waited for as a pin waits (design.md).
     */
    private BlobInfo completeAsRow(RepositoryInfo repo, String uploadId, Digest expected, int length, InputStream body) {
        byte[] bytes = WholeBodies.read(expected, length, body, () -> discard(uploadId));
        requireStorage(repo, uploadId, expected, length);
        Rows.Blob row = new Rows.Blob(expected.toString(), length);
        UploadStore.Completion done = pins.whileClaimed(expected.toString(), () -> {
            long now = settings.clock().millis();
            return meta.completeWithContent(uploadId, repo.id(), row, bytes, length, now, now - CLAIM_LEASE.toMillis());
        }, c -> c == UploadStore.Completion.BLOB_CLAIMED);
        endedWhole(repo, uploadId, done);
        return new BlobInfo(expected, length, Optional.empty());
    }

    /** {@link #completeWhole} through {@link WholeBlobs}: the body read into memory and hashed, then stored under its digest. */
    private BlobInfo completeInOneStep(RepositoryInfo repo, String uploadId, Digest expected, int length, InputStream body,
                                       WholeBlobs whole) {
        byte[] bytes = WholeBodies.read(expected, length, body, () -> discard(uploadId));
        requireStorage(repo, uploadId, expected, length);
        String pinId = UUID.randomUUID().toString();
        pins.pin(new Rows.Blob(expected.toString(), length), pinId);
        try {
            commitPinned(pinId, () -> whole.putWhole(expected, bytes, length));
        } catch (IOException e) {
            throw storageFailure(e);
        }
        return linkWhole(repo, uploadId, pinId, expected, length);
    }

    /** The end of a whole-blob completion whose bytes are visible under the pin: links the blob, ends the pin and the session. */
    private BlobInfo linkWhole(RepositoryInfo repo, String uploadId, String pinId, Digest expected, long size) {
        long now = settings.clock().millis();
        UploadStore.Completion done = meta.completeEmptyUpload(uploadId, pinId, repo.id(), expected.toString(), now,
                now - CLAIM_LEASE.toMillis());
        endedWhole(repo, uploadId, done);
        if (done == UploadStore.Completion.BLOB_GONE) throw pinLapsed(uploadId);
        return info(expected, size);
    }

    /** What a whole-blob completion's transaction found: a session that changed or had ended meanwhile is refused. */
    private void endedWhole(RepositoryInfo repo, String uploadId, UploadStore.Completion done) {
        if (done == UploadStore.Completion.SESSION_CHANGED) {
            throw rangeInvalid(uploadId, currentSize(repo, uploadId), "Another request wrote to the upload meanwhile");
        }
        states.remove(uploadId);
        if (done == UploadStore.Completion.SESSION_ENDED) throw uploadGone(uploadId);
        abortQuietly(uploadId); // the session's own file, if a chunk of no bytes, or one that failed, made it
    }

    /** The account's storage limit, checked before the blob is made visible; over it, the session is discarded. */
    private void requireStorage(RepositoryInfo repo, String uploadId, Digest digest, long size) {
        try {
            repositories.limits().requireStorage(repo.accountId(), digest.toString(), size);
        } catch (WharfException e) {
            discard(uploadId);
            throw e;
        }
    }

    /** One call to the blob store that makes a pinned blob's bytes visible. */
    private interface StoreStep { void run() throws IOException; }

    /** Makes the pinned blob's bytes visible; if that fails, the pin ends at once rather than lapsing. */
    private void commitPinned(String pinId, StoreStep makeVisible) throws IOException {
        try {
            makeVisible.run();
        } catch (IOException | RuntimeException e) {
            pins.unpin(pinId);
            throw e;
        }
    }

    /** Removes an upload file whose record is gone; a failure leaves it to {@link #cleanAbandonedUploads}. */
    private void abortQuietly(String uploadId) {
        try {
            store.abortUpload(uploadId);
        } catch (IOException e) {
            LOG.warn("could not remove upload file {}; the clean-up of abandoned uploads removes it: {}", uploadId, e.toString());
        }
    }

    /** Monolithic upload (POST with {@code ?digest=}): start, append and complete in one call. */
    public BlobInfo upload(Caller caller, String account, String name, Digest digest, Long length, InputStream body) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.INITIATE_LAYER_UPLOAD);
        UploadStatus s = startFor(repo);
        try {
            return complete(caller, account, name, s.uploadId(), digest, length, body);
        } catch (RuntimeException e) {
            discard(s.uploadId());
            throw e;
        }
    }

    /** Cancels a session (OCI upload DELETE). */
    public void cancel(Caller caller, String account, String name, String uploadId) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.UPLOAD_LAYER_PART);
        session(repo, uploadId);
        discard(uploadId);
    }

    /** Removes sessions not written to since {@code cutoff}, and session files with no record (after a crash). */
    public int cleanAbandonedUploads(Instant cutoff) {
        // the ids of sessions that ended before the cutoff have expired (they started earlier still)
        meta.purgeEndedUploads(cutoff.toEpochMilli());
        int n = 0;
        for (Rows.Upload u : meta.uploadsUpdatedBefore(cutoff.toEpochMilli())) {
            discard(u.uploadId());
            n++;
        }
        try {
            for (String id : store.uploadsOlderThan(cutoff)) {
                if (meta.findUpload(id).isEmpty()) {
                    store.abortUpload(id);
                    states.remove(id);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    void discard(String uploadId) {
        states.remove(uploadId);
        meta.deleteUpload(uploadId, settings.clock().millis());
        try {
            store.abortUpload(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Rows.Upload session(RepositoryInfo repo, String uploadId) {
        return sessions.find(repo, uploadId);
    }

    private long currentSize(RepositoryInfo repo, String uploadId) {
        return session(repo, uploadId).size();
    }

    private static HashState invalidState() {
        HashState s = new HashState();
        s.valid = false;
        return s;
    }

    /** Streams {@code body} into the session, hashing on the way, bounded by the blob size limit. */
    private long appendLocked(HashState st, String uploadId, long size, Long length, InputStream body) {
        long max = settings.limits().maxBlobBytes();
        if (length != null && size + length > max) {
            throw tooLarge(max);
        }
        boolean hashing = st.valid && st.offset == size;
        CountingDigestStream in = new CountingDigestStream(body, hashing ? st.md : null, max - size);
        long written;
        try {
            written = store.write(uploadId, size, in);
        } catch (StorageFullException e) {
            st.valid = false;
            throw StorageFaults.outOfStorage(e);
        } catch (NoSuchFileException e) {
            st.valid = false;
            throw uploadGone(uploadId);
        } catch (IOException | RuntimeException e) {
            st.valid = false;
            if (e instanceof WharfException we) throw we;
            if (in.overLimit) throw tooLarge(max);
            if (in.readFailed) throw interrupted(in.count, e);
            throw e instanceof IOException io ? storageFailure(io) : (RuntimeException) e;
        }
        if (in.overLimit) {
            st.valid = false;
            throw tooLarge(max);
        }
        if (length != null && written != length) {
            st.valid = false;
            throw sizeMismatch(length, String.valueOf(written));
        }
        if (hashing) {
            st.offset = size + written;
        } else {
            st.valid = false;
        }
        return written;
    }

    private Digest digestOf(HashState st, String uploadId, long size, Digest.Algorithm alg) throws IOException {
        if (alg == Digest.Algorithm.SHA256 && st.valid && st.offset == size) {
            return Digest.of(alg, st.md.digest());
        }
        return WholeBodies.digestOfSession(store, uploadId, size, alg);
    }
}
