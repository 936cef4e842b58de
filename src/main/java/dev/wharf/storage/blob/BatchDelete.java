package dev.wharf.storage.blob;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Optional power of a {@link BlobStore}: deletes many committed blobs in few calls (S3's
 * DeleteObjects takes 1,000 keys a request). Garbage collection uses it when offered.
 */
public interface BatchDelete {

    /** The most digests one call of {@link #deleteAll} takes. */
    int maxBatch();

    /**
     * Removes the committed blobs; absent ones are no error. Returns the digests the store refused
     * to delete, each with the store's reason (an error code and message, never a credential):
     * every other digest is gone. Throws when the call as a whole failed; then any of them may or
     * may not be gone (deleting again is safe).
     */
    Map<Digest, String> deleteAll(List<Digest> digests) throws IOException;
}
