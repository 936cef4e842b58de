package dev.wharf.storage.meta;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Checkpoints of the SQLite write-ahead log, on a thread of their own instead of in the request
 * that happens to commit past SQLite's threshold.
 *
 * <p>Why: left to itself, SQLite copies the WAL's pages into the database file (and flushes both)
 * inside the commit that takes the WAL past 1,000 pages. Under small pushes that was every 12–15
 * images, and the request that paid spent 20–80 ms copying 120–150 pages instead of answering
 * (docs/performance.md, "Small pushes: checkpoints off the request path"). Here the pool's
 * connections checkpoint by themselves only past {@link #POOL_AUTOCHECKPOINT_PAGES} (a safety net,
 * should this thread fall behind), and the store tells this thread of each commit
 * ({@link #committed()}); every {@link #EVERY_COMMITS} commits (about SQLite's 1,000 pages at the
 * pages a small push's transactions change) it runs a passive checkpoint on a connection of its
 * own, which copies what it can without waiting for readers or writers, who go on meanwhile.
 *
 * <p>A passive checkpoint that overlaps a commit does not let the next writer start the WAL over,
 * so under a steady stream of writes the file could keep growing. When the WAL holds
 * {@code truncateFrames} pages or more after a passive checkpoint, the next one is a
 * {@code TRUNCATE} checkpoint: it waits (up to its connection's busy timeout) for the writer and
 * the readers of older snapshots, copies the rest, and empties the file. Writers wait for it;
 * it happens only after thousands of pages without a restart.
 *
 * <p>Nothing here touches the start: the thread parks first and opens its connection at its first
 * checkpoint. Closing stops the thread and closes its connection; the pool's connections are
 * closed by the pool.
 */
final class SqliteCheckpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpoints.class);
    /** The pool's own checkpoint threshold (SQLite's default is 1,000 pages): only if this thread falls behind. */
    static final int POOL_AUTOCHECKPOINT_PAGES = 8192;
    /** Commits between two checkpoints. */
    static final int EVERY_COMMITS = 100;
    /** The WAL's size, in pages, past which a checkpoint waits for writers and empties the file. */
    static final int TRUNCATE_FRAMES = 4096;
    private static final Duration LOOK_AT_CLOSED = Duration.ofSeconds(1);
    private static final int BUSY_TIMEOUT_MS = 2_000;

    private final Path database;
    private final int everyCommits;
    private final int truncateFrames;
    private final AtomicInteger commits = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;
    private Connection connection;

    private SqliteCheckpoints(Path database, int everyCommits, int truncateFrames) {
        this.database = database.toAbsolutePath();
        this.everyCommits = everyCommits;
        this.truncateFrames = truncateFrames;
        this.thread = Thread.ofPlatform().daemon().name("wharf-sqlite-checkpoints").unstarted(this::run);
    }

    /** Starts checkpointing {@code database}'s WAL. */
    static SqliteCheckpoints start(Path database) {
        return start(database, EVERY_COMMITS, TRUNCATE_FRAMES);
    }

    /** As {@link #start(Path)}, every {@code everyCommits} commits, emptying the WAL from {@code truncateFrames} pages on (tests). */
    static SqliteCheckpoints start(Path database, int everyCommits, int truncateFrames) {
        SqliteCheckpoints c = new SqliteCheckpoints(database, everyCommits, truncateFrames);
        c.thread.start();
        return c;
    }

    /** Counts a commit of the store's pool; wakes the thread every {@link #EVERY_COMMITS}. */
    void committed() {
        if (commits.incrementAndGet() == everyCommits) LockSupport.unpark(thread);
    }

    private void run() {
        boolean truncate = false;
        while (!closed) {
            if (commits.get() < everyCommits && !truncate) {
                LockSupport.parkNanos(LOOK_AT_CLOSED.toNanos());
                continue;
            }
            commits.set(0);
            try {
                truncate = checkpoint(truncate ? "TRUNCATE" : "PASSIVE") >= truncateFrames;
            } catch (SQLException | RuntimeException e) {
                if (closed) break;
                LOG.warn("checkpointing {} failed; the pool's connections checkpoint past {} pages: {}", database,
                        POOL_AUTOCHECKPOINT_PAGES, e.toString());
                closeConnection();
                truncate = false;
                LockSupport.parkNanos(LOOK_AT_CLOSED.toNanos());
            }
        }
        closeConnection();
    }

    /** Runs one checkpoint; answers the WAL's pages after it (0 once emptied or started over). */
    private long checkpoint(String mode) throws SQLException {
        if (connection == null) connection = open();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }

    private Connection open() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config.createConnection("jdbc:sqlite:" + database);
    }

    private void closeConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the checkpoint connection of {}: {}", database, e.toString());
        }
        connection = null;
    }

    /** Whether the thread is still running (tests). */
    boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
