package dev.wharf.cli;

import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackendsTest {
    @Test
    void theStartUpLineNamesBothStoresAndNoSecret() {
        WharfConfig config = new ConfigLoader(Map.of(
                "WHARF_STORAGE_METADATA", "postgres", "WHARF_POSTGRES_URL", "jdbc:postgresql://db:5432/wharf",
                "WHARF_POSTGRES_USER", "wharf", "WHARF_POSTGRES_PASSWORD", "pg-password-value",
                "WHARF_STORAGE_BLOBS", "s3", "WHARF_S3_BUCKET", "images", "WHARF_S3_ACCESS_KEY_ID", "AKIDVALUE",
                "WHARF_S3_SECRET_ACCESS_KEY", "s3-secret-value", "WHARF_S3_REDIRECT", "true")).load(ConfigLoader.Flags.none());
        String line = Backends.describe(config);
        assertThat(line).contains("jdbc:postgresql://db:5432/wharf", "images", "with redirects");
        assertThat(line).doesNotContain("pg-password-value", "s3-secret-value");
    }

    @Test
    void theEmbeddedDefaultIsNamedByItsDataDirectory() {
        WharfConfig config = new ConfigLoader(Map.of()).load(ConfigLoader.Flags.none());
        assertThat(Backends.describe(config)).contains("SQLite", "wharf.db", "files under");
    }
}
