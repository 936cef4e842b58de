package dev.wharf.storage.meta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The JDBC plumbing every store of this package shares: one transaction discipline, one
 * translation of database errors, and small statement helpers.
 */
final class Jdbc {
    private final DataSource ds;
    private final Dialect dialect;

    Jdbc(DataSource ds, Dialect dialect) {
        this.ds = ds;
        this.dialect = dialect;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs {@code work} in one transaction; rolls back on any exception. */
    <T> T tx(Work<T> work) {
        return tx(ds, dialect, work);
    }

    /**
     * Runs {@code work} in one transaction whose commit does not wait for the disk: it is durable
     * only once a later ordinary commit (of any connection) has flushed the log, which makes every
     * earlier commit durable with it. So commits keep their order and a power loss can only undo
     * the relaxed ones after the last durable commit; an application crash undoes none. Only for a
     * write whose loss is harmless (docs/design.md, "Durability of small commits"): never for one
     * whose effect a client is told of as done.
     */
    <T> T relaxedTx(Work<T> work) {
        return relaxedTx(ds, dialect, work);
    }

    /** Runs a read (autocommit: no write lock). */
    <T> T read(Work<T> work) {
        return read(ds, dialect, work);
    }

    /** The transaction discipline every JDBC store of this package shares. */
    static <T> T tx(DataSource ds, Dialect dialect, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return inTx(c, dialect, false, work);
        } catch (SQLException e) {
            throw translate(dialect, e);
        }
    }

    /**
     * {@link #relaxedTx(Work)}. SQLite (WAL): {@code synchronous=NORMAL} appends the commit to the
     * WAL without fsync; the setting belongs to the connection, so it is set before BEGIN and put
     * back to FULL afterwards whatever happened, and a connection that cannot be put back leaves
     * the pool. PostgreSQL: {@code SET LOCAL synchronous_commit}, which ends with the transaction.
     */
    static <T> T relaxedTx(DataSource ds, Dialect dialect, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            if (dialect != Dialect.SQLITE) return inTx(c, dialect, true, work);
            T result;
            try {
                execute(c, "PRAGMA synchronous = NORMAL");
                result = inTx(c, dialect, true, work);
            } catch (SQLException | RuntimeException e) {
                try {
                    durableAgain(ds, c);
                } catch (SQLException | RuntimeException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
            durableAgain(ds, c);
            return result;
        } catch (SQLException e) {
            throw translate(dialect, e);
        }
    }

    /**
     * Puts a SQLite connection back to {@code synchronous=FULL}; one that cannot be is taken out of
     * the pool (closed at once), so that no later transaction commits on it without a flush.
     */
    private static void durableAgain(DataSource ds, Connection c) throws SQLException {
        try {
            execute(c, "PRAGMA synchronous = FULL");
        } catch (SQLException | RuntimeException e) {
            if (!(ds instanceof com.zaxxer.hikari.HikariDataSource pool)) throw e;
            pool.evictConnection(c);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static <T> T inTx(Connection c, Dialect dialect, boolean relaxed, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        T result;
        try {
            // PostgreSQL: for this transaction only; a later synchronous commit flushes the WAL past it
            if (relaxed && dialect == Dialect.POSTGRESQL) execute(c, "SET LOCAL synchronous_commit TO off");
            result = work.run(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            // The first failure is the cause: a rollback or reset that fails after it (the
            // connection is broken, the disk is full) is attached to it, never put in its place.
            try {
                c.rollback();
            } catch (SQLException | RuntimeException r) {
                e.addSuppressed(r);
            }
            try {
                c.setAutoCommit(true);
            } catch (SQLException | RuntimeException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
        c.setAutoCommit(true);
        return result;
    }

    static <T> T read(DataSource ds, Dialect dialect, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(dialect, e);
        }
    }

    private static RuntimeException translate(Dialect dialect, SQLException e) {
        if (dialect.isUniqueViolation(e)) {
            return new DuplicateException("already exists");
        }
        if (dialect.isForeignKeyViolation(e)) {
            return new ReferenceGoneException("a row this write refers to is gone or still needed");
        }
        if (dialect.isStorageFull(e)) {
            return new MetadataFullException("the metadata database is out of storage: " + e.getMessage(), e);
        }
        return new MetadataException("metadata database error: " + e.getMessage(), e);
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        bind(ps, args);
        return ps;
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof byte[] b) {
                ps.setBytes(i + 1, b);
            } else if (a instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (SqliteStatements.Lease kept = SqliteStatements.lend(c, sql)) {
            if (kept != null) {
                List<T> out = rows(kept.statement, mapper, args);
                kept.succeeded();
                return out;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return rows(ps, mapper, args);
        }
    }

    private static <T> List<T> rows(PreparedStatement ps, RowMapper<T> mapper, Object... args) throws SQLException {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(mapper.map(rs));
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> l = query(c, sql, mapper, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (SqliteStatements.Lease kept = SqliteStatements.lend(c, sql)) {
            if (kept != null) {
                bind(kept.statement, args);
                int n = kept.statement.executeUpdate();
                kept.succeeded();
                return n;
            }
        }
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
