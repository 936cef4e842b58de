package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;
import static dev.wharf.storage.meta.Jdbc.nullableLong;

/** The JDBC {@link LifecycleStore}: lifecycle policies and previews. */
final class JdbcLifecycle implements LifecycleStore {
    private final Jdbc db;

    JdbcLifecycle(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<Rows.LifecyclePolicy> LIFECYCLE = rs -> new Rows.LifecyclePolicy(
            rs.getLong("repository_id"), rs.getString("policy_text"), rs.getLong("updated_at"), nullableLong(rs, "last_evaluated_at"));

    @Override
    public Optional<Rows.LifecyclePolicy> findLifecyclePolicy(long repositoryId) {
        return db.read(c -> one(c, "SELECT * FROM lifecycle_policies WHERE repository_id = ?", LIFECYCLE, repositoryId));
    }

    @Override
    public void putLifecyclePolicy(Rows.LifecyclePolicy p) {
        db.tx(c -> update(c, "INSERT INTO lifecycle_policies (repository_id, policy_text, updated_at, last_evaluated_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (repository_id) DO UPDATE SET policy_text = excluded.policy_text, updated_at = excluded.updated_at",
                p.repositoryId(), p.text(), p.updatedAt(), p.lastEvaluatedAt()));
    }

    @Override
    public boolean deleteLifecyclePolicy(long repositoryId) {
        return db.tx(c -> update(c, "DELETE FROM lifecycle_policies WHERE repository_id = ?", repositoryId) > 0);
    }

    @Override
    public List<Rows.LifecyclePolicy> listLifecyclePolicies() {
        return db.read(c -> query(c, "SELECT * FROM lifecycle_policies ORDER BY repository_id", LIFECYCLE));
    }

    @Override
    public void markLifecycleEvaluated(long repositoryId, long at) {
        db.tx(c -> update(c, "UPDATE lifecycle_policies SET last_evaluated_at = ? WHERE repository_id = ?", at, repositoryId));
    }

    @Override
    public Optional<Rows.LifecyclePreview> findLifecyclePreview(long repositoryId) {
        return db.read(c -> one(c, "SELECT * FROM lifecycle_previews WHERE repository_id = ?", rs -> new Rows.LifecyclePreview(
                rs.getLong("repository_id"), rs.getString("policy_text"), rs.getString("status"), rs.getString("results"),
                rs.getLong("created_at")), repositoryId));
    }

    @Override
    public void putLifecyclePreview(Rows.LifecyclePreview p) {
        db.tx(c -> update(c, "INSERT INTO lifecycle_previews (repository_id, policy_text, status, results, created_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (repository_id) DO UPDATE SET policy_text = excluded.policy_text, status = excluded.status, "
                + "results = excluded.results, created_at = excluded.created_at",
                p.repositoryId(), p.text(), p.status(), p.results(), p.createdAt()));
    }
}
