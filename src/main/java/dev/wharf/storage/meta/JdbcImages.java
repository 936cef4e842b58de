package dev.wharf.storage.meta;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;
import static dev.wharf.storage.meta.Jdbc.nullableLong;

/** The JDBC {@link ImageStore}: manifests, references, tags and pull times. */
final class JdbcImages implements ImageStore {
    private final Jdbc db;

    JdbcImages(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<Rows.Manifest> MANIFEST = rs -> new Rows.Manifest(
            rs.getLong("repository_id"), rs.getString("digest"), rs.getString("media_type"),
            rs.getString("artifact_type"), rs.getString("subject_digest"), rs.getLong("size"),
            rs.getLong("image_size"), rs.getBytes("body"), rs.getLong("pushed_at"), nullableLong(rs, "last_pulled_at"));

    private static final Jdbc.RowMapper<Rows.Tag> TAG = rs ->
            new Rows.Tag(rs.getString("tag"), rs.getString("digest"), rs.getLong("updated_at"));

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

    @Override
    public String putManifest(Rows.Manifest m, List<Rows.Reference> references, String tag, boolean tagImmutable, int maxImages) {
        return db.tx(c -> {
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
                    if (r.kind().equals(Rows.Reference.BLOB)) needBlob(c, m, r.childDigest());
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

    /**
     * Records that the manifest needs the repository's link to a blob; the foreign key onto that
     * link makes a concurrent garbage collection either keep the link or fail this write
     * (docs/design.md, "Garbage collection").
     */
    private static void needBlob(Connection c, Rows.Manifest m, String digest) throws SQLException {
        int n = update(c, "INSERT INTO manifest_blobs (repository_id, manifest_digest, digest) SELECT ?, ?, ? WHERE EXISTS "
                + "(SELECT 1 FROM repository_blobs l WHERE l.repository_id = ? AND l.digest = ?) ON CONFLICT DO NOTHING",
                m.repositoryId(), m.digest(), digest, m.repositoryId(), digest);
        if (n == 0 && one(c, "SELECT 1 AS x FROM manifest_blobs WHERE repository_id = ? AND manifest_digest = ? AND digest = ?",
                rs -> 1, m.repositoryId(), m.digest(), digest).isEmpty()) {
            throw new ReferenceGoneException(digest);
        }
    }

    @Override
    public Optional<Rows.Manifest> findManifest(long repositoryId, String digest) {
        return db.read(c -> one(c, "SELECT * FROM manifests WHERE repository_id = ? AND digest = ?", MANIFEST, repositoryId, digest));
    }

    @Override
    public Optional<Rows.Tag> findTag(long repositoryId, String tag) {
        return db.read(c -> one(c, "SELECT tag, digest, updated_at FROM tags WHERE repository_id = ? AND tag = ?", TAG, repositoryId, tag));
    }

    @Override
    public List<Rows.Tag> listTags(long repositoryId, String last, int limit) {
        return db.read(c -> query(c, "SELECT tag, digest, updated_at FROM tags WHERE repository_id = ? AND tag > ? ORDER BY tag LIMIT ?",
                TAG, repositoryId, last == null ? "" : last, limit));
    }

    @Override
    public List<String> tagsOf(long repositoryId, String digest) {
        return db.read(c -> query(c, "SELECT tag FROM tags WHERE repository_id = ? AND digest = ? ORDER BY tag",
                rs -> rs.getString(1), repositoryId, digest));
    }

    @Override
    public boolean deleteManifest(long repositoryId, String digest) {
        return db.tx(c -> {
            update(c, "DELETE FROM tags WHERE repository_id = ? AND digest = ?", repositoryId, digest);
            return update(c, "DELETE FROM manifests WHERE repository_id = ? AND digest = ?", repositoryId, digest) > 0;
        });
    }

    @Override
    public boolean deleteTag(long repositoryId, String tag) {
        return db.tx(c -> update(c, "DELETE FROM tags WHERE repository_id = ? AND tag = ?", repositoryId, tag) > 0);
    }

    @Override
    public List<Rows.Image> listReferrers(long repositoryId, String subjectDigest) {
        return db.read(c -> withTags(c, repositoryId, query(c, "SELECT " + IMAGE_COLUMNS
                + " FROM manifests m WHERE m.repository_id = ? AND m.subject_digest = ? ORDER BY m.digest",
                JdbcImages::image, repositoryId, subjectDigest)));
    }

    @Override
    public List<String> parentsOf(long repositoryId, String childDigest) {
        return db.read(c -> query(c, "SELECT manifest_digest FROM manifest_refs WHERE repository_id = ? AND child_digest = ? AND kind = ?",
                rs -> rs.getString(1), repositoryId, childDigest, Rows.Reference.MANIFEST));
    }

    @Override
    public List<Rows.Image> listImages(long repositoryId, String afterDigest, int limit) {
        return db.read(c -> withTags(c, repositoryId, query(c, "SELECT " + IMAGE_COLUMNS
                        + " FROM manifests m WHERE m.repository_id = ? AND m.digest > ? ORDER BY m.digest LIMIT ?",
                JdbcImages::image, repositoryId, afterDigest == null ? "" : afterDigest, limit)));
    }

    @Override
    public void recordPulls(long repositoryId, Map<String, Long> pulledAt) {
        if (pulledAt.isEmpty()) return;
        db.tx(c -> {
            for (var e : pulledAt.entrySet()) {
                update(c, "UPDATE manifests SET last_pulled_at = ? WHERE repository_id = ? AND digest = ? "
                        + "AND (last_pulled_at IS NULL OR last_pulled_at < ?)", e.getValue(), repositoryId, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    @Override
    public Map<String, List<String>> indexChildren(long repositoryId) {
        return db.read(c -> {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (String[] r : query(c, "SELECT manifest_digest, child_digest FROM manifest_refs WHERE repository_id = ? AND kind = ? "
                    + "ORDER BY manifest_digest, child_digest", rs -> new String[]{rs.getString(1), rs.getString(2)},
                    repositoryId, Rows.Reference.MANIFEST)) {
                out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
            }
            return out;
        });
    }
}
