package dev.wharf.storage.blob;

import java.io.IOException;

/**
 * Optional power of a {@link BlobStore} whose room is finite and measurable (a local disk; an S3
 * bucket has none): the registry refuses new uploads below a configured floor rather than fail
 * half-way through one.
 */
public interface FreeSpace {
    /** Bytes this process can still write where the blobs live. */
    long usableBytes() throws IOException;
}
