package dev.wharf.storage.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link ReplicationStore} (migration V72). */
final class JdbcReplication implements ReplicationStore {
    private static final int MAX_ERROR = 500;

    private final Jdbc db;

    JdbcReplication(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<ReplicationItem> ITEM = rs -> new ReplicationItem(rs.getLong("item_id"),
            rs.getString("account_id"), rs.getString("repository"), rs.getString("digest"),
            rs.getString("tag").isEmpty() ? null : rs.getString("tag"),
            new Destination(rs.getString("destination_region"), rs.getString("destination_registry")),
            rs.getString("status"), rs.getString("failure_code"), rs.getInt("attempts"), rs.getLong("created_at"),
            rs.getLong("updated_at"));

    @Override
    public void putReplicationConfiguration(String accountId, String configuration, long now) {
        db.tx(c -> update(c, "INSERT INTO replication_configurations (account_id, configuration, updated_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (account_id) DO UPDATE SET configuration = excluded.configuration, updated_at = excluded.updated_at",
                accountId, configuration, now));
    }

    @Override
    public Optional<String> replicationConfiguration(String accountId) {
        return db.read(c -> one(c, "SELECT configuration FROM replication_configurations WHERE account_id = ?",
                rs -> rs.getString("configuration"), accountId));
    }

    @Override
    public void enqueueReplications(String accountId, String repository, String digest, String tag, List<Destination> destinations,
                                    long now) {
        if (destinations.isEmpty()) return;
        db.tx(c -> {
            for (Destination d : destinations) {
                update(c, "INSERT INTO replication_queue (account_id, repository, digest, tag, destination_region,"
                        + " destination_registry, status, attempts, next_attempt_at, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"
                        + " ON CONFLICT (account_id, repository, digest, tag, destination_region, destination_registry) DO UPDATE SET"
                        + " status = excluded.status, failure_code = NULL, last_error = NULL, attempts = 0,"
                        + " next_attempt_at = excluded.next_attempt_at, claimed_by = NULL, claimed_until = NULL,"
                        + " created_at = excluded.created_at, updated_at = excluded.updated_at",
                        accountId, repository, digest, tag == null ? "" : tag, d.region(), d.registryId(), IN_PROGRESS, now, now, now);
            }
            return null;
        });
    }

    @Override
    public List<ReplicationItem> claimReplications(String worker, long now, long claimUntil, int limit) {
        return db.tx(c -> {
            List<ReplicationItem> due = query(c, "SELECT * FROM replication_queue WHERE status = ? AND next_attempt_at <= ?"
                    + " AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, item_id LIMIT ?",
                    ITEM, IN_PROGRESS, now, now, limit);
            List<ReplicationItem> won = new ArrayList<>();
            for (ReplicationItem i : due) {
                // the compare-and-set: on PostgreSQL a concurrent claimer's UPDATE waits for ours and then
                // finds the claim taken (READ COMMITTED re-reads the row), so it changes nothing
                int n = update(c, "UPDATE replication_queue SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1"
                        + " WHERE item_id = ? AND status = ? AND (claimed_until IS NULL OR claimed_until < ?)",
                        worker, claimUntil, i.id(), IN_PROGRESS, now);
                if (n == 1) {
                    won.add(new ReplicationItem(i.id(), i.accountId(), i.repository(), i.digest(), i.tag(), i.destination(),
                            i.status(), i.failureCode(), i.attempts() + 1, i.createdAt(), i.updatedAt()));
                }
            }
            return won;
        });
    }

    @Override
    public boolean renewReplication(long id, String worker, long claimUntil) {
        return db.tx(c -> update(c, "UPDATE replication_queue SET claimed_until = ? WHERE item_id = ? AND claimed_by = ?",
                claimUntil, id, worker) == 1);
    }

    @Override
    public boolean finishReplication(long id, String worker, String status, String failureCode, long now) {
        if (!COMPLETE.equals(status) && !FAILED.equals(status)) throw new IllegalArgumentException("not an end status: " + status);
        return db.tx(c -> update(c, "UPDATE replication_queue SET status = ?, failure_code = ?, claimed_by = NULL, claimed_until = NULL,"
                + " updated_at = ? WHERE item_id = ? AND claimed_by = ?", status, failureCode, now, id, worker) == 1);
    }

    @Override
    public boolean retryReplication(long id, String worker, long at, String error, long now) {
        String e = error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        return db.tx(c -> update(c, "UPDATE replication_queue SET next_attempt_at = ?, last_error = ?, claimed_by = NULL,"
                + " claimed_until = NULL, updated_at = ? WHERE item_id = ? AND claimed_by = ?", at, e, now, id, worker) == 1);
    }

    @Override
    public List<ReplicationItem> replicationItems(String accountId, String repository, String digest) {
        return db.read(c -> query(c, "SELECT * FROM replication_queue WHERE account_id = ? AND repository = ? AND digest = ?"
                + " ORDER BY created_at, item_id", ITEM, accountId, repository, digest));
    }

    @Override
    public long pendingReplications() {
        return db.read(c -> one(c, "SELECT COUNT(*) AS n FROM replication_queue WHERE status = ?", rs -> rs.getLong("n"),
                IN_PROGRESS).orElse(0L));
    }
}
