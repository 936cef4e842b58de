package dev.wharf.storage.meta;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.nullableLong;
import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link SecretStore}. */
final class JdbcSecrets implements SecretStore {
    private final Jdbc db;

    JdbcSecrets(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<SecretRow> SECRET = rs -> new SecretRow(rs.getString("arn"), rs.getString("account_id"),
            rs.getString("name"), rs.getString("description"), rs.getString("tags"), rs.getLong("created_at"),
            rs.getLong("last_changed"), nullableLong(rs, "last_accessed"), nullableLong(rs, "deletion_date"), rs.getLong("revision"));

    private static final Jdbc.RowMapper<SecretVersionRow> VERSION = rs -> new SecretVersionRow(rs.getString("secret_arn"),
            rs.getString("version_id"), rs.getString("value_enc"), rs.getInt("is_binary") != 0, rs.getLong("created_at"));

    @Override
    public void createSecret(SecretRow s, SecretVersionRow first, Map<String, String> stages, long now, int maxPerAccount) {
        db.tx(c -> {
            update(c, "DELETE FROM secrets WHERE account_id = ? AND name = ? AND deletion_date IS NOT NULL AND deletion_date <= ?",
                    s.accountId(), s.name(), now);
            if (one(c, "SELECT 1 AS x FROM secrets WHERE account_id = ? AND name = ?", rs -> 1, s.accountId(), s.name()).isPresent()) {
                throw new DuplicateException("secret exists");
            }
            int count = one(c, "SELECT COUNT(*) AS n FROM secrets WHERE account_id = ?", rs -> rs.getInt("n"), s.accountId()).orElse(0);
            if (count >= maxPerAccount) throw new LimitException("secrets per account", maxPerAccount);
            update(c, "INSERT INTO secrets (arn, account_id, name, description, tags, created_at, last_changed, last_accessed, "
                            + "deletion_date, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    s.arn(), s.accountId(), s.name(), s.description(), s.tags(), s.createdAt(), s.lastChangedAt(), s.lastAccessedAt(),
                    s.deletionDate(), s.revision());
            if (first != null) insertVersion(c, s.arn(), first);
            insertStages(c, s.arn(), stages);
            return null;
        });
    }

    @Override
    public Optional<SecretRow> findSecretByName(String accountId, String name) {
        return db.read(c -> one(c, "SELECT * FROM secrets WHERE account_id = ? AND name = ?", SECRET, accountId, name));
    }

    @Override
    public Optional<SecretRow> findSecretByArn(String arn) {
        return db.read(c -> one(c, "SELECT * FROM secrets WHERE arn = ?", SECRET, arn));
    }

    @Override
    public Optional<SecretVersionRow> findSecretVersion(String secretArn, String versionId) {
        return db.read(c -> one(c, "SELECT * FROM secret_versions WHERE secret_arn = ? AND version_id = ?", VERSION, secretArn, versionId));
    }

    @Override
    public Map<String, String> secretStages(String secretArn) {
        return db.read(c -> stages(c, secretArn));
    }

    private static Map<String, String> stages(Connection c, String secretArn) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] row : query(c, "SELECT stage, version_id FROM secret_stages WHERE secret_arn = ? ORDER BY stage",
                rs -> new String[] {rs.getString("stage"), rs.getString("version_id")}, secretArn)) {
            out.put(row[0], row[1]);
        }
        return out;
    }

    @Override
    public boolean putSecretVersion(String secretArn, long expectedRevision, SecretVersionRow version, Map<String, String> stages,
                                    long changedAt, int keepVersions) {
        return db.tx(c -> {
            int moved = update(c, "UPDATE secrets SET revision = revision + 1, last_changed = ? "
                    + "WHERE arn = ? AND revision = ? AND deletion_date IS NULL", changedAt, secretArn, expectedRevision);
            if (moved == 0) return false;
            if (version != null) insertVersion(c, secretArn, version);
            update(c, "DELETE FROM secret_stages WHERE secret_arn = ?", secretArn);
            insertStages(c, secretArn, stages);
            // Versions no label names are deprecated; only the newest few are kept.
            update(c, "DELETE FROM secret_versions WHERE secret_arn = ? "
                    + "AND version_id NOT IN (SELECT version_id FROM secret_stages WHERE secret_arn = ?) "
                    + "AND version_id NOT IN (SELECT version_id FROM secret_versions WHERE secret_arn = ? "
                    + "ORDER BY created_at DESC, version_id DESC LIMIT ?)", secretArn, secretArn, secretArn, keepVersions);
            return true;
        });
    }

    private static void insertVersion(Connection c, String arn, SecretVersionRow v) throws SQLException {
        if (one(c, "SELECT 1 AS x FROM secret_versions WHERE secret_arn = ? AND version_id = ?", rs -> 1, arn, v.versionId()).isPresent()) {
            throw new DuplicateException("version exists");
        }
        update(c, "INSERT INTO secret_versions (secret_arn, version_id, value_enc, is_binary, created_at) VALUES (?, ?, ?, ?, ?)",
                arn, v.versionId(), v.valueEnc(), v.binary(), v.createdAt());
    }

    private static void insertStages(Connection c, String arn, Map<String, String> stages) throws SQLException {
        for (Map.Entry<String, String> e : stages.entrySet()) {
            update(c, "INSERT INTO secret_stages (secret_arn, stage, version_id) VALUES (?, ?, ?)", arn, e.getKey(), e.getValue());
        }
    }

    @Override
    public boolean scheduleSecretDeletion(String secretArn, long deletionDate, long changedAt) {
        return db.tx(c -> update(c, "UPDATE secrets SET deletion_date = ?, last_changed = ?, revision = revision + 1 "
                + "WHERE arn = ? AND deletion_date IS NULL", deletionDate, changedAt, secretArn) > 0);
    }

    @Override
    public boolean deleteSecret(String secretArn) {
        return db.tx(c -> {
            // Labels and versions first: SQLite cascades only when foreign keys are on, and nothing here relies on it.
            update(c, "DELETE FROM secret_stages WHERE secret_arn = ?", secretArn);
            update(c, "DELETE FROM secret_versions WHERE secret_arn = ?", secretArn);
            return update(c, "DELETE FROM secrets WHERE arn = ?", secretArn) > 0;
        });
    }

    @Override
    public void recordSecretAccess(String secretArn, long day) {
        db.tx(c -> update(c, "UPDATE secrets SET last_accessed = ? WHERE arn = ? AND (last_accessed IS NULL OR last_accessed < ?)",
                day, secretArn, day));
    }

    @Override
    public List<SecretRow> listSecrets(String accountId, SecretOrder order, boolean descending, SecretCursor after, int limit) {
        String column = switch (order) {
            case CREATED -> "created_at";
            case LAST_CHANGED -> "last_changed";
            case LAST_ACCESSED -> "COALESCE(last_accessed, 0)";
            case NAME -> "name";
        };
        String dir = descending ? "DESC" : "ASC";
        String cmp = descending ? "<" : ">";
        StringBuilder sql = new StringBuilder("SELECT * FROM secrets WHERE account_id = ?");
        Object[] args;
        if (after == null) {
            args = new Object[] {accountId, limit};
        } else {
            Object value = order == SecretOrder.NAME ? after.name() : after.time();
            sql.append(" AND (").append(column).append(' ').append(cmp).append(" ? OR (").append(column)
                    .append(" = ? AND arn ").append(cmp).append(" ?))");
            args = new Object[] {accountId, value, value, after.arn(), limit};
        }
        sql.append(" ORDER BY ").append(column).append(' ').append(dir).append(", arn ").append(dir).append(" LIMIT ?");
        return db.read(c -> query(c, sql.toString(), SECRET, args));
    }
}
