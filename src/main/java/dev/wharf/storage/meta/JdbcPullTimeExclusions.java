package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link PullTimeExclusionStore}. */
final class JdbcPullTimeExclusions implements PullTimeExclusionStore {
    private final Jdbc db;

    JdbcPullTimeExclusions(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<ExclusionRow> EXCLUSION = rs -> new ExclusionRow(rs.getString("account_id"),
            rs.getString("principal_arn"), rs.getLong("created_at"));

    @Override
    public void createPullTimeExclusion(ExclusionRow e, int maxPerAccount) {
        db.tx(c -> {
            if (one(c, "SELECT 1 AS x FROM pull_time_exclusions WHERE account_id = ? AND principal_arn = ?", rs -> 1,
                    e.accountId(), e.principalArn()).isPresent()) {
                throw new DuplicateException("exclusion exists");
            }
            int count = one(c, "SELECT COUNT(*) AS n FROM pull_time_exclusions WHERE account_id = ?", rs -> rs.getInt("n"), e.accountId()).orElse(0);
            if (count >= maxPerAccount) throw new LimitException("pull time update exclusions per registry", maxPerAccount);
            return update(c, "INSERT INTO pull_time_exclusions (account_id, principal_arn, created_at) VALUES (?, ?, ?)",
                    e.accountId(), e.principalArn(), e.createdAt());
        });
    }

    @Override
    public Optional<ExclusionRow> findPullTimeExclusion(String accountId, String principalArn) {
        return db.read(c -> one(c, "SELECT * FROM pull_time_exclusions WHERE account_id = ? AND principal_arn = ?", EXCLUSION,
                accountId, principalArn));
    }

    @Override
    public List<ExclusionRow> listPullTimeExclusions(String accountId, String afterArn, int limit) {
        return db.read(c -> query(c, "SELECT * FROM pull_time_exclusions WHERE account_id = ? AND principal_arn > ? ORDER BY principal_arn LIMIT ?",
                EXCLUSION, accountId, afterArn == null ? "" : afterArn, limit));
    }

    @Override
    public boolean deletePullTimeExclusion(String accountId, String principalArn) {
        return db.tx(c -> update(c, "DELETE FROM pull_time_exclusions WHERE account_id = ? AND principal_arn = ?", accountId, principalArn) > 0);
    }
}
