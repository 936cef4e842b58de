package dev.wharf.storage.blob;

import java.io.IOException;
import java.util.List;

/**
 * Optional power of a {@link BlobStore}: deletes many committed blobs in few calls (S3's
 * DeleteObjects takes 1,000 keys a request). Garbage collection uses it when offered.
 */
public interface BatchDelete {

    /** The most digests one call of {@link #deleteAll} takes. */
    int maxBatch();

    /**
     * Removes the committed blobs; absent ones are no error. Either every digest is gone when this
     * returns, or it throws, and then any of them may or may not be gone (deleting again is safe).
     */
    void deleteAll(List<Digest> digests) throws IOException;
}
