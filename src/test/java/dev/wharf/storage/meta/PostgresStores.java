package dev.wharf.storage.meta;

import dev.wharf.testing.PostgresCluster;
import org.junit.jupiter.api.Tag;

/**
 * Fresh, migrated PostgreSQL stores for the contract suites: the migrations run once into a
 * template database, and each test gets a copy of it.
 */
@Tag("e2e")
final class PostgresStores {
    private final PostgresCluster pg;
    private String template;
    private String lastUrl;

    PostgresStores(PostgresCluster pg) {
        this.pg = pg;
    }

    synchronized MetadataStores open() throws Exception {
        if (template == null) {
            String url = pg.createDatabase();
            connect(url).meta().close();
            template = PostgresCluster.databaseName(url);
        }
        lastUrl = pg.createDatabase(template);
        return connect(lastUrl);
    }

    /** The URL of the database the last {@link #open} made. */
    String lastUrl() {
        return lastUrl;
    }

    private static MetadataStores connect(String url) {
        return PostgresMetadataStores.openAll(new PostgresMetadataStores.Connection(url, PostgresCluster.USER, PostgresCluster.PASSWORD, 4));
    }
}
