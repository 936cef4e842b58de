package dev.wharf.oci;

import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.BeforeAll;

/** The OCI conformance replay ({@link ConformanceWorkflows}) against one Wharf, in this JVM. */
@WharfTest
class ConformanceWorkflowsTest extends ConformanceWorkflows {
    @BeforeAll
    static void setUp(TestServer server) {
        replayAgainst(OciClient.of(server), server::createRepositories);
    }
}
