package dev.wharf.storage.meta;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/**
 * The JDBC {@link GcStore}. Each delete states in its own WHERE clause why the row is garbage, so
 * it is decided on what is committed when it runs, and works in batches of bounded size so a pass
 * never holds the write lock for long (SQLite has one writer: pushes wait for at most one batch).
 */
final class JdbcGc implements GcStore {
    private final Jdbc db;

    JdbcGc(Jdbc db) {
        this.db = db;
    }

    /** A manifest no index of its repository lists. */
    private static final String UNLISTED = "NOT EXISTS (SELECT 1 FROM manifest_refs r WHERE r.repository_id = m.repository_id "
            + "AND r.child_digest = m.digest AND r.kind = 'manifest')";

    /** A manifest no tag names and no index of its repository lists. */
    private static final String UNNEEDED = "NOT EXISTS (SELECT 1 FROM tags t WHERE t.repository_id = m.repository_id AND t.digest = m.digest) "
            + "AND " + UNLISTED;

    /** A manifest whose subject is not in its repository. */
    private static final String ORPHAN_REFERRER = "m.subject_digest IS NOT NULL AND NOT EXISTS (SELECT 1 FROM manifests s "
            + "WHERE s.repository_id = m.repository_id AND s.digest = m.subject_digest)";

    /** A manifest that a deleted index listed, that nothing needs now and that is nobody's subject. */
    private static final String RELEASED_CHILD = "EXISTS (SELECT 1 FROM gc_manifest_candidates g WHERE g.repository_id = m.repository_id "
            + "AND g.digest = m.digest) AND " + UNNEEDED + " AND NOT EXISTS (SELECT 1 FROM manifests x "
            + "WHERE x.repository_id = m.repository_id AND x.subject_digest = m.digest)";

    private record Key(long repositoryId, String digest) {}

    @Override
    public int deleteOrphanManifests(long pushedBefore, int limit) {
        return db.tx(c -> {
            List<Key> keys = query(c, "SELECT m.repository_id, m.digest FROM manifests m WHERE m.pushed_at < ? AND ((" + RELEASED_CHILD
                    + ") OR (" + ORPHAN_REFERRER + " AND " + UNLISTED + ")) LIMIT ?",
                    rs -> new Key(rs.getLong(1), rs.getString(2)), pushedBefore, limit);
            int n = 0;
            for (Key k : keys) {
                // re-stated per row: a tag or an index may have arrived since the select (PostgreSQL, READ COMMITTED)
                n += update(c, "DELETE FROM manifests WHERE repository_id = ? AND digest = ? AND EXISTS (SELECT 1 FROM manifests m "
                        + "WHERE m.repository_id = manifests.repository_id AND m.digest = manifests.digest AND ((" + RELEASED_CHILD
                        + ") OR (" + ORPHAN_REFERRER + " AND " + UNLISTED + ")))", k.repositoryId(), k.digest());
            }
            // candidates that are needed again (tagged, listed, a subject) or gone are forgotten; the rest wait their grace
            update(c, "DELETE FROM gc_manifest_candidates WHERE NOT EXISTS (SELECT 1 FROM manifests m WHERE m.repository_id = "
                    + "gc_manifest_candidates.repository_id AND m.digest = gc_manifest_candidates.digest AND " + UNNEEDED + ")");
            return n;
        });
    }

    @Override
    public int deleteUnreferencedLinks(long createdBefore, int limit) {
        return db.tx(c -> update(c, "DELETE FROM repository_blobs WHERE (repository_id, digest) IN (SELECT l.repository_id, l.digest "
                + "FROM repository_blobs l WHERE l.created_at < ? AND NOT EXISTS (SELECT 1 FROM manifest_blobs m "
                + "WHERE m.repository_id = l.repository_id AND m.digest = l.digest) LIMIT ?) AND NOT EXISTS (SELECT 1 FROM manifest_blobs m "
                + "WHERE m.repository_id = repository_blobs.repository_id AND m.digest = repository_blobs.digest)", createdBefore, limit));
    }

    /** Blob row {@code b} is pinned by no upload completing at the time bound next. */
    private static final String UNPINNED_B = "NOT EXISTS (SELECT 1 FROM blob_pins p WHERE p.digest = b.digest AND p.until >= ?)";

