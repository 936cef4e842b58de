package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static dev.wharf.registry.BlobErrors.rangeInvalid;
import static dev.wharf.registry.BlobErrors.uploadGone;

/**
 * Upload session ids, and where a session stands (docs/design.md, "Upload sessions"). A session is born without a
 * row: its id is signed for its repository and carries the second it started, so that any node of the deployment
 * knows it for one it issued, and it gets its row with its first chunk; a session completed by one request that
 * brings the whole blob never has one. Every session that ends leaves its id among the ended ones, so that an id is
 * never valid twice; an id without a row is valid for {@code auth.uploadExpiry} after its start.
 *
 * <p>An id is 16 bytes shaped as a UUID (ECR's {@code uploadId}): 4 bytes of start (Unix seconds), 6 random bytes,
 * and 6 bytes of HMAC-SHA256 over the repository's id and the first 10 bytes, under a key derived from the
 * deployment's master key. The random bytes keep ids apart (two sessions started in the same second share an id
 * with a chance of one in 2^48 per pair); the MAC makes an id that Wharf did not issue for that repository unknown.
 */
final class UploadSessions {
    private static final HexFormat HEX = HexFormat.of();
    private final Mac prototype;
    private final MetadataStore meta;
    private final Repositories repositories;
    private final RegistrySettings settings;

    UploadSessions(byte[] key, MetadataStore meta, Repositories repositories, RegistrySettings settings) {
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
        this.meta = meta;
        this.repositories = repositories;
        this.settings = settings;
    }

    /** A key for a single process (tests, tools): ids it issues are known to no other process. */
    static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** A new session's id; nothing is written. */
    String issue(long repositoryId) {
        long seconds = settings.clock().millis() / 1000;
        byte[] id = new byte[16];
        for (int i = 0; i < 4; i++) id[i] = (byte) (seconds >>> (8 * (3 - i)));
        byte[] nonce = new byte[6];
        ThreadLocalRandom.current().nextBytes(nonce);
        System.arraycopy(nonce, 0, id, 4, 6);
        System.arraycopy(mac(repositoryId, id), 0, id, 10, 6);
        String hex = HEX.formatHex(id);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-"
                + hex.substring(20);
    }

    /** When the session {@code uploadId} of {@code repositoryId} started (epoch milliseconds), if Wharf issued that id for it; else -1. */
    long started(long repositoryId, String uploadId) {
        if (uploadId.length() != 36 || uploadId.charAt(8) != '-' || uploadId.charAt(13) != '-' || uploadId.charAt(18) != '-'
                || uploadId.charAt(23) != '-') {
            return -1;
        }
        byte[] id;
        try {
            id = HEX.parseHex(uploadId.replace("-", ""));
        } catch (IllegalArgumentException e) {
            return -1;
        }
        byte[] expected = mac(repositoryId, id);
        byte[] given = new byte[6];
        System.arraycopy(id, 10, given, 0, 6);
        if (!MessageDigest.isEqual(given, Arrays.copyOf(expected, 6))) return -1;
        long seconds = 0;
        for (int i = 0; i < 4; i++) seconds = (seconds << 8) | (id[i] & 0xff);
        return seconds * 1000;
    }

    private byte[] mac(long repositoryId, byte[] id) {
        try {
            // a clone of the keyed prototype, as RegistryTokens does: no provider lookup and key setup per request
            Mac m = (Mac) prototype.clone();
            for (int i = 7; i >= 0; i--) m.update((byte) (repositoryId >>> (8 * i)));
            m.update(id, 0, 10);
            return m.doFinal();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The session {@code uploadId} of {@code repo}: its row, or, for a session still without one, a row of no bytes
     * that is not stored. UPLOAD_UNKNOWN when the id is another repository's, not one Wharf issued, expired or ended.
     */
    Rows.Upload find(RepositoryInfo repo, String uploadId) {
        Optional<Rows.Upload> row = meta.findUpload(uploadId);
        if (row.isPresent()) {
            if (row.get().repositoryId() == repo.id()) return row.get();
            throw unknown(repo, uploadId);
        }
        long started = started(repo.id(), uploadId);
        if (started < 0 || started < settings.clock().millis() - settings.uploadExpiry().toMillis() || meta.uploadEnded(uploadId)) {
            throw unknown(repo, uploadId);
        }
        return new Rows.Upload(uploadId, repo.id(), 0, 0, started, started);
    }

    private static WharfException unknown(RepositoryInfo repo, String uploadId) {
        return new WharfException(ErrorCode.UPLOAD_UNKNOWN, "The upload " + uploadId + " does not exist in the repository '"
                + repo.name() + "': it was completed, cancelled or has expired; start a new upload", Map.of("uploadId", uploadId));
    }

    /**
     * Takes the session's writer claim at {@code size}, or tells the caller where the session stands. A session still
     * without a row gets it here, with the claim's first attempt, and only then counts towards
     * {@code limits.openUploadsPerRepository}.
     */
    String claim(RepositoryInfo repo, String uploadId, long size) {
        String writer = UUID.randomUUID().toString();
        long now = settings.clock().millis();
        long staleBefore = now - Blobs.CLAIM_LEASE.toMillis();
        if (meta.claimUpload(uploadId, size, writer, now, staleBefore)) return writer;
        Optional<Rows.Upload> row = meta.findUpload(uploadId);
        if (row.isEmpty() && size == 0) {
            long started = started(repo.id(), uploadId);
            if (started < 0) throw uploadGone(uploadId);
            int max = repositories.limits().forAccount(repo.accountId()).openUploadsPerRepository();
            try {
                meta.createUpload(new Rows.Upload(uploadId, repo.id(), 0, 0, started, now), max);
            } catch (LimitException e) {
                throw new WharfException(ErrorCode.UPLOAD_LIMIT_EXCEEDED, "The repository '" + repo.name() + "' already has " + max
                        + " open uploads that hold bytes, the maximum per repository: complete or cancel one, or wait for abandoned "
                        + "ones to expire");
            }
            // made here, or by a chunk racing this one; none if the session ended meanwhile
            if (meta.claimUpload(uploadId, size, writer, now, staleBefore)) return writer;
            row = meta.findUpload(uploadId);
        }
        long current = row.map(Rows.Upload::size).orElseThrow(() -> uploadGone(uploadId));
        throw rangeInvalid(uploadId, current, "Another request is writing to the upload");
    }
}
