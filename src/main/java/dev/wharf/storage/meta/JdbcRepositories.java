package dev.wharf.storage.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link RepositoryStore}: repositories, their settings and resource tags. */
final class JdbcRepositories implements RepositoryStore {
    private final Jdbc db;

    JdbcRepositories(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<Rows.Repository> REPOSITORY = rs -> new Rows.Repository(
            rs.getLong("repository_id"), rs.getString("account_id"), rs.getString("name"),
            rs.getString("tag_mutability"), rs.getString("mutability_exclusions"), rs.getInt("scan_on_push") != 0,
            rs.getString("encryption_type"), rs.getString("kms_key"), rs.getLong("created_at"));

    @Override
    public Rows.Repository createRepository(Rows.NewRepository r, int maxPerAccount) {
        return db.tx(c -> insertRepository(c, r, maxPerAccount));
    }

    /** The insert of {@link #createRepository}, inside the caller's transaction (a creation template adds its policies to it). */
    static Rows.Repository insertRepository(java.sql.Connection c, Rows.NewRepository r, int maxPerAccount) throws java.sql.SQLException {
        int count = one(c, "SELECT COUNT(*) AS n FROM repositories WHERE account_id = ?", rs -> rs.getInt("n"), r.accountId()).orElse(0);
        if (one(c, "SELECT 1 AS x FROM repositories WHERE account_id = ? AND name = ?", rs -> 1, r.accountId(), r.name()).isPresent()) {
            throw new DuplicateException("repository exists");
        }
        if (count >= maxPerAccount) {
            throw new LimitException("repositories per account", maxPerAccount);
        }
        Rows.Repository created = one(c, "INSERT INTO repositories (account_id, name, tag_mutability, mutability_exclusions, scan_on_push, "
                        + "encryption_type, kms_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *", REPOSITORY,
                r.accountId(), r.name(), r.tagMutability(), r.mutabilityExclusions(), r.scanOnPush(), r.encryptionType(),
                r.kmsKey(), r.createdAt()).orElseThrow();
        for (var t : r.tags().entrySet()) {
            update(c, "INSERT INTO repository_tags (repository_id, tag_key, tag_value) VALUES (?, ?, ?)", created.id(), t.getKey(), t.getValue());
        }
        return created;
    }

    @Override
    public Optional<Rows.Repository> findRepository(String accountId, String name) {
        return db.read(c -> one(c, "SELECT * FROM repositories WHERE account_id = ? AND name = ?", REPOSITORY, accountId, name));
    }

    @Override
    public List<Rows.Repository> listRepositories(String accountId, String afterName, int limit) {
        return db.read(c -> query(c, "SELECT * FROM repositories WHERE account_id = ? AND name > ? ORDER BY name LIMIT ?",
                REPOSITORY, accountId, afterName == null ? "" : afterName, limit));
    }

    @Override
    public int countRepositories(String accountId) {
        return db.read(c -> one(c, "SELECT COUNT(*) AS n FROM repositories WHERE account_id = ?", rs -> rs.getInt("n"), accountId).orElse(0));
    }

    @Override
    public boolean deleteRepository(long repositoryId) {
        return db.tx(c -> update(c, "DELETE FROM repositories WHERE repository_id = ?", repositoryId) > 0);
    }

    @Override
    public int countManifests(long repositoryId) {
        return db.read(c -> one(c, "SELECT COUNT(*) AS n FROM manifests WHERE repository_id = ?", rs -> rs.getInt("n"), repositoryId).orElse(0));
    }

    @Override
    public Map<String, String> repositoryTags(long repositoryId) {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (String[] kv : query(c, "SELECT tag_key, tag_value FROM repository_tags WHERE repository_id = ? ORDER BY tag_key",
                    rs -> new String[]{rs.getString(1), rs.getString(2)}, repositoryId)) {
                out.put(kv[0], kv[1]);
            }
            return out;
        });
    }

    @Override
    public void updateRepository(Rows.Repository r) {
        db.tx(c -> update(c, "UPDATE repositories SET tag_mutability = ?, mutability_exclusions = ?, scan_on_push = ?, "
                        + "encryption_type = ?, kms_key = ? WHERE repository_id = ?",
                r.tagMutability(), r.mutabilityExclusions(), r.scanOnPush(), r.encryptionType(), r.kmsKey(), r.id()));
    }

    @Override
    public void putRepositoryTags(long repositoryId, Map<String, String> tags, int maxTags) {
        db.tx(c -> {
            for (var t : tags.entrySet()) {
                update(c, "INSERT INTO repository_tags (repository_id, tag_key, tag_value) VALUES (?, ?, ?) "
                        + "ON CONFLICT (repository_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value",
                        repositoryId, t.getKey(), t.getValue());
            }
            int n = one(c, "SELECT COUNT(*) AS n FROM repository_tags WHERE repository_id = ?", rs -> rs.getInt("n"), repositoryId).orElse(0);
            if (n > maxTags) throw new LimitException("tags per resource", maxTags);
            return null;
        });
    }

    @Override
    public void removeRepositoryTags(long repositoryId, List<String> keys) {
        db.tx(c -> {
            for (String k : keys) update(c, "DELETE FROM repository_tags WHERE repository_id = ? AND tag_key = ?", repositoryId, k);
            return null;
        });
    }
}
