package dev.wharf.storage.meta;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link UploadStore}: upload sessions and their writer claims. */
final class JdbcUploads implements UploadStore {
    private final Jdbc db;

    JdbcUploads(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<Rows.Upload> UPLOAD = rs -> new Rows.Upload(
            rs.getString("upload_id"), rs.getLong("repository_id"), rs.getLong("size"), rs.getInt("parts"),
            rs.getLong("created_at"), rs.getLong("updated_at"));

    @Override
    public boolean createUpload(Rows.Upload u, int maxPerRepository) {
        // not flushed by itself: a session lost to a power loss only makes its client start again,
        // and the first chunk's durable commit flushes it (docs/design.md, "Durability of small commits")
        return db.relaxedTx(c -> {
            // a session that ended, or got its row from a chunk racing this one, is not counted against the limit again
            if (ended(c, u.uploadId()) || one(c, "SELECT 1 AS x FROM uploads WHERE upload_id = ?", rs -> 1, u.uploadId()).isPresent()) {
                return false;
            }
            int open = one(c, "SELECT COUNT(*) AS n FROM uploads WHERE repository_id = ?", rs -> rs.getInt("n"), u.repositoryId()).orElse(0);
            if (open >= maxPerRepository) throw new LimitException("open uploads per repository", maxPerRepository);
            return update(c, "INSERT INTO uploads (upload_id, repository_id, size, parts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (upload_id) DO NOTHING", u.uploadId(), u.repositoryId(), u.size(), u.parts(), u.createdAt(), u.updatedAt()) > 0;
        });
    }

    @Override
    public boolean uploadEnded(String uploadId) {
        return db.read(c -> ended(c, uploadId));
    }

    private static boolean ended(Connection c, String uploadId) throws SQLException {
        return one(c, "SELECT 1 AS x FROM ended_uploads WHERE upload_id = ?", rs -> 1, uploadId).isPresent();
    }

    @Override
    public int purgeEndedUploads(long endedBefore) {
        return db.tx(c -> update(c, "DELETE FROM ended_uploads WHERE ended_at < ?", endedBefore));
    }

    @Override
    public Optional<Rows.Upload> findUpload(String uploadId) {
        return db.read(c -> one(c, "SELECT * FROM uploads WHERE upload_id = ?", UPLOAD, uploadId));
    }

    @Override
    public boolean claimUpload(String uploadId, long expectedSize, String writer, long now, long staleBefore) {
        return db.tx(c -> update(c, "UPDATE uploads SET writer = ?, claimed_at = ? WHERE upload_id = ? AND size = ? "
                + "AND (writer IS NULL OR claimed_at < ?)", writer, now, uploadId, expectedSize, staleBefore) > 0);
    }

    @Override
    public boolean advanceUpload(String uploadId, String writer, long expectedSize, long newSize, int parts, long now) {
        return db.tx(c -> update(c, "UPDATE uploads SET size = ?, parts = ?, updated_at = ?, writer = NULL, claimed_at = NULL "
                + "WHERE upload_id = ? AND writer = ? AND size = ?", newSize, parts, now, uploadId, writer, expectedSize) > 0);
    }

    @Override
    public void releaseUpload(String uploadId, String writer) {
        db.tx(c -> update(c, "UPDATE uploads SET writer = NULL, claimed_at = NULL WHERE upload_id = ? AND writer = ?", uploadId, writer));
    }

    @Override
    public boolean deleteUpload(String uploadId, long now) {
        return db.tx(c -> {
            boolean had = update(c, "DELETE FROM uploads WHERE upload_id = ?", uploadId) > 0;
            remember(c, uploadId, now);
            return had;
        });
    }

    /** Keeps the id of a session that ends, so that it is never valid again (docs/design.md, "Upload sessions"). */
    private static int remember(Connection c, String uploadId, long now) throws SQLException {
        return update(c, "INSERT INTO ended_uploads (upload_id, ended_at) VALUES (?, ?) ON CONFLICT (upload_id) DO NOTHING", uploadId, now);
    }

    @Override
    public Completion completeUpload(String uploadId, String pinId, long repositoryId, String digest, long now) {
        return complete(uploadId, pinId, repositoryId, digest, now, null);
    }

    @Override
    public Completion completeEmptyUpload(String uploadId, String pinId, long repositoryId, String digest, long now, long staleBefore) {
        return complete(uploadId, pinId, repositoryId, digest, now, staleBefore);
    }

    /** One transaction: end the pin, end the session (only an empty, unheld one when {@code staleBefore} is set), link. */
    private Completion complete(String uploadId, String pinId, long repositoryId, String digest, long now, Long staleBefore) {
        try {
            return db.tx(c -> {
                update(c, "DELETE FROM blob_pins WHERE pin_id = ?", pinId);
                if (staleBefore == null) {
                    update(c, "DELETE FROM uploads WHERE upload_id = ?", uploadId);
                    remember(c, uploadId, now);
                } else {
                    Completion ended = endEmptySession(c, uploadId, repositoryId, staleBefore, now);
                    if (ended != null) return ended;
                }
                // the row is pinned, unless the pin lapsed and a collection took it: then nothing may link it
                if (one(c, "SELECT 1 AS x FROM blobs WHERE digest = ?", rs -> 1, digest).isEmpty()) return Completion.BLOB_GONE;
                update(c, "INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (repository_id, digest) DO NOTHING", repositoryId, digest, now);
                return Completion.LINKED;
            });
        } catch (ReferenceGoneException e) {
            // PostgreSQL: the row went between the check and the insert (its pin had lapsed); the transaction rolled back
            db.tx(c -> update(c, "DELETE FROM blob_pins WHERE pin_id = ?", pinId) + update(c, "DELETE FROM uploads WHERE upload_id = ?", uploadId)
                    + remember(c, uploadId, now));
            return Completion.BLOB_GONE;
        }
    }

    /**
     * Ends the session if it is still empty and no writer holds it by a claim taken at or after {@code staleBefore}:
     * deletes its row, if it has one (a session is born without one), and keeps its id as ended.
     *
     * @return null when it ended; {@link Completion#SESSION_CHANGED} when its row holds bytes or a live claim;
     *         {@link Completion#SESSION_ENDED} when it had ended already. Nothing is written unless it ended.
     */
    static Completion endEmptySession(Connection c, String uploadId, long repositoryId, long staleBefore, long now) throws SQLException {
        int deleted = update(c, "DELETE FROM uploads WHERE upload_id = ? AND repository_id = ? AND size = 0 "
                + "AND (writer IS NULL OR claimed_at < ?)", uploadId, repositoryId, staleBefore);
        if (deleted == 0 && one(c, "SELECT 1 AS x FROM uploads WHERE upload_id = ?", rs -> 1, uploadId).isPresent()) {
            return Completion.SESSION_CHANGED;
        }
        if (remember(c, uploadId, now) == 0 && deleted == 0) return Completion.SESSION_ENDED;
        return null;
    }

    @Override
    public List<Rows.Upload> uploadsUpdatedBefore(long cutoff) {
        return db.read(c -> query(c, "SELECT * FROM uploads WHERE updated_at < ? ORDER BY updated_at", UPLOAD, cutoff));
    }

    @Override
    public Optional<Rows.LayerParts> findLayerParts(String uploadId) {
        return db.read(c -> one(c, "SELECT * FROM upload_parts WHERE upload_id = ?", rs -> new Rows.LayerParts(
                rs.getString("upload_id"), rs.getLong("last_part_size"), rs.getInt("small_part") != 0), uploadId));
    }

    @Override
    public void putLayerParts(Rows.LayerParts p) {
        db.tx(c -> update(c, "INSERT INTO upload_parts (upload_id, last_part_size, small_part) VALUES (?, ?, ?) ON CONFLICT (upload_id) "
                + "DO UPDATE SET last_part_size = excluded.last_part_size, small_part = excluded.small_part",
                p.uploadId(), p.lastPartSize(), p.smallPart()));
    }
}
