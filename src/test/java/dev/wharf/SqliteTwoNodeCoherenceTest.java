package dev.wharf;

import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SqliteMetadataStores;
import dev.wharf.testing.TestServer;

import java.util.Map;

/** Two nodes (two servers in one JVM) on one SQLite data directory, as tests and a single host may run them. */
class SqliteTwoNodeCoherenceTest extends TwoNodeCoherenceContract {
    @Override
    protected void startNodes(Map<String, String> env) {
        nodeA = TestServer.start(env);
        nodeB = TestServer.startOn(nodeA.dataDir(), env);
    }

    @Override
    protected MetadataStore openSharedStore() {
        return SqliteMetadataStores.open(nodeA.dataDir().resolve("wharf.db"));
    }

    @Override
    protected void stopAll() {
        // the data directory is node A's, deleted when it closes
    }
}
