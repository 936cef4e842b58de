package dev.wharf.storage.meta;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link BlobLinkStore}: blob rows and their links into repositories. */
final class JdbcBlobLinks implements BlobLinkStore {
    private final Jdbc db;

    JdbcBlobLinks(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<Rows.Blob> BLOB = rs -> new Rows.Blob(rs.getString("digest"), rs.getLong("size"));

    @Override
    public Optional<Rows.Blob> findBlob(String digest) {
        return db.read(c -> one(c, "SELECT digest, size FROM blobs WHERE digest = ?", BLOB, digest));
    }

    @Override
    public Optional<Rows.Blob> findLinkedBlob(long repositoryId, String digest) {
        return db.read(c -> one(c, "SELECT b.digest, b.size FROM repository_blobs l JOIN blobs b ON b.digest = l.digest "
                + "WHERE l.repository_id = ? AND l.digest = ?", BLOB, repositoryId, digest));
    }

    @Override
    public void linkBlob(long repositoryId, Rows.Blob blob, long now) {
        db.tx(c -> link(c, repositoryId, blob, now));
    }

    /** The link, inside the caller's transaction (also used when an upload completes). */
    static Void link(Connection c, long repositoryId, Rows.Blob blob, long now) throws SQLException {
        update(c, "INSERT INTO blobs (digest, size, created_at) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                blob.digest(), blob.size(), now);
        update(c, "INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (repository_id, digest) DO NOTHING", repositoryId, blob.digest(), now);
        return null;
    }

    @Override
    public boolean unlinkBlob(long repositoryId, String digest) {
        return db.tx(c -> update(c, "DELETE FROM repository_blobs WHERE repository_id = ? AND digest = ?", repositoryId, digest) > 0);
    }

    @Override
    public List<Rows.Blob> findLinkedBlobs(long repositoryId, List<String> digests) {
        if (digests.isEmpty()) return List.of();
        return db.read(c -> {
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
        return db.read(c -> query(c, "SELECT b.digest FROM blobs b WHERE b.created_at < ? AND NOT EXISTS "
                + "(SELECT 1 FROM repository_blobs l WHERE l.digest = b.digest) ORDER BY b.digest LIMIT ?",
                rs -> rs.getString(1), createdBefore, limit));
    }

    @Override
    public boolean deleteBlobIfUnlinked(String digest) {
        return db.tx(c -> update(c, "DELETE FROM blobs WHERE digest = ? AND NOT EXISTS "
                + "(SELECT 1 FROM repository_blobs l WHERE l.digest = blobs.digest)", digest) > 0);
    }

    @Override
    public boolean isBlobReferenced(long repositoryId, String digest) {
        return db.read(c -> one(c, "SELECT 1 AS x FROM manifest_refs WHERE repository_id = ? AND child_digest = ? AND kind = ? LIMIT 1",
                rs -> 1, repositoryId, digest, Rows.Reference.BLOB).isPresent());
    }
}
