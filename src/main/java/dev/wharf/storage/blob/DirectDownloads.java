package dev.wharf.storage.blob;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Optional power of a {@link BlobStore} whose committed blobs a client can fetch straight from
 * the backend (an S3 presigned GET URL): the server then answers a blob GET with a redirect and
 * the bytes never pass through it. Checked with {@code instanceof}.
 */
public interface DirectDownloads {
    /**
     * A URL that serves the committed blob to anyone holding it, until {@code lifetime} has passed.
     * The blob's existence is not checked: callers have found it in the metadata store first.
     */
    URI downloadUrl(Digest digest, Duration lifetime) throws IOException;
}
