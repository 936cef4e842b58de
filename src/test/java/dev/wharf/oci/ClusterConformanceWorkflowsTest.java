package dev.wharf.oci;

import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.WharfCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The OCI conformance replay ({@link ConformanceWorkflows}) against a deployment: two Wharf nodes
 * on one PostgreSQL and one S3 bucket, behind haproxy balancing each request round robin. Every
 * workflow's requests (an upload's POST, PATCH and PUT; a push and the pull that follows it; a
 * delete and the 404 after it) land on both nodes, and the suite passes as it does on one.
 */
@Tag(ExternalProcess.TAG)
class ClusterConformanceWorkflowsTest extends ConformanceWorkflows {
    private static WharfCluster cluster;

    @BeforeAll
    static void setUp() throws Exception {
        cluster = WharfCluster.start(2);
        replayAgainst(cluster.oci(), cluster::createRepositories);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }
}
