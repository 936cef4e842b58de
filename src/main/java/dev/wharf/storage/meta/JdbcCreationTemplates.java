package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link CreationTemplateStore}. */
final class JdbcCreationTemplates implements CreationTemplateStore {
    private final Jdbc db;

    JdbcCreationTemplates(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<TemplateRow> TEMPLATE = rs -> new TemplateRow(rs.getString("account_id"),
            rs.getString("prefix"), rs.getString("settings"), rs.getLong("created_at"), rs.getLong("updated_at"));

    @Override
    public void createCreationTemplate(TemplateRow t, int maxPerAccount) {
        db.tx(c -> {
            if (one(c, "SELECT 1 AS x FROM creation_templates WHERE account_id = ? AND prefix = ?", rs -> 1, t.accountId(), t.prefix()).isPresent()) {
                throw new DuplicateException("template exists");
            }
            int count = one(c, "SELECT COUNT(*) AS n FROM creation_templates WHERE account_id = ?", rs -> rs.getInt("n"), t.accountId()).orElse(0);
            if (count >= maxPerAccount) throw new LimitException("creation templates per registry", maxPerAccount);
            return update(c, "INSERT INTO creation_templates (account_id, prefix, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    t.accountId(), t.prefix(), t.settings(), t.createdAt(), t.updatedAt());
        });
    }

    @Override
    public Optional<TemplateRow> findCreationTemplate(String accountId, String prefix) {
        return db.read(c -> one(c, "SELECT * FROM creation_templates WHERE account_id = ? AND prefix = ?", TEMPLATE, accountId, prefix));
    }

    @Override
    public List<TemplateRow> listCreationTemplates(String accountId, String afterPrefix, int limit) {
        return db.read(c -> query(c, "SELECT * FROM creation_templates WHERE account_id = ? AND prefix > ? ORDER BY prefix LIMIT ?",
                TEMPLATE, accountId, afterPrefix == null ? "" : afterPrefix, limit));
    }

    @Override
    public boolean updateCreationTemplate(TemplateRow t) {
        return db.tx(c -> update(c, "UPDATE creation_templates SET settings = ?, updated_at = ? WHERE account_id = ? AND prefix = ?",
                t.settings(), t.updatedAt(), t.accountId(), t.prefix()) > 0);
    }

    @Override
    public boolean deleteCreationTemplate(String accountId, String prefix) {
        return db.tx(c -> update(c, "DELETE FROM creation_templates WHERE account_id = ? AND prefix = ?", accountId, prefix) > 0);
    }

    @Override
    public Rows.Repository createRepositoryWithPolicies(Rows.NewRepository r, int maxPerAccount, String repositoryPolicy,
                                                        String lifecyclePolicy) {
        return db.tx(c -> {
            Rows.Repository created = JdbcRepositories.insertRepository(c, r, maxPerAccount);
            if (repositoryPolicy != null) {
                update(c, "INSERT INTO repository_policies (repository_id, policy_text, updated_at) VALUES (?, ?, ?)",
                        created.id(), repositoryPolicy, r.createdAt());
            }
            if (lifecyclePolicy != null) {
                update(c, "INSERT INTO lifecycle_policies (repository_id, policy_text, updated_at) VALUES (?, ?, ?)",
                        created.id(), lifecyclePolicy, r.createdAt());
            }
            return created;
        });
    }
}