    private static final Jdbc.RowMapper<QueuedDeletion> QUEUED = rs -> new QueuedDeletion(rs.getString("digest"), rs.getLong("size"));

    @Override
    public List<QueuedDeletion> queueUnlinkedBlobs(long createdBefore, long now, int limit) {
        return db.tx(c -> {
            List<QueuedDeletion> out = new ArrayList<>();
            update(c, "DELETE FROM blob_pins WHERE until < ?", now); // pins of uploads that died while completing
            for (QueuedDeletion b : query(c, "SELECT b.digest, b.size FROM blobs b WHERE b.created_at < ? AND " + UNPINNED_B
                    + " AND NOT EXISTS (SELECT 1 FROM repository_blobs l WHERE l.digest = b.digest) LIMIT ?", QUEUED, createdBefore, now, limit)) {
                // the row goes and its bytes are queued in one transaction: a crash leaves both or neither
                if (update(c, "DELETE FROM blobs WHERE digest = ? AND NOT EXISTS (SELECT 1 FROM blob_pins p WHERE p.digest = blobs.digest "
                        + "AND p.until >= ?) AND NOT EXISTS (SELECT 1 FROM repository_blobs l WHERE l.digest = blobs.digest)",
                        b.digest(), now) == 1) {
                    update(c, "INSERT INTO blob_deletions (digest, size, queued_at) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                            b.digest(), b.size(), now);
                    out.add(b);
                }
            }
            return out;
        });
    }

    @Override
    public List<QueuedDeletion> claimDeletions(String claimant, long now, long until, int limit) {
        return db.tx(c -> {
            List<QueuedDeletion> free = query(c, "SELECT digest, size FROM blob_deletions WHERE claimed_until IS NULL OR claimed_until < ? "
                    + "ORDER BY queued_at, digest LIMIT ?", QUEUED, now, limit);
            List<QueuedDeletion> out = new ArrayList<>();
            for (QueuedDeletion d : free) {
                if (update(c, "UPDATE blob_deletions SET claimed_by = ?, claimed_until = ? WHERE digest = ? "
                        + "AND (claimed_until IS NULL OR claimed_until < ?)", claimant, until, d.digest(), now) == 1) {
                    out.add(d);
                }
            }
            return out;
        });
    }

    @Override
    public int finishDeletions(String claimant, List<String> digests) {
        if (digests.isEmpty()) return 0;
        return db.tx(c -> {
            int n = 0;
            for (int i = 0; i < digests.size(); i += 500) {
                List<String> part = digests.subList(i, Math.min(digests.size(), i + 500));
                List<Object> args = new ArrayList<>();
                args.add(claimant);
                args.addAll(part);
                n += update(c, "DELETE FROM blob_deletions WHERE claimed_by = ? AND digest IN ("
                        + String.join(",", Collections.nCopies(part.size(), "?")) + ")", args.toArray());
            }
            return n;
        });
    }

    @Override
    public GcPreview previewGarbage(long cutoff, long now) {
        return db.read(c -> {
            int manifests = one(c, "SELECT COUNT(*) AS n FROM manifests m WHERE m.pushed_at < ? AND ((" + RELEASED_CHILD + ") OR ("
                    + ORPHAN_REFERRER + " AND " + UNLISTED + "))", rs -> rs.getInt("n"), cutoff).orElse(0);
            int links = one(c, "SELECT COUNT(*) AS n FROM repository_blobs l WHERE l.created_at < ? AND NOT EXISTS "
                    + "(SELECT 1 FROM manifest_blobs m WHERE m.repository_id = l.repository_id AND m.digest = l.digest)",
                    rs -> rs.getInt("n"), cutoff).orElse(0);
            // a blob is freed when every link it has would go (or it has none), it is old enough and unpinned
            long[] blobs = one(c, "SELECT COUNT(*) AS n, COALESCE(SUM(b.size), 0) AS bytes FROM blobs b WHERE b.created_at < ? "
                    + "AND " + UNPINNED_B + " AND NOT EXISTS (SELECT 1 FROM repository_blobs l "
                    + "WHERE l.digest = b.digest AND (l.created_at >= ? OR EXISTS (SELECT 1 FROM manifest_blobs m "
                    + "WHERE m.repository_id = l.repository_id AND m.digest = l.digest)))",
                    rs -> new long[]{rs.getLong("n"), rs.getLong("bytes")}, cutoff, now, cutoff).orElse(new long[2]);
            long[] queued = one(c, "SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM blob_deletions",
                    rs -> new long[]{rs.getLong("n"), rs.getLong("bytes")}).orElse(new long[2]);
            return new GcPreview(manifests, links, (int) blobs[0], blobs[1], (int) queued[0], queued[1]);
        });
    }

    @Override
    public boolean acquireLease(String name, String holder, long now, long until) {
        return db.tx(c -> update(c, "INSERT INTO gc_lease (name, holder, until) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE "
                + "SET holder = excluded.holder, until = excluded.until WHERE gc_lease.holder = excluded.holder OR gc_lease.until < ?",
                name, holder, until, now) == 1);
    }

    @Override
    public void releaseLease(String name, String holder) {
        db.tx(c -> update(c, "DELETE FROM gc_lease WHERE name = ? AND holder = ?", name, holder));
    }

    @Override
    public Optional<Lease> lease(String name) {
        return db.read(c -> one(c, "SELECT holder, until FROM gc_lease WHERE name = ?",
                rs -> new Lease(rs.getString("holder"), rs.getLong("until")), name));
    }

    @Override
    public List<RepositoryUsage> repositoryUsage() {
        return db.read(c -> query(c, "SELECT r.account_id, r.name, COUNT(*) AS blobs, "
                + "COALESCE(SUM(CASE WHEN n.links = 1 THEN b.size ELSE 0 END), 0) AS unique_bytes, "
                + "COALESCE(SUM(CASE WHEN n.links > 1 THEN b.size ELSE 0 END), 0) AS shared_bytes "
                + "FROM repository_blobs l JOIN blobs b ON b.digest = l.digest JOIN repositories r ON r.repository_id = l.repository_id "
                + "JOIN (SELECT digest, COUNT(*) AS links FROM repository_blobs GROUP BY digest) n ON n.digest = l.digest "
                + "GROUP BY r.account_id, r.name ORDER BY r.account_id, r.name",
                rs -> new RepositoryUsage(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))));
    }

