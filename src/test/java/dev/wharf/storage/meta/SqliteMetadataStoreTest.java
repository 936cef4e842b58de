package dev.wharf.storage.meta;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

class SqliteMetadataStoreTest extends MetadataStoreContract {
    /** Tables that outlive accounts: blobs belong to garbage collection, ended upload ids expire by themselves, the others belong to the installation. */
    private static final Set<String> GLOBAL = Set.of("blobs", "blob_contents", "ended_uploads", "blob_deletions", "blob_pins", "gc_lease", "cache_generations", "settings", "flyway_schema_history",
            "sqlite_sequence");

    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqliteMetadataStores.open(dir.resolve("wharf.db"));
    }

    @Override
    protected Map<String, Long> accountOwnedRowCounts() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("wharf.db")); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
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
