package dev.wharf.storage.meta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link MetadataStore} over JDBC. The SQL here is the portable subset that SQLite (≥ 3.35)
 * and PostgreSQL share ({@code ON CONFLICT}, {@code RETURNING}); what differs between them lives
 * in {@link Dialect} and in the per-dialect migrations under {@code db/<dialect>/}.
 */
public class JdbcMetadataStore implements MetadataStore {

    private final DataSource ds;
    private final Dialect dialect;
    private final AutoCloseable onClose;

    public JdbcMetadataStore(DataSource ds, Dialect dialect, AutoCloseable onClose) {
        this.ds = ds;
        this.dialect = dialect;
        this.onClose = onClose;
    }

    /** The pool and dialect, for this package's other stores over the same database. */
    DataSource dataSource() { return ds; }

    Dialect dialect() { return dialect; }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs {@code work} in one transaction; rolls back on any exception. */
    <T> T tx(Work<T> work) {
        return tx(ds, dialect, work);
    }

    /** Runs a read (autocommit: no write lock). */
    <T> T read(Work<T> work) {
        return read(ds, dialect, work);
    }

    /** The transaction discipline every JDBC store of this package shares. */
    static <T> T tx(DataSource ds, Dialect dialect, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(dialect, e);
        }
    }

    static <T> T read(DataSource ds, Dialect dialect, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(dialect, e);
        }
    }

    private static RuntimeException translate(Dialect dialect, SQLException e) {
        if (dialect.isUniqueViolation(e)) {
            return new DuplicateException("already exists");
        }
        return new MetadataException("metadata database error: " + e.getMessage(), e);
    }

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof byte[] b) {
                ps.setBytes(i + 1, b);
            } else if (a instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else {
                ps.setObject(i + 1, a);
            }
        }
        return ps;
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(mapper.map(rs));
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        List<T> l = query(c, sql, mapper, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    private static Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    // ---------------------------------------------------------------- mappers

    private static final RowMapper<Rows.Account> ACCOUNT = rs ->
            new Rows.Account(rs.getString("account_id"), rs.getInt("is_default") != 0, rs.getLong("created_at"));
    private static final RowMapper<Rows.AccessKey> ACCESS_KEY = rs -> new Rows.AccessKey(
            rs.getString("access_key_id"), rs.getString("account_id"), rs.getString("user_name"),
            rs.getString("secret_enc"), rs.getString("status"), rs.getLong("created_at"));
    private static final RowMapper<Rows.Repository> REPOSITORY = rs -> new Rows.Repository(
            rs.getLong("repository_id"), rs.getString("account_id"), rs.getString("name"),
            rs.getString("tag_mutability"), rs.getString("mutability_exclusions"), rs.getInt("scan_on_push") != 0,
            rs.getString("encryption_type"), rs.getString("kms_key"), rs.getLong("created_at"));
    private static final RowMapper<Rows.Blob> BLOB = rs -> new Rows.Blob(rs.getString("digest"), rs.getLong("size"));
    private static final RowMapper<Rows.Manifest> MANIFEST = rs -> new Rows.Manifest(
            rs.getLong("repository_id"), rs.getString("digest"), rs.getString("media_type"),
            rs.getString("artifact_type"), rs.getString("subject_digest"), rs.getLong("size"),
            rs.getLong("image_size"), rs.getBytes("body"), rs.getLong("pushed_at"), nullableLong(rs, "last_pulled_at"));
    private static final RowMapper<Rows.Tag> TAG = rs ->
            new Rows.Tag(rs.getString("tag"), rs.getString("digest"), rs.getLong("updated_at"));
    private static final RowMapper<Rows.Upload> UPLOAD = rs -> new Rows.Upload(
            rs.getString("upload_id"), rs.getLong("repository_id"), rs.getLong("size"), rs.getInt("parts"),
            rs.getLong("created_at"), rs.getLong("updated_at"));
    private static final String IMAGE_COLUMNS =
            "m.digest, m.media_type, m.artifact_type, m.subject_digest, m.size, m.image_size, m.pushed_at, m.last_pulled_at";

    private static Rows.Image image(ResultSet rs) throws SQLException {
        return new Rows.Image(rs.getString("digest"), rs.getString("media_type"), rs.getString("artifact_type"),
                rs.getString("subject_digest"), rs.getLong("size"), rs.getLong("image_size"), rs.getLong("pushed_at"),
                nullableLong(rs, "last_pulled_at"), new ArrayList<>());
    }

    /** Fills each image's tag list with one query. */
    private static List<Rows.Image> withTags(Connection c, long repositoryId, List<Rows.Image> images) throws SQLException {
        if (images.isEmpty()) return images;
        Map<String, Rows.Image> byDigest = new LinkedHashMap<>();
        for (Rows.Image i : images) byDigest.put(i.digest(), i);
        StringBuilder in = new StringBuilder();
        List<Object> args = new ArrayList<>();
        args.add(repositoryId);
        for (String d : byDigest.keySet()) {
            in.append(in.isEmpty() ? "?" : ",?");
            args.add(d);
        }
        for (Rows.Tag t : query(c, "SELECT tag, digest, updated_at FROM tags WHERE repository_id = ? AND digest IN (" + in + ") ORDER BY tag",
                TAG, args.toArray())) {
            byDigest.get(t.digest()).tags().add(t.tag());
        }
        return images;
    }

    // ---------------------------------------------------------------- accounts and keys

    @Override
    public void createAccount(Rows.Account account, Rows.AccessKey rootKey) {
        tx(c -> {
            if (account.isDefault()) update(c, "UPDATE accounts SET is_default = 0 WHERE is_default = 1");
            update(c, "INSERT INTO accounts (account_id, is_default, created_at) VALUES (?, ?, ?)",
                    account.accountId(), account.isDefault(), account.createdAt());
            insertKey(c, rootKey);
            return null;
        });
    }

    private static void insertKey(Connection c, Rows.AccessKey k) throws SQLException {
        update(c, "INSERT INTO access_keys (access_key_id, account_id, user_name, secret_enc, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                k.accessKeyId(), k.accountId(), k.userName(), k.secretEnc(), k.status(), k.createdAt());
    }

    @Override
    public Optional<Rows.Account> findAccount(String accountId) {
        return read(c -> one(c, "SELECT * FROM accounts WHERE account_id = ?", ACCOUNT, accountId));
    }

    @Override
    public List<Rows.Account> listAccounts() {
        return read(c -> query(c, "SELECT * FROM accounts ORDER BY account_id", ACCOUNT));
    }

    @Override
    public Optional<Rows.Account> defaultAccount() {
        return read(c -> one(c, "SELECT * FROM accounts WHERE is_default = 1", ACCOUNT));
    }

    @Override
    public boolean deleteAccount(String accountId) {
        return tx(c -> update(c, "DELETE FROM accounts WHERE account_id = ?", accountId) > 0);
    }

    @Override
    public Optional<Rows.AccessKey> findAccessKey(String accessKeyId) {
        return read(c -> one(c, "SELECT * FROM access_keys WHERE access_key_id = ?", ACCESS_KEY, accessKeyId));
    }

    @Override
    public void createAccessKey(Rows.AccessKey key) {
        tx(c -> {
            insertKey(c, key);
            return null;
        });
    }

    // ---------------------------------------------------------------- repositories

    @Override
    public Rows.Repository createRepository(Rows.NewRepository r, int maxPerAccount) {
        return tx(c -> {
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
        });
    }

    @Override
    public Optional<Rows.Repository> findRepository(String accountId, String name) {
        return read(c -> one(c, "SELECT * FROM repositories WHERE account_id = ? AND name = ?", REPOSITORY, accountId, name));
    }

    @Override
    public List<Rows.Repository> listRepositories(String accountId, String afterName, int limit) {
        return read(c -> query(c, "SELECT * FROM repositories WHERE account_id = ? AND name > ? ORDER BY name LIMIT ?",
                REPOSITORY, accountId, afterName == null ? "" : afterName, limit));
    }

    @Override
    public int countRepositories(String accountId) {
        return read(c -> one(c, "SELECT COUNT(*) AS n FROM repositories WHERE account_id = ?", rs -> rs.getInt("n"), accountId).orElse(0));
    }

    @Override
    public boolean deleteRepository(long repositoryId) {
        return tx(c -> update(c, "DELETE FROM repositories WHERE repository_id = ?", repositoryId) > 0);
    }

    @Override
    public int countManifests(long repositoryId) {
        return read(c -> one(c, "SELECT COUNT(*) AS n FROM manifests WHERE repository_id = ?", rs -> rs.getInt("n"), repositoryId).orElse(0));
    }

    @Override
    public Map<String, String> repositoryTags(long repositoryId) {
        return read(c -> {
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
        tx(c -> update(c, "UPDATE repositories SET tag_mutability = ?, mutability_exclusions = ?, scan_on_push = ?, "
                        + "encryption_type = ?, kms_key = ? WHERE repository_id = ?",
                r.tagMutability(), r.mutabilityExclusions(), r.scanOnPush(), r.encryptionType(), r.kmsKey(), r.id()));
    }

    @Override
    public void putRepositoryTags(long repositoryId, Map<String, String> tags, int maxTags) {
        tx(c -> {
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
        tx(c -> {
            for (String k : keys) update(c, "DELETE FROM repository_tags WHERE repository_id = ? AND tag_key = ?", repositoryId, k);
            return null;
        });
    }

    // ---------------------------------------------------------------- blobs

    @Override
    public Optional<Rows.Blob> findBlob(String digest) {
        return read(c -> one(c, "SELECT digest, size FROM blobs WHERE digest = ?", BLOB, digest));
    }

    @Override
    public Optional<Rows.Blob> findLinkedBlob(long repositoryId, String digest) {
        return read(c -> one(c, "SELECT b.digest, b.size FROM repository_blobs l JOIN blobs b ON b.digest = l.digest "
                + "WHERE l.repository_id = ? AND l.digest = ?", BLOB, repositoryId, digest));
    }

    @Override
    public void linkBlob(long repositoryId, Rows.Blob blob, long now) {
        tx(c -> {
            update(c, "INSERT INTO blobs (digest, size, created_at) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                    blob.digest(), blob.size(), now);
            update(c, "INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (repository_id, digest) DO NOTHING", repositoryId, blob.digest(), now);
            return null;
        });
    }

    @Override
    public boolean unlinkBlob(long repositoryId, String digest) {
        return tx(c -> update(c, "DELETE FROM repository_blobs WHERE repository_id = ? AND digest = ?", repositoryId, digest) > 0);
    }

    @Override
    public List<Rows.Blob> findLinkedBlobs(long repositoryId, List<String> digests) {
        if (digests.isEmpty()) return List.of();
        return read(c -> {
            List<Rows.Blob> out = new ArrayList<>();
            // chunks keep the statement under every dialect's bind-variable limit
            for (int i = 0; i < digests.size(); i += 500) {
                List<String> part = digests.subList(i, Math.min(digests.size(), i + 500));
                String in = String.join(",", Collections.nCopies(part.size(), "?"));
                List<Object> args = new ArrayList<>();
                args.add(repositoryId);
                args.addAll(part);
                out.addAll(query(c, "SELECT b.digest, b.size FROM repository_blobs l JOIN blobs b ON b.digest = l.digest "
                        + "WHERE l.repository_id = ? AND l.digest IN (" + in + ")", BLOB, args.toArray()));
            }
            return out;
        });
    }

    @Override
    public List<String> unlinkedBlobs(long createdBefore, int limit) {
        return read(c -> query(c, "SELECT b.digest FROM blobs b WHERE b.created_at < ? AND NOT EXISTS "
                + "(SELECT 1 FROM repository_blobs l WHERE l.digest = b.digest) ORDER BY b.digest LIMIT ?",
                rs -> rs.getString(1), createdBefore, limit));
    }

    @Override
    public boolean deleteBlobIfUnlinked(String digest) {
        return tx(c -> update(c, "DELETE FROM blobs WHERE digest = ? AND NOT EXISTS "
                + "(SELECT 1 FROM repository_blobs l WHERE l.digest = blobs.digest)", digest) > 0);
    }

    @Override
    public boolean isBlobReferenced(long repositoryId, String digest) {
        return read(c -> one(c, "SELECT 1 AS x FROM manifest_refs WHERE repository_id = ? AND child_digest = ? AND kind = ? LIMIT 1",
                rs -> 1, repositoryId, digest, Rows.Reference.BLOB).isPresent());
    }

    // ---------------------------------------------------------------- manifests and tags

    @Override
    public String putManifest(Rows.Manifest m, List<Rows.Reference> references, String tag, boolean tagImmutable, int maxImages) {
        return tx(c -> {
            boolean exists = one(c, "SELECT 1 AS x FROM manifests WHERE repository_id = ? AND digest = ?", rs -> 1,
                    m.repositoryId(), m.digest()).isPresent();
            String previous = null;
            if (tag != null) {
                previous = one(c, "SELECT digest FROM tags WHERE repository_id = ? AND tag = ?", rs -> rs.getString(1),
                        m.repositoryId(), tag).orElse(null);
                if (tagImmutable && previous != null && !previous.equals(m.digest())) {
                    throw new ConflictException("tag is immutable");
                }
            }
            if (!exists) {
                int count = one(c, "SELECT COUNT(*) AS n FROM manifests WHERE repository_id = ?", rs -> rs.getInt("n"), m.repositoryId()).orElse(0);
                if (count >= maxImages) {
                    throw new LimitException("images per repository", maxImages);
                }
                update(c, "INSERT INTO manifests (repository_id, digest, media_type, artifact_type, subject_digest, size, image_size, "
                                + "body, pushed_at, last_pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        m.repositoryId(), m.digest(), m.mediaType(), m.artifactType(), m.subjectDigest(), m.size(),
                        m.imageSize(), m.body(), m.pushedAt(), m.lastPulledAt());
                for (Rows.Reference r : references) {
                    update(c, "INSERT INTO manifest_refs (repository_id, manifest_digest, child_digest, kind) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING", m.repositoryId(), m.digest(), r.childDigest(), r.kind());
                }
            }
            if (tag != null) {
                update(c, "INSERT INTO tags (repository_id, tag, digest, updated_at) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (repository_id, tag) DO UPDATE SET digest = excluded.digest, updated_at = excluded.updated_at",
                        m.repositoryId(), tag, m.digest(), m.pushedAt());
            }
            return previous;
        });
    }

    @Override
    public Optional<Rows.Manifest> findManifest(long repositoryId, String digest) {
        return read(c -> one(c, "SELECT * FROM manifests WHERE repository_id = ? AND digest = ?", MANIFEST, repositoryId, digest));
    }

    @Override
    public Optional<Rows.Tag> findTag(long repositoryId, String tag) {
        return read(c -> one(c, "SELECT tag, digest, updated_at FROM tags WHERE repository_id = ? AND tag = ?", TAG, repositoryId, tag));
    }

    @Override
    public List<Rows.Tag> listTags(long repositoryId, String last, int limit) {
        return read(c -> query(c, "SELECT tag, digest, updated_at FROM tags WHERE repository_id = ? AND tag > ? ORDER BY tag LIMIT ?",
                TAG, repositoryId, last == null ? "" : last, limit));
    }

    @Override
    public List<String> tagsOf(long repositoryId, String digest) {
        return read(c -> query(c, "SELECT tag FROM tags WHERE repository_id = ? AND digest = ? ORDER BY tag",
                rs -> rs.getString(1), repositoryId, digest));
    }

    @Override
    public boolean deleteManifest(long repositoryId, String digest) {
        return tx(c -> {
            update(c, "DELETE FROM tags WHERE repository_id = ? AND digest = ?", repositoryId, digest);
            return update(c, "DELETE FROM manifests WHERE repository_id = ? AND digest = ?", repositoryId, digest) > 0;
        });
    }

    @Override
    public boolean deleteTag(long repositoryId, String tag) {
        return tx(c -> update(c, "DELETE FROM tags WHERE repository_id = ? AND tag = ?", repositoryId, tag) > 0);
    }

    @Override
    public List<Rows.Image> listReferrers(long repositoryId, String subjectDigest) {
        return read(c -> withTags(c, repositoryId, query(c, "SELECT " + IMAGE_COLUMNS
                + " FROM manifests m WHERE m.repository_id = ? AND m.subject_digest = ? ORDER BY m.digest",
                JdbcMetadataStore::image, repositoryId, subjectDigest)));
    }

    @Override
    public List<String> parentsOf(long repositoryId, String childDigest) {
        return read(c -> query(c, "SELECT manifest_digest FROM manifest_refs WHERE repository_id = ? AND child_digest = ? AND kind = ?",
                rs -> rs.getString(1), repositoryId, childDigest, Rows.Reference.MANIFEST));
    }

    @Override
    public List<Rows.Image> listImages(long repositoryId, String afterDigest, int limit) {
        return read(c -> withTags(c, repositoryId, query(c, "SELECT " + IMAGE_COLUMNS
                        + " FROM manifests m WHERE m.repository_id = ? AND m.digest > ? ORDER BY m.digest LIMIT ?",
                JdbcMetadataStore::image, repositoryId, afterDigest == null ? "" : afterDigest, limit)));
    }

    @Override
    public void recordPulls(long repositoryId, Map<String, Long> pulledAt) {
        if (pulledAt.isEmpty()) return;
        tx(c -> {
            for (var e : pulledAt.entrySet()) {
                update(c, "UPDATE manifests SET last_pulled_at = ? WHERE repository_id = ? AND digest = ? "
                        + "AND (last_pulled_at IS NULL OR last_pulled_at < ?)", e.getValue(), repositoryId, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    @Override
    public Map<String, List<String>> indexChildren(long repositoryId) {
        return read(c -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String[] r : query(c, "SELECT manifest_digest, child_digest FROM manifest_refs WHERE repository_id = ? AND kind = ? "
                    + "ORDER BY manifest_digest, child_digest", rs -> new String[]{rs.getString(1), rs.getString(2)},
                    repositoryId, Rows.Reference.MANIFEST)) {
                out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- uploads

    @Override
    public void createUpload(Rows.Upload u) {
        tx(c -> update(c, "INSERT INTO uploads (upload_id, repository_id, size, parts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                u.uploadId(), u.repositoryId(), u.size(), u.parts(), u.createdAt(), u.updatedAt()));
    }

    @Override
    public Optional<Rows.Upload> findUpload(String uploadId) {
        return read(c -> one(c, "SELECT * FROM uploads WHERE upload_id = ?", UPLOAD, uploadId));
    }

    @Override
    public boolean advanceUpload(String uploadId, long expectedSize, long newSize, int parts, long now) {
        return tx(c -> update(c, "UPDATE uploads SET size = ?, parts = ?, updated_at = ? WHERE upload_id = ? AND size = ?",
                newSize, parts, now, uploadId, expectedSize) > 0);
    }

    @Override
    public boolean deleteUpload(String uploadId) {
        return tx(c -> update(c, "DELETE FROM uploads WHERE upload_id = ?", uploadId) > 0);
    }

    @Override
    public List<Rows.Upload> uploadsUpdatedBefore(long cutoff) {
        return read(c -> query(c, "SELECT * FROM uploads WHERE updated_at < ? ORDER BY updated_at", UPLOAD, cutoff));
    }

    @Override
    public Optional<Rows.LayerParts> findLayerParts(String uploadId) {
        return read(c -> one(c, "SELECT * FROM upload_parts WHERE upload_id = ?", rs -> new Rows.LayerParts(
                rs.getString("upload_id"), rs.getLong("last_part_size"), rs.getInt("small_part") != 0), uploadId));
    }

    @Override
    public void putLayerParts(Rows.LayerParts p) {
        tx(c -> update(c, "INSERT INTO upload_parts (upload_id, last_part_size, small_part) VALUES (?, ?, ?) ON CONFLICT (upload_id) "
                + "DO UPDATE SET last_part_size = excluded.last_part_size, small_part = excluded.small_part",
                p.uploadId(), p.lastPartSize(), p.smallPart()));
    }

    // ---------------------------------------------------------------- settings

    @Override
    public Optional<String> setting(String name) {
        return read(c -> one(c, "SELECT value FROM settings WHERE name = ?", rs -> rs.getString(1), name));
    }

    @Override
    public void putSetting(String name, String value) {
        tx(c -> update(c, "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                name, value));
    }

    // ---------------------------------------------------------------- account settings and limits

    @Override
    public Optional<String> accountSetting(String accountId, String name) {
        return read(c -> one(c, "SELECT value FROM account_settings WHERE account_id = ? AND name = ?", rs -> rs.getString(1), accountId, name));
    }

    @Override
    public void putAccountSetting(String accountId, String name, String value) {
        tx(c -> update(c, "INSERT INTO account_settings (account_id, name, value) VALUES (?, ?, ?) "
                + "ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value", accountId, name, value));
    }

    @Override
    public Map<String, Long> accountLimits(String accountId) {
        return read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Object[] r : query(c, "SELECT name, value FROM account_limits WHERE account_id = ? ORDER BY name",
                    rs -> new Object[]{rs.getString(1), rs.getLong(2)}, accountId)) {
                out.put((String) r[0], (Long) r[1]);
            }
            return out;
        });
    }

    @Override
    public void putAccountLimit(String accountId, String name, long value) {
        tx(c -> update(c, "INSERT INTO account_limits (account_id, name, value) VALUES (?, ?, ?) "
                + "ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value", accountId, name, value));
    }

    @Override
    public boolean deleteAccountLimit(String accountId, String name) {
        return tx(c -> update(c, "DELETE FROM account_limits WHERE account_id = ? AND name = ?", accountId, name) > 0);
    }

    // ---------------------------------------------------------------- lifecycle policies

    private static final RowMapper<Rows.LifecyclePolicy> LIFECYCLE = rs -> new Rows.LifecyclePolicy(
            rs.getLong("repository_id"), rs.getString("policy_text"), rs.getLong("updated_at"), nullableLong(rs, "last_evaluated_at"));

    @Override
    public Optional<Rows.LifecyclePolicy> findLifecyclePolicy(long repositoryId) {
        return read(c -> one(c, "SELECT * FROM lifecycle_policies WHERE repository_id = ?", LIFECYCLE, repositoryId));
    }

    @Override
    public void putLifecyclePolicy(Rows.LifecyclePolicy p) {
        tx(c -> update(c, "INSERT INTO lifecycle_policies (repository_id, policy_text, updated_at, last_evaluated_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (repository_id) DO UPDATE SET policy_text = excluded.policy_text, updated_at = excluded.updated_at",
                p.repositoryId(), p.text(), p.updatedAt(), p.lastEvaluatedAt()));
    }

    @Override
    public boolean deleteLifecyclePolicy(long repositoryId) {
        return tx(c -> update(c, "DELETE FROM lifecycle_policies WHERE repository_id = ?", repositoryId) > 0);
    }

    @Override
    public List<Rows.LifecyclePolicy> listLifecyclePolicies() {
        return read(c -> query(c, "SELECT * FROM lifecycle_policies ORDER BY repository_id", LIFECYCLE));
    }

    @Override
    public void markLifecycleEvaluated(long repositoryId, long at) {
        tx(c -> update(c, "UPDATE lifecycle_policies SET last_evaluated_at = ? WHERE repository_id = ?", at, repositoryId));
    }

    @Override
    public Optional<Rows.LifecyclePreview> findLifecyclePreview(long repositoryId) {
        return read(c -> one(c, "SELECT * FROM lifecycle_previews WHERE repository_id = ?", rs -> new Rows.LifecyclePreview(
                rs.getLong("repository_id"), rs.getString("policy_text"), rs.getString("status"), rs.getString("results"),
                rs.getLong("created_at")), repositoryId));
    }

    @Override
    public void putLifecyclePreview(Rows.LifecyclePreview p) {
        tx(c -> update(c, "INSERT INTO lifecycle_previews (repository_id, policy_text, status, results, created_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (repository_id) DO UPDATE SET policy_text = excluded.policy_text, status = excluded.status, "
                + "results = excluded.results, created_at = excluded.created_at",
                p.repositoryId(), p.text(), p.status(), p.results(), p.createdAt()));
    }

    @Override
    public void close() {
        try {
            if (onClose != null) onClose.close();
        } catch (Exception e) {
            throw new MetadataException("closing the metadata store failed", e);
        }
    }
}