    @Override
    public List<AccountUsage> accountUsage() {
        return db.read(c -> query(c, "SELECT x.account_id, COUNT(*) AS blobs, COALESCE(SUM(b.size), 0) AS total, "
                + "COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM repository_blobs o JOIN repositories ro ON ro.repository_id = o.repository_id "
                + "WHERE o.digest = x.digest AND ro.account_id <> x.account_id) THEN b.size ELSE 0 END), 0) AS shared "
                + "FROM (SELECT DISTINCT r.account_id, l.digest FROM repository_blobs l JOIN repositories r ON r.repository_id = l.repository_id) x "
                + "JOIN blobs b ON b.digest = x.digest GROUP BY x.account_id ORDER BY x.account_id",
                rs -> new AccountUsage(rs.getString(1), rs.getLong(2), rs.getLong(3) - rs.getLong(4), rs.getLong(4))));
    }

    /** The account links the blob {@code b} from one of its repositories. */
    private static final String IN_ACCOUNT = "EXISTS (SELECT 1 FROM repository_blobs l JOIN repositories r ON r.repository_id = l.repository_id "
            + "WHERE l.digest = b.digest AND r.account_id = ?)";

    @Override
    public long accountBytesWith(String accountId, String digest, long size) {
        return db.read(c -> {
            long stored = one(c, "SELECT COALESCE(SUM(b.size), 0) AS n FROM blobs b WHERE " + IN_ACCOUNT, rs -> rs.getLong("n"), accountId)
                    .orElse(0L);
            boolean has = one(c, "SELECT 1 AS x FROM blobs b WHERE b.digest = ? AND " + IN_ACCOUNT, rs -> 1, digest, accountId).isPresent();
            return has ? stored : stored + size;
        });
    }
}
