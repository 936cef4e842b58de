package dev.wharf.storage.blob;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Optional power of a {@link BlobStore} whose committed blobs are files on this machine: the
 * server can then send them with file-channel transfers instead of copying through the heap.
 */
public interface LocalFileAccess {
    /** The file holding the committed blob, or empty when it does not exist. */
    Optional<Path> file(Digest digest);
}
