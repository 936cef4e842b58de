package dev.wharf.oci;

import dev.wharf.testing.WharfTest;

/**
 * {@link LargeBlobTransferTest}'s pushes, whole reads and ranges against a server with
 * {@code server.sendfile} on: blob GETs of 256 KiB and more go to the socket by sendfile instead
 * of through the pooled buffers.
 */
@WharfTest(env = "WHARF_SENDFILE=true")
class LargeBlobTransferWithSendfileTest extends LargeBlobTransferTest {
}
