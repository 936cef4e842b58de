package dev.wharf.storage.meta;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The {@link AuditStore} over JDBC, in the portable SQL of {@link JdbcMetadataStore}. */
public class JdbcAuditStore implements AuditStore {
    private static final String COLUMNS = "event_id, account_id, event_time, event_source, event_name, username, access_key_id, "
            + "read_only, resource_type, resource_name, resource_arn, record";
    private static final Jdbc.RowMapper<Event> EVENT = rs -> new Event(rs.getString("event_id"),
            rs.getString("account_id"), rs.getLong("event_time"), rs.getString("event_source"), rs.getString("event_name"),
            rs.getString("username"), rs.getString("access_key_id"), rs.getInt("read_only") != 0, rs.getString("resource_type"),
            rs.getString("resource_name"), rs.getString("resource_arn"), rs.getString("record"));

    private final DataSource ds;
    private final Dialect dialect;

    /** The pool the records go through (for this package's tests). */
    DataSource dataSource() {
        return ds;
    }

    public JdbcAuditStore(DataSource ds, Dialect dialect) {
        this.ds = ds;
        this.dialect = dialect;
    }

    @Override
    public void append(List<Event> events) {
        if (events.isEmpty()) return;
        Jdbc.tx(ds, dialect, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
                for (Event e : events) {
                    ps.setString(1, e.eventId());
                    ps.setString(2, e.accountId());
                    ps.setLong(3, e.eventTime());
                    ps.setString(4, e.eventSource());
                    ps.setString(5, e.eventName());
                    ps.setString(6, e.username());
                    ps.setString(7, e.accessKeyId());
                    ps.setInt(8, e.readOnly() ? 1 : 0);
                    ps.setString(9, e.resourceType());
                    ps.setString(10, e.resourceName());
                    ps.setString(11, e.resourceArn());
                    ps.setString(12, e.record());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<Event> find(Query q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_events WHERE account_id = ? AND event_time >= ? AND event_time <= ?");
        List<Object> args = new ArrayList<>(List.of(q.accountId(), q.from(), q.to()));
        if (q.after() != null) {
            sql.append(" AND (event_time < ? OR (event_time = ? AND event_id < ?))");
            args.addAll(List.of(q.after().eventTime(), q.after().eventTime(), q.after().eventId()));
        }
        if (q.attribute() != null) {
            switch (q.attribute()) {
                case EVENT_ID -> sql.append(" AND event_id = ?");
                case EVENT_NAME -> sql.append(" AND event_name = ?");
                case USERNAME -> sql.append(" AND username = ?");
                case RESOURCE_TYPE -> sql.append(" AND resource_type = ?");
                case EVENT_SOURCE -> sql.append(" AND event_source = ?");
                case ACCESS_KEY_ID -> sql.append(" AND access_key_id = ?");
                case READ_ONLY -> sql.append(" AND read_only = ?");
                case RESOURCE_NAME -> {
                    sql.append(" AND (resource_name = ? OR resource_arn = ?)");
                    args.add(q.value());
                }
            }
            args.add(q.attribute() == Attribute.READ_ONLY ? (Boolean.parseBoolean(q.value()) ? 1 : 0) : q.value());
        }
        sql.append(" ORDER BY event_time DESC, event_id DESC LIMIT ?");
        args.add(q.limit());
        return Jdbc.read(ds, dialect, c -> query(c, sql.toString(), EVENT, args.toArray()));
    }

    @Override
    public int deleteBefore(long before, int max) {
        return Jdbc.tx(ds, dialect, c -> update(c,
                "DELETE FROM audit_events WHERE event_id IN (SELECT event_id FROM audit_events WHERE event_time < ? ORDER BY event_time LIMIT ?)",
                before, max));
    }

    /**
     * The audit store beside {@code meta}: on SQLite a small pool of its own on the same file (so the
     * audit writer never takes a connection a request waits for), on PostgreSQL the shared pool.
     */
    public static Closeable open(MetadataStore meta, java.nio.file.Path sqliteFile) {
        JdbcMetadataStore jdbc = (JdbcMetadataStore) meta;
        if (jdbc.dialect() == Dialect.SQLITE) return openSqlite(sqliteFile);
        return new Closeable(jdbc.dataSource(), jdbc.dialect(), null);
    }

    /** Opens the audit store of a SQLite data file already migrated by {@link SqliteMetadataStores}, over a small pool of its own. */
    public static Closeable openSqlite(java.nio.file.Path file) {
        org.sqlite.SQLiteConfig sqlite = new org.sqlite.SQLiteConfig();
        sqlite.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
        // NORMAL: a batch's commit is not flushed by itself (its records already waited in memory),
        // but by the next durable commit of the metadata pool; docs/operations.md says what a power loss can lose
        sqlite.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(30_000);
        sqlite.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
        // no statement asks for generated keys: without this the driver runs "SELECT last_insert_rowid()" after every INSERT
        sqlite.setGetGeneratedKeys(false);
        com.zaxxer.hikari.HikariDataSource pool = SqliteConnections.pool(file, sqlite, "wharf-audit", 2);
        return new Closeable(pool, Dialect.SQLITE, pool);
    }

    /** An audit store that owns its connection pool. */
    public static final class Closeable extends JdbcAuditStore implements AutoCloseable {
        /** Null when the pool is the metadata store's (closed with it). */
        private final com.zaxxer.hikari.HikariDataSource pool;

        private Closeable(DataSource ds, Dialect dialect, com.zaxxer.hikari.HikariDataSource pool) {
            super(ds, dialect);
            this.pool = pool;
        }

        @Override
        public void close() {
            if (pool != null) pool.close();
        }
    }
}
