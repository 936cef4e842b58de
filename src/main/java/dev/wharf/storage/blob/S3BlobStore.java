package dev.wharf.storage.blob;

import dev.wharf.storage.blob.S3Pieces.Piece;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * The S3 API backend (AWS S3, MinIO, Ceph RGW, R2, S3Proxy). Layout under the key prefix (drawn
 * once, here):
 * <pre>
 *   blobs/&lt;alg&gt;/&lt;first two hex&gt;/&lt;hex&gt;           committed blobs, one object per digest
 *   uploads/&lt;uploadId&gt;/session                  marker: the session exists
 *   uploads/&lt;uploadId&gt;/piece-&lt;offset, 19 digits&gt;  the session's bytes, one object per piece
 * </pre>
 * An append writes the request body as pieces of at most {@link #PIECE_BYTES}, each one PutObject
 * (durable when it returns), named by the offset it starts at, so that a session continued on any
 * node finds its bytes and its size by listing its folder. Commit assembles the pieces into the
 * blob's key with one multipart upload — pieces of at least S3's 5 MiB part minimum are copied
 * inside S3 (UploadPartCopy), runs of smaller pieces are streamed through once as one part — and
 * the blob becomes visible only when CompleteMultipartUpload (or, for one piece, CopyObject)
 * returns. Nothing is ever written to local disk; at most one piece per append is held in memory,
 * and at most {@link #LARGE_BUFFERS} appends hold more than 64 KiB at once.
 * Opened with {@code redirect}, the store is a {@link Presigning} one: it also has the
 * {@link DirectDownloads} power.
 */
public sealed class S3BlobStore implements BlobStore, BatchDelete, WholeBlobs, AutoCloseable permits S3BlobStore.Presigning {
    /** The largest piece one PutObject writes; also the memory one append holds at most. */
    static final int PIECE_BYTES = 8 << 20;
    private static final int FIRST_BUFFER = 64 << 10;
    private static final int MAX_CONNECTIONS = 512;
    /**
     * Appends that may hold a buffer larger than the first at once, across the node: the memory
     * uploads can take is then bounded (8 × 8 MiB) whatever the number of clients; more wait.
     */
    private static final int LARGE_BUFFERS = 8;
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String MARKER = "session";
    private static final String PIECE = "piece-";

    /**
     * Where the bucket is and how to reach it. {@code endpoint} empty means AWS itself; absent
     * credentials mean the AWS SDK's default chain (environment, profile, instance role).
     */
    public record Settings(Optional<URI> endpoint, String region, String bucket, String prefix, boolean pathStyle,
                           Optional<String> accessKeyId, Optional<String> secretAccessKey, boolean redirect) {
        public Settings {
            if (bucket == null || bucket.isBlank()) throw new IllegalArgumentException("the S3 bucket must be named");
            if (region == null || region.isBlank()) throw new IllegalArgumentException("the S3 region must be named");
            if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
                throw new IllegalArgumentException("give both the S3 access key id and the secret access key, or neither");
            }
            if (prefix == null) prefix = "";
            if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix = prefix + "/";
        }

        @Override
        public String toString() {
            // never the secret
            return "S3[" + endpoint.map(URI::toString).orElse("aws") + " " + region + " " + bucket + "/" + prefix + "]";
        }
    }

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final Semaphore largeBuffers = new Semaphore(LARGE_BUFFERS, true);
    private final S3Pieces s3Pieces;

    private S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, String prefix) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.prefix = prefix;
        this.s3Pieces = new S3Pieces(s3, bucket);
    }

    /** Opens the store; the bucket must exist (it is checked, so a typo fails at start-up). */
    public static S3BlobStore open(Settings settings) throws IOException {
        AwsCredentialsProvider credentials = settings.accessKeyId().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().get()))
                : DefaultCredentialsProvider.builder().build();
        var client = S3Client.builder()
                // Each blob being streamed to a client holds one connection for as long as it runs.
                .httpClient(Apache5HttpClient.builder().maxConnections(MAX_CONNECTIONS).build())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // Content checksums only where S3 requires them: S3-compatible servers that predate
                // the SDK's default trailing checksums refuse them. Integrity is ours anyway: every
                // blob's digest is checked while it streams in.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presign = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(e -> {
            client.endpointOverride(e);
            presign.endpointOverride(e);
        });
        S3Client c = client.build();
        S3Presigner p = presign.build();
        S3BlobStore store = settings.redirect() ? new Presigning(c, p, settings.bucket(), settings.prefix())
                : new S3BlobStore(c, p, settings.bucket(), settings.prefix());
        try {
            store.s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (SdkException e) {
            store.close();
            throw new IOException("cannot reach the S3 bucket " + settings + ": " + e.getMessage(), e);
        }
        return store;
    }

    // ---------------------------------------------------------------- keys

    String blobKey(Digest d) {
        return prefix + "blobs/" + d.algorithm().prefix() + "/" + d.hex().substring(0, 2) + "/" + d.hex();
    }

    private String sessionFolder(String uploadId) {
        if (!UPLOAD_ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("upload id is not path-safe");
        }
        return prefix + "uploads/" + uploadId + "/";
    }

    private static String pieceName(long offset) {
        return PIECE + String.format("%019d", offset);
    }

    /** A session as listed: whether its marker exists, and its pieces by offset. */
    private record Session(boolean exists, List<Piece> pieces) {
        /**
         * The pieces that hold bytes {@code [0, length)}, the last cut short if it runs past.
         * Pieces must tile the session; anything else is two writers on one offset at once.
         */
        List<Piece> prefix(long length) throws IOException {
            List<Piece> out = new ArrayList<>();
            long at = 0;
            for (Piece p : pieces) {
                if (at >= length) break;
                if (p.offset() != at) throw new IOException("upload session pieces are not contiguous at byte " + at);
                out.add(p.end() <= length ? p : new Piece(p.key(), p.offset(), length - p.offset(), false));
                at = Math.min(p.end(), length);
            }
            if (at < length) throw new IOException("the upload session holds " + at + " bytes, fewer than " + length);
            return out;
        }

        /** The pieces that tile the session from its start, as far as they go. */
        List<Piece> contiguous() {
            List<Piece> out = new ArrayList<>();
            long at = 0;
            for (Piece p : pieces) {
                if (p.offset() != at) break;
                out.add(p);
                at = p.end();
            }
            return out;
        }
    }

    private Session session(String uploadId) throws IOException {
        String folder = sessionFolder(uploadId);
        boolean exists = false;
        List<Piece> pieces = new ArrayList<>();
        for (S3Object o : listAll(folder)) {
            String name = o.key().substring(folder.length());
            if (name.equals(MARKER)) {
                exists = true;
            } else if (name.startsWith(PIECE)) {
                pieces.add(new Piece(o.key(), Long.parseLong(name.substring(PIECE.length())), o.size(), true));
            }
        }
        pieces.sort(java.util.Comparator.comparingLong(Piece::offset));
        return new Session(exists, pieces);
    }

    private Iterable<S3Object> listAll(String keyPrefix) throws IOException {
        try {
            List<S3Object> out = new ArrayList<>();
            s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(keyPrefix)).contents().forEach(out::add);
            return out;
        } catch (SdkException e) {
            throw failed("listing " + keyPrefix, e);
        }
    }

    static IOException failed(String what, SdkException e) {
        return new IOException("S3 " + what + " failed: " + e.getMessage(), e);
    }

    private static boolean notFound(SdkException e) {
        return e instanceof S3Exception s && s.statusCode() == 404;
    }

    // ---------------------------------------------------------------- committed blobs

    @Override
    public OptionalLong size(Digest digest) throws IOException {
        try {
            return OptionalLong.of(s3.headObject(r -> r.bucket(bucket).key(blobKey(digest))).contentLength());
        } catch (SdkException e) {
            if (notFound(e)) return OptionalLong.empty();
            throw failed("HEAD " + digest, e);
        }
    }

    @Override
    public InputStream open(Digest digest, long offset) throws IOException {
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(blobKey(digest));
        if (offset > 0) req.range("bytes=" + offset + "-");
        try {
            return new Abortable(s3.getObject(req.build()));
        } catch (SdkException e) {
            if (notFound(e)) throw new NoSuchFileException(digest.toString());
            if (e instanceof S3Exception s && s.statusCode() == 416 && size(digest).orElse(-1) == offset) {
                return InputStream.nullInputStream(); // reading from the very end: S3 has no empty range
            }
            throw failed("GET " + digest, e);
        }
    }

    /**
     * A GET body that, closed before its end (a client that went away mid-download), drops its
     * connection instead of reading the rest of a possibly large blob to reuse it.
     */
    private static final class Abortable extends java.io.FilterInputStream {
        private final ResponseInputStream<?> response;
        private boolean ended;

        Abortable(ResponseInputStream<?> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) ended = true;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) ended = true;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) response.abort();
            super.close();
        }
    }

    @Override
    public void delete(Digest digest) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(blobKey(digest)));
        } catch (SdkException e) {
            if (!notFound(e)) throw failed("DELETE " + digest, e);
        }
    }

    @Override
    public int maxBatch() {
        return S3BatchDelete.MAX_KEYS;
    }

    @Override
    public Map<Digest, String> deleteAll(List<Digest> digests) throws IOException {
        return new S3BatchDelete(s3, bucket, this::blobKey).deleteAll(digests);
    }

    @Override
    public List<Digest> list() throws IOException {
        List<Digest> out = new ArrayList<>();
        String root = prefix + "blobs/";
        for (S3Object o : listAll(root)) {
            String[] parts = o.key().substring(root.length()).split("/");
            if (parts.length != 3) continue;
            try {
                out.add(new Digest(Digest.Algorithm.of(parts[0]), parts[2]));
            } catch (RuntimeException notABlob) {
                // a foreign object under the prefix is not ours to list
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- upload sessions

    @Override
    public void createUpload(String uploadId) throws IOException {
        put(sessionFolder(uploadId) + MARKER, new byte[0], 0);
    }

    private void put(String key, byte[] buf, int length) throws IOException {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buf, 0, length), length, "application/octet-stream"));
        } catch (SdkException e) {
            throw failed("PUT " + key, e);
        }
    }

    @Override
    public long write(String uploadId, long offset, InputStream data) throws IOException {
        Session s = session(uploadId);
        if (!s.exists()) {
            if (offset != 0) throw new NoSuchFileException(uploadId);
            createUpload(uploadId); // the SPI: a session appears with its first write
        }
        s.prefix(offset);
        // Bytes at or after the offset were left by a chunk that failed part-way: discard them.
        for (Piece p : s.pieces()) {
            if (p.offset() >= offset) {
                deleteKeys(List.of(p.key()));
            } else if (p.end() > offset) {
                cut(p, offset - p.offset());
            }
        }
        String folder = sessionFolder(uploadId);
        long total = 0;
        // The buffer grows from 64 KiB to one piece while the body keeps filling it, so a small
        // chunk never pays for a whole piece of memory.
        byte[] buf = new byte[FIRST_BUFFER];
        int filled = 0;
        boolean large = false;
        try {
            while (true) {
                int n = data.readNBytes(buf, filled, buf.length - filled);
                filled += n;
                if (filled == buf.length && buf.length < PIECE_BYTES) {
                    if (!large) {
                        largeBuffers.acquire();
                        large = true;
                    }
                    buf = java.util.Arrays.copyOf(buf, Math.min(PIECE_BYTES, buf.length * 4));
                    continue;
                }
                boolean end = filled < buf.length;
                if (filled > 0) {
                    put(folder + pieceName(offset + total), buf, filled);
                    total += filled;
                    filled = 0;
                }
                if (end) return total;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for upload memory");
        } finally {
            if (large) largeBuffers.release();
        }
    }

    /** Rewrites a piece with only its first {@code keep} bytes (at most one piece, read once). */
    private void cut(Piece p, long keep) throws IOException {
        byte[] head;
        try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(p.key()).range("bytes=0-" + (keep - 1)))) {
            head = in.readNBytes((int) keep);
        } catch (SdkException e) {
            throw failed("GET " + p.key(), e);
        }
        put(p.key(), head, head.length);
    }

    @Override
    public InputStream openUpload(String uploadId) throws IOException {
        Session s = session(uploadId);
        if (!s.exists()) throw new NoSuchFileException(uploadId);
        return s3Pieces.concatenation(s.contiguous());
    }

    /** As much as a write buffers before it grows under the large-buffer budget. */
    @Override
    public int maxWholeBytes() {
        return FIRST_BUFFER;
    }

    /** One {@code PutObject} at the blob's key (atomic in S3), after a {@code HeadObject} that keeps an existing copy. */
    @Override
    public void putWhole(Digest digest, byte[] bytes, int length) throws IOException {
        if (length > FIRST_BUFFER) throw new IllegalArgumentException("a whole blob of " + length + " bytes, over " + FIRST_BUFFER);
        if (size(digest).isEmpty()) put(blobKey(digest), bytes, length);
    }

    @Override
    public void commitUpload(String uploadId, long length, Digest digest) throws IOException {
        Session s = session(uploadId);
        if (!s.exists()) throw new NoSuchFileException(uploadId);
        String target = blobKey(digest);
        if (size(digest).isEmpty()) {
            List<Piece> pieces = s.prefix(length);
            if (pieces.isEmpty()) {
                put(target, new byte[0], 0);
            } else if (pieces.size() == 1 && pieces.get(0).whole()) {
                copy(pieces.get(0).key(), target);
            } else {
                s3Pieces.assemble(pieces, target);
            }
        }
        deleteSession(uploadId);
    }

    private void copy(String from, String to) throws IOException {
        try {
            s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
        } catch (SdkException e) {
            throw failed("copy to " + to, e);
        }
    }

    @Override
    public void abortUpload(String uploadId) throws IOException {
        deleteSession(uploadId);
    }

    /**
     * Deletes the pieces first and the marker last, so a half-done delete still names its session.
     * A session the listing does not show (most whole-blob PUTs never write to theirs) costs the
     * listing only: a write that starts meanwhile is then as if it came after the delete.
     */
    private void deleteSession(String uploadId) throws IOException {
        String folder = sessionFolder(uploadId);
        List<String> keys = new ArrayList<>();
        boolean marked = false;
        for (S3Object o : listAll(folder)) {
            if (o.key().equals(folder + MARKER)) marked = true;
            else keys.add(o.key());
        }
        deleteKeys(keys);
        if (marked || !keys.isEmpty()) deleteKeys(List.of(folder + MARKER));
    }

    /**
     * One DeleteObject per key: DeleteObjects needs a content checksum that several S3-compatible
     * servers reject, and a session has few pieces.
     */
    private void deleteKeys(List<String> keys) throws IOException {
        for (String key : keys) {
            try {
                s3.deleteObject(r -> r.bucket(bucket).key(key));
            } catch (SdkException e) {
                if (!notFound(e)) throw failed("DELETE " + key, e);
            }
        }
    }

    @Override
    public List<String> uploadsOlderThan(Instant cutoff) throws IOException {
        String root = prefix + "uploads/";
        Map<String, Instant> lastWritten = new LinkedHashMap<>();
        for (S3Object o : listAll(root)) {
            int slash = o.key().indexOf('/', root.length());
            if (slash < 0) continue;
            Instant t = o.lastModified() == null ? Instant.EPOCH : o.lastModified();
            lastWritten.merge(o.key().substring(root.length(), slash), t, (a, b) -> a.isAfter(b) ? a : b);
        }
        List<String> out = new ArrayList<>();
        lastWritten.forEach((id, t) -> {
            if (t.isBefore(cutoff)) out.add(id);
        });
        return Collections.unmodifiableList(out);
    }

    @Override
    public void close() {
        try {
            presigner.close();
        } finally {
            s3.close();
        }
    }

    /** The store with presigned GET URLs for committed blobs ({@code storage.s3.redirect}). */
    public static final class Presigning extends S3BlobStore implements DirectDownloads {
        private Presigning(S3Client s3, S3Presigner presigner, String bucket, String prefix) {
            super(s3, presigner, bucket, prefix);
        }

        @Override
        public URI downloadUrl(Digest digest, Duration lifetime) throws IOException {
            try {
                return presigner().presignGetObject(p -> p.signatureDuration(lifetime)
                        .getObjectRequest(g -> g.bucket(bucket()).key(blobKey(digest)))).url().toURI();
            } catch (SdkException | java.net.URISyntaxException e) {
                throw new IOException("presigning a download of " + digest + " failed", e);
            }
        }
    }

    S3Presigner presigner() {
        return presigner;
    }

    String bucket() {
        return bucket;
    }
}
