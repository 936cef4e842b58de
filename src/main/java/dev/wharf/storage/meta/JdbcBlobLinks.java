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
    public boolean linkBlob(long repositoryId, Rows.Blob blob, long now) {
        return db.tx(c -> {
            if (one(c, "SELECT 1 AS x FROM blob_deletions WHERE digest = ?", rs -> 1, blob.digest()).isPresent()) return false;
            update(c, "INSERT INTO blobs (digest, size, created_at) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                    blob.digest(), blob.size(), now);
            update(c, "INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (repository_id, digest) DO NOTHING", repositoryId, blob.digest(), now);
            return true;
        });
    }

    @Override
    public boolean pinBlob(Rows.Blob blob, String pinId, long now, long until) {
        // not flushed by itself: only the completion that follows, a durable commit, makes the blob
        // visible, and flushes this with it (docs/design.md, "Durability of small commits")
        return db.relaxedTx(c -> {
            if (!makeRowUnlessClaimed(c, blob, now)) return false;
            update(c, "INSERT INTO blob_pins (pin_id, digest, until) VALUES (?, ?, ?)", pinId, blob.digest(), until);
            return true;
        });
    }

    /**
     * Makes the blob's row (keeping an existing one) and cancels a deletion queued for it that no
     * collector has claimed; false, having written nothing, while a claim holds: a collector may be
     * deleting these bytes right now, and no row may appear meanwhile. For the pin and for a small
     * blob's one-step completion ({@link JdbcBlobContents}).
     */
    static boolean makeRowUnlessClaimed(Connection c, Rows.Blob blob, long now) throws SQLException {
        if (update(c, "DELETE FROM blob_deletions WHERE digest = ? AND (claimed_until IS NULL OR claimed_until < ?)",
                blob.digest(), now) == 0
                && one(c, "SELECT 1 AS x FROM blob_deletions WHERE digest = ?", rs -> 1, blob.digest()).isPresent()) {
            return false;
        }
        update(c, "INSERT INTO blobs (digest, size, created_at) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                blob.digest(), blob.size(), now);
        return true;
    }

    @Override
    public void unpinBlob(String pinId) {
        db.tx(c -> update(c, "DELETE FROM blob_pins WHERE pin_id = ?", pinId));
    }

    @Override
    public boolean linkExistingBlob(long repositoryId, String digest, long now) {
        // the row may be deleted concurrently: the foreign key onto blobs then fails the insert (ReferenceGoneException)
        try {
            return db.tx(c -> {
                if (one(c, "SELECT 1 AS x FROM blobs WHERE digest = ?", rs -> 1, digest).isEmpty()) return false;
                update(c, "INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (repository_id, digest) DO NOTHING", repositoryId, digest, now);
                return true;
            });
        } catch (ReferenceGoneException e) {
            return false;
        }
    }

    @Override
    public boolean unlinkBlob(long repositoryId, String digest) {
        return db.tx(c -> update(c, "DELETE FROM repository_blobs WHERE repository_id = ? AND digest = ? AND NOT EXISTS "
                + "(SELECT 1 FROM manifest_blobs m WHERE m.repository_id = repository_blobs.repository_id "
                + "AND m.digest = repository_blobs.digest)", repositoryId, digest) > 0);
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
        try {
            return db.tx(c -> {
                Optional<Rows.Blob> gone = one(c, "DELETE FROM blobs WHERE digest = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM repository_blobs l WHERE l.digest = blobs.digest) RETURNING digest, size", BLOB, digest);
                if (gone.isEmpty()) return false;
                update(c, "INSERT INTO blob_deletions (digest, size, queued_at) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                        digest, gone.get().size(), System.currentTimeMillis());
                return true;
            });
        } catch (ReferenceGoneException e) {
            return false; // linked meanwhile
        }
    }

    @Override
    public boolean isBlobReferenced(long repositoryId, String digest) {
        return db.read(c -> one(c, "SELECT 1 AS x FROM manifest_refs WHERE repository_id = ? AND child_digest = ? AND kind = ? LIMIT 1",
                rs -> 1, repositoryId, digest, Rows.Reference.BLOB).isPresent());
    }
}
