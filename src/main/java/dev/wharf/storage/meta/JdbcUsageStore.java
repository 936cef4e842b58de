package dev.wharf.storage.meta;

import javax.sql.DataSource;
import java.util.List;

/** {@link UsageStore} over the metadata database's own tables (no schema of its own). */
public final class JdbcUsageStore implements UsageStore {
    private final DataSource ds;
    private final Dialect dialect;

    public JdbcUsageStore(DataSource ds, Dialect dialect) {
        this.ds = ds;
        this.dialect = dialect;
    }

    /** Over the same database and pool as {@code meta} (a {@link JdbcMetadataStore}). */
    public static UsageStore sharing(MetadataStore meta) {
        JdbcMetadataStore jdbc = (JdbcMetadataStore) meta;
        return new JdbcUsageStore(jdbc.dataSource(), jdbc.dialect());
    }

    @Override
    public long openUploads() {
        return Jdbc.read(ds, dialect, c -> Jdbc.one(c, "SELECT COUNT(*) AS n FROM uploads",
                rs -> rs.getLong("n")).orElse(0L));
    }

    @Override
    public List<AccountBytes> storedBytesByAccount() {
        return Jdbc.read(ds, dialect, c -> Jdbc.query(c,
                "SELECT a.account_id, SUM(b.size) AS bytes FROM"
                        + " (SELECT DISTINCT r.account_id, rb.digest FROM repository_blobs rb"
                        + "  JOIN repositories r ON r.repository_id = rb.repository_id) a"
                        + " JOIN blobs b ON b.digest = a.digest GROUP BY a.account_id ORDER BY a.account_id",
                rs -> new AccountBytes(rs.getString("account_id"), rs.getLong("bytes"))));
    }

    @Override
    public List<RepositoryBytes> largestRepositories(int limit) {
        if (limit <= 0) return List.of();
        return Jdbc.read(ds, dialect, c -> Jdbc.query(c,
                "SELECT r.account_id, r.name, SUM(b.size) AS bytes FROM repository_blobs rb"
                        + " JOIN repositories r ON r.repository_id = rb.repository_id"
                        + " JOIN blobs b ON b.digest = rb.digest"
                        + " GROUP BY r.repository_id, r.account_id, r.name ORDER BY bytes DESC, r.repository_id LIMIT ?",
                rs -> new RepositoryBytes(rs.getString("account_id"), rs.getString("name"), rs.getLong("bytes")), limit));
    }
}
