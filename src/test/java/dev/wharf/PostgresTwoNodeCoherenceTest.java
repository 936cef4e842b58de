package dev.wharf;

import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.PostgresMetadataStores;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.PostgresCluster;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;

import java.util.HashMap;
import java.util.Map;

/** Two nodes on one PostgreSQL database (blobs in node A's data directory, which both use). */
@Tag(ExternalProcess.TAG)
class PostgresTwoNodeCoherenceTest extends TwoNodeCoherenceContract {
    private PostgresCluster pg;
    private String url;

    @Override
    protected void startNodes(Map<String, String> extra) throws Exception {
        pg = PostgresCluster.start();
        url = pg.createDatabase();
        Map<String, String> env = new HashMap<>(extra);
        env.put("WHARF_STORAGE_METADATA", "postgres");
        env.put("WHARF_POSTGRES_URL", url);
        env.put("WHARF_POSTGRES_USER", PostgresCluster.USER);
        env.put("WHARF_POSTGRES_PASSWORD", PostgresCluster.PASSWORD);
        nodeA = TestServer.start(env);
        nodeB = TestServer.startOn(nodeA.dataDir(), env);
    }

    @Override
    protected MetadataStore openSharedStore() {
        return PostgresMetadataStores.openAll(new PostgresMetadataStores.Connection(url, PostgresCluster.USER, PostgresCluster.PASSWORD, 2)).meta();
    }

    @Override
    protected void stopAll() throws Exception {
        if (pg != null) pg.close();
    }
}
