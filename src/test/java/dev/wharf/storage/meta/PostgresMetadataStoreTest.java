package dev.wharf.storage.meta;

import dev.wharf.testing.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The metadata contract against a real PostgreSQL; each test gets a database of its own. */
@Tag("e2e")
class PostgresMetadataStoreTest extends MetadataStoreContract {
    /** Tables that outlive accounts: blobs belong to garbage collection, ended upload ids expire by themselves, the others belong to the installation. */
    private static final Set<String> GLOBAL = Set.of("blobs", "blob_contents", "ended_uploads", "blob_deletions", "blob_pins", "gc_lease", "cache_generations", "settings",
            "flyway_schema_history");

    private static PostgresCluster pg;
    private static PostgresStores stores;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = PostgresCluster.start();
        stores = new PostgresStores(pg);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) pg.close();
    }

    @Override
    protected MetadataStore newStore() throws Exception {
        return stores.open().meta();
    }

    @Override
    protected Map<String, Long> accountOwnedRowCounts() throws Exception {
        try (Connection c = DriverManager.getConnection(stores.lastUrl(), PostgresCluster.USER, PostgresCluster.PASSWORD);
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) if (!GLOBAL.contains(rs.getString(1))) tables.add(rs.getString(1));
            }
            Map<String, Long> counts = new TreeMap<>();
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
            return counts;
        }
    }
}
