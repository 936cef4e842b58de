package dev.wharf.oci;

import dev.wharf.testing.WharfTest;

/**
 * {@link LargeBlobTransferTest}'s pushes, whole reads and ranges against a server with
 * {@code server.sendfile} off: every blob byte goes through the pooled buffer instead.
 */
@WharfTest(env = "WHARF_SENDFILE=false")
class LargeBlobTransferWithoutSendfileTest extends LargeBlobTransferTest {
}
