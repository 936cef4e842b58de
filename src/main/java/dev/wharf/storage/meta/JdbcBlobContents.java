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
    public void putBlobContent(String digest, byte[] content, int length) {
        byte[] bytes = length == content.length ? content : Arrays.copyOf(content, length);
        db.relaxedTx(c -> update(c, "INSERT INTO blob_contents (digest, content) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING",
                digest, bytes));
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
