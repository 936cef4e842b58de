package dev.wharf.storage.blob;

import java.io.IOException;

/**
 * Optional power of a {@link BlobStore} that can store a small blob under its digest in one step,
 * with no upload session: for a store whose every step is a round trip (S3), a blob that arrives
 * whole in one request (POST, then PUT with the bytes, as clients push small blobs) then costs one
 * write instead of a session's piece, a copy into place and the session's clean-up.
 */
public interface WholeBlobs {
    /** The largest blob {@link #putWhole} takes; the caller holds that many bytes in memory. */
    int maxWholeBytes();

    /**
     * Makes {@code bytes[0, length)} visible as {@code digest}, atomically (whole or not at all),
     * keeping an existing copy, as {@link BlobStore#commitUpload} does. The caller has verified the
     * digest: this does not hash.
     */
    void putWhole(Digest digest, byte[] bytes, int length) throws IOException;
}
