package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.nullableLong;
import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link ImageArchiveStore}. */
final class JdbcImageArchive implements ImageArchiveStore {
    private final Jdbc db;

    JdbcImageArchive(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<ArchiveRow> ROW = rs -> new ArchiveRow(rs.getLong("repository_id"), rs.getString("digest"),
            rs.getString("status"), nullableLong(rs, "archived_at"), nullableLong(rs, "activated_at"), nullableLong(rs, "restore_started_at"));

    @Override
    public Optional<ArchiveRow> findImageArchive(long repositoryId, String digest) {
        return db.read(c -> one(c, "SELECT * FROM image_archive WHERE repository_id = ? AND digest = ?", ROW, repositoryId, digest));
    }

    @Override
    public List<ArchiveRow> listImageArchives(long repositoryId) {
        return db.read(c -> query(c, "SELECT * FROM image_archive WHERE repository_id = ? ORDER BY digest", ROW, repositoryId));
    }

    @Override
    public void putImageArchive(ArchiveRow r) {
        db.tx(c -> {
            if (one(c, "SELECT 1 AS x FROM manifests WHERE repository_id = ? AND digest = ?", rs -> 1, r.repositoryId(), r.digest()).isEmpty()) {
                throw new ConflictException("no such manifest");
            }
            return update(c, "INSERT INTO image_archive (repository_id, digest, status, archived_at, activated_at, restore_started_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (repository_id, digest) DO UPDATE SET status = excluded.status, "
                    + "archived_at = excluded.archived_at, activated_at = excluded.activated_at, restore_started_at = excluded.restore_started_at",
                    r.repositoryId(), r.digest(), r.status(), r.archivedAt(), r.activatedAt(), r.restoreStartedAt());
        });
    }
}
