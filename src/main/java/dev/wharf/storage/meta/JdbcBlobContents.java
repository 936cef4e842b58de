package dev.wharf.storage.meta;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link BlobContentStore}: the {@code blob_contents} table. */
final class JdbcBlobContents implements BlobContentStore {
    private final Jdbc db;

    JdbcBlobContents(Jdbc db) {
        this.db = db;
    }

    @Override
    public UploadStore.Completion completeWithContent(String uploadId, long repositoryId, Rows.Blob blob, byte[] content, int length,
                                                      long now, long staleBefore) {
        byte[] bytes = length == content.length ? content : Arrays.copyOf(content, length);
        try {
            return db.tx(c -> {
                UploadStore.Completion ended = JdbcUploads.endEmptySession(c, uploadId, repositoryId, staleBefore, now);
                if (ended != null) return ended;
                if (!JdbcBlobLinks.makeRowUnlessClaimed(c, blob, now)) {
                    throw new Undo(UploadStore.Completion.BLOB_CLAIMED); // the session's deletion with it
                }
                update(c, "INSERT INTO blob_contents (digest, content) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING",
                        blob.digest(), bytes);
                update(c, "INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (repository_id, digest) DO NOTHING", repositoryId, blob.digest(), now);
                return UploadStore.Completion.LINKED;
            });
        } catch (Undo u) {
            return u.answer;
        } catch (ReferenceGoneException e) {
            // PostgreSQL: a collector deleted the blob's existing row between the insert that kept it and the link;
            // everything rolled back, and the same call, made again, makes the row afresh or meets the claim
            return UploadStore.Completion.BLOB_CLAIMED;
        }
    }

    /** Rolls the completion's transaction back and answers {@link #answer}. */
    private static final class Undo extends RuntimeException {
        final UploadStore.Completion answer;

        Undo(UploadStore.Completion answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    @Override
    public Optional<byte[]> blobContent(String digest) {
        return db.read(c -> one(c, "SELECT content FROM blob_contents WHERE digest = ?", rs -> rs.getBytes(1), digest));
    }

    @Override
    public OptionalLong blobContentSize(String digest) {
        return db.read(c -> one(c, "SELECT length(content) FROM blob_contents WHERE digest = ?", rs -> rs.getLong(1), digest))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public int deleteBlobContents(List<String> digests) {
        if (digests.isEmpty()) return 0;
        return db.tx(c -> {
            int n = 0;
            for (String d : digests) n += update(c, "DELETE FROM blob_contents WHERE digest = ?", d);
            return n;
        });
    }

    @Override
    public List<String> blobContentDigests() {
        return db.read(c -> query(c, "SELECT digest FROM blob_contents ORDER BY digest", rs -> rs.getString(1)));
    }
}
