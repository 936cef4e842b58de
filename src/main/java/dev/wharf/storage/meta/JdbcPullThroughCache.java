package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link PullThroughCacheStore}. */
final class JdbcPullThroughCache implements PullThroughCacheStore {
    private final Jdbc db;

    JdbcPullThroughCache(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<RuleRow> RULE = rs -> new RuleRow(rs.getString("account_id"), rs.getString("prefix"),
            rs.getString("upstream_url"), rs.getString("upstream_registry"), rs.getString("credential_arn"),
            rs.getString("custom_role_arn"), rs.getString("upstream_prefix"), rs.getLong("created_at"), rs.getLong("updated_at"));

    @Override
    public void createPullThroughCacheRule(RuleRow r, int maxPerAccount) {
        db.tx(c -> {
            if (one(c, "SELECT 1 AS x FROM pull_through_cache_rules WHERE account_id = ? AND prefix = ?", rs -> 1,
                    r.accountId(), r.prefix()).isPresent()) {
                throw new DuplicateException("rule exists");
            }
            int count = one(c, "SELECT COUNT(*) AS n FROM pull_through_cache_rules WHERE account_id = ?", rs -> rs.getInt("n"),
                    r.accountId()).orElse(0);
            if (count >= maxPerAccount) throw new LimitException("pull through cache rules per registry", maxPerAccount);
            return update(c, "INSERT INTO pull_through_cache_rules (account_id, prefix, upstream_url, upstream_registry, credential_arn, "
                            + "custom_role_arn, upstream_prefix, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    r.accountId(), r.prefix(), r.upstreamUrl(), r.upstreamRegistry(), r.credentialArn(), r.customRoleArn(),
                    r.upstreamPrefix(), r.createdAt(), r.updatedAt());
        });
    }

    @Override
    public Optional<RuleRow> findPullThroughCacheRule(String accountId, String prefix) {
        return db.read(c -> one(c, "SELECT * FROM pull_through_cache_rules WHERE account_id = ? AND prefix = ?", RULE, accountId, prefix));
    }

    @Override
    public List<RuleRow> listPullThroughCacheRules(String accountId, String afterPrefix, int limit) {
        return db.read(c -> query(c, "SELECT * FROM pull_through_cache_rules WHERE account_id = ? AND prefix > ? ORDER BY prefix LIMIT ?",
                RULE, accountId, afterPrefix == null ? "" : afterPrefix, limit));
    }

    @Override
    public boolean updatePullThroughCacheRule(RuleRow r) {
        return db.tx(c -> update(c, "UPDATE pull_through_cache_rules SET credential_arn = ?, custom_role_arn = ?, updated_at = ? "
                + "WHERE account_id = ? AND prefix = ?", r.credentialArn(), r.customRoleArn(), r.updatedAt(), r.accountId(), r.prefix()) > 0);
    }

    @Override
    public boolean deletePullThroughCacheRule(String accountId, String prefix) {
        return db.tx(c -> update(c, "DELETE FROM pull_through_cache_rules WHERE account_id = ? AND prefix = ?", accountId, prefix) > 0);
    }

    @Override
    public Optional<Long> findUpstreamCheck(long repositoryId, String tag) {
        return db.read(c -> one(c, "SELECT checked_at FROM upstream_checks WHERE repository_id = ? AND tag = ?",
                rs -> rs.getLong("checked_at"), repositoryId, tag));
    }

    @Override
    public void putUpstreamCheck(long repositoryId, String tag, long checkedAt) {
        db.tx(c -> update(c, "INSERT INTO upstream_checks (repository_id, tag, checked_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (repository_id, tag) DO UPDATE SET checked_at = excluded.checked_at", repositoryId, tag, checkedAt));
    }
}
