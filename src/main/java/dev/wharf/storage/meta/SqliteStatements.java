package dev.wharf.storage.meta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.sqlite.SQLiteConnection;

/**
 * Prepared statements kept per physical SQLite connection, so that a statement this package runs
 * again and again is compiled once per connection instead of on every call.
 *
 * <p>Why: SQLite compiles SQL on every {@code prepareStatement}, and neither the driver nor the
 * pool keeps statements; on the pull path compiling took about a quarter of the request's CPU
 * (docs/performance.md, "Request rates"). PostgreSQL's driver keeps its own statement cache, so
 * this one is for SQLite only.
 *
 * <p>The rules that keep it safe:
 * <ul>
 *   <li>statements belong to the connection the pool wraps, never to the pool's proxy (the pool
 *       closes every statement made through a proxy when the proxy is returned);</li>
 *   <li>a connection is used by one thread at a time (the pool hands it out exclusively), and a
 *       kept statement is lent out at most once at a time: a nested use of the same SQL on the same
 *       connection gets a statement of its own, closed after use;</li>
 *   <li>a statement goes back reset: its result set is closed (which resets it in the driver) or
 *       its update has run, so a kept statement never holds a read snapshot or a lock between
 *       uses; a statement whose use failed is closed instead of kept;</li>
 *   <li>at most {@link #MAX_PER_CONNECTION} per connection, least recently used closed first; the
 *       driver closes the rest when the pool closes the connection.</li>
 * </ul>
 */
final class SqliteStatements {
    static final int MAX_PER_CONNECTION = 256;
    private static final Map<Connection, Kept> BY_CONNECTION = Collections.synchronizedMap(new WeakHashMap<>());

    private SqliteStatements() {}

    /** A statement lent out: {@link #done(boolean)} gives it back (or closes it). */
    static final class Lease implements AutoCloseable {
        final PreparedStatement statement;
        private final Kept owner;
        private final String sql;
        private boolean ok;

        private Lease(PreparedStatement statement, Kept owner, String sql) {
            this.statement = statement;
            this.owner = owner;
            this.sql = sql;
        }

        /** Marks the use as finished without error: the statement may be kept. */
        void succeeded() {
            ok = true;
        }

        @Override
        public void close() throws SQLException {
            if (owner != null && ok) {
                owner.giveBack(sql);
            } else {
                if (owner != null) owner.forget(sql);
                statement.close();
            }
        }
    }

    /** The statements of one physical connection, in least-recently-used order. */
    private static final class Kept {
        private final LinkedHashMap<String, Entry> statements = new LinkedHashMap<>(64, 0.75f, true);

        private static final class Entry {
            final PreparedStatement statement;
            boolean lent;

            Entry(PreparedStatement statement) {
                this.statement = statement;
            }
        }

        synchronized Lease lend(Connection c, String sql) throws SQLException {
            Entry e = statements.get(sql);
            if (e != null && e.lent) {
                return new Lease(c.prepareStatement(sql), null, sql); // nested use: a statement of its own
            }
            if (e == null) {
                e = new Entry(c.prepareStatement(sql));
                statements.put(sql, e);
                if (statements.size() > MAX_PER_CONNECTION) {
                    var eldest = statements.values().iterator();
                    Entry old = eldest.next();
                    if (!old.lent) {
                        eldest.remove();
                        old.statement.close();
                    }
                }
            }
            e.lent = true;
            return new Lease(e.statement, this, sql);
        }

        synchronized void giveBack(String sql) {
            Entry e = statements.get(sql);
            if (e != null) e.lent = false;
        }

        synchronized void forget(String sql) {
            statements.remove(sql);
        }
    }

    /**
     * Lends the kept statement for {@code sql} on {@code c}'s SQLite connection, or answers null when
     * {@code c} is not SQLite (the caller prepares as usual).
     */
    static Lease lend(Connection c, String sql) throws SQLException {
        if (!c.isWrapperFor(SQLiteConnection.class)) return null;
        // the connection the pool wraps, as the driver made it (a pool's proxy answers its delegate)
        Connection physical = c.unwrap(Connection.class);
        return BY_CONNECTION.computeIfAbsent(physical, k -> new Kept()).lend(physical, sql);
    }
}
