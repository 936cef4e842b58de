package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;

import java.util.Map;

/** The errors {@link Blobs} answers for blob reads and uploads, each saying what the client can do next. */
final class BlobErrors {
    private BlobErrors() {}

    static WharfException blobUnknown(RepositoryInfo repo, Digest digest) {
        return new WharfException(ErrorCode.BLOB_UNKNOWN, "The blob " + digest + " does not exist in the repository '"
                + repo.name() + "' in the registry with id '" + repo.accountId() + "'", Map.of("digest", digest.toString()));
    }

    static WharfException rangeInvalid(String uploadId, long size, String why) {
        return new WharfException(ErrorCode.UPLOAD_RANGE_INVALID, why + " but the upload " + uploadId + " has " + size
                + " bytes: send the chunk that starts at byte " + size, Map.of("size", size));
    }

    static WharfException digestMismatch(Digest expected, Digest actual) {
        return new WharfException(ErrorCode.LAYER_DIGEST_MISMATCH, "The uploaded content has digest " + actual
                + ", not the " + expected + " named in the request; the upload was discarded",
                Map.of("expected", expected.toString(), "actual", actual.toString()));
    }

    /** The pin lapsed and a collection took the blob meanwhile: nothing visible needs these bytes. */
    static WharfException pinLapsed(String uploadId) {
        return new WharfException(ErrorCode.UPLOAD_UNKNOWN, "The upload " + uploadId + " took longer than "
                + BlobPins.LEASE.toMinutes() + " minutes to complete and its blob was garbage-collected meanwhile; push the blob again",
                Map.of("uploadId", uploadId));
    }

    static WharfException uploadGone(String uploadId) {
        return new WharfException(ErrorCode.UPLOAD_UNKNOWN, "The upload " + uploadId + " was completed, cancelled or has expired; "
                + "start a new upload", Map.of("uploadId", uploadId));
    }

    static WharfException tooLarge(long max) {
        return new WharfException(ErrorCode.TOO_LARGE, "The blob exceeds the maximum layer size of " + max + " bytes");
    }

    /** The client's body broke off after {@code received} bytes of a chunk: it can resume from the committed size. */
    static WharfException interrupted(long received, Exception cause) {
        return new WharfException(ErrorCode.UPLOAD_INVALID, "The upload was interrupted after " + received
                + " bytes of this chunk: query the upload status and continue from its Range", Map.of(), cause);
    }

    /** The body held another number of bytes than its Content-Length ({@code received}: a count, or "more"). */
    static WharfException sizeMismatch(long declared, String received) {
        return new WharfException(ErrorCode.SIZE_INVALID, "Content-Length was " + declared + " but " + received + " bytes were received");
    }
}
