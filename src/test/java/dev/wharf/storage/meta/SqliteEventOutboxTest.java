package dev.wharf.storage.meta;

import java.nio.file.Files;
import java.nio.file.Path;

class SqliteEventOutboxTest extends EventOutboxContract {
    private MetadataStore meta;
    private Path dir;

    @Override
    protected EventOutbox open() throws Exception {
        dir = Files.createTempDirectory("wharf-outbox");
        meta = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        return JdbcEventOutbox.sharing(meta);
    }

    @Override
    protected void closeStore() throws Exception {
        meta.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
