package dev.wharf.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code storage.*} keys and their environment variables. */
class StorageConfigTest {
    private static final Map<String, String> POSTGRES = Map.of("WHARF_STORAGE_METADATA", "postgres",
            "WHARF_POSTGRES_URL", "jdbc:postgresql://db:5432/wharf");
    private static final Map<String, String> S3 = Map.of("WHARF_STORAGE_BLOBS", "s3", "WHARF_S3_BUCKET", "images");

    @TempDir
    Path dir;

    private static WharfConfig load(Map<String, String> env) {
        return new ConfigLoader(env).load(ConfigLoader.Flags.none());
    }

    private static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void withNothingSetBothStoresAreTheEmbeddedDefaults() {
        WharfConfig.Storage s = load(Map.of()).storage();
        assertThat(s.metadata()).isEqualTo("sqlite");
        assertThat(s.blobs()).isEqualTo("filesystem");
        assertThat(s.remoteOnly()).isFalse();
    }

    @Test
    void everyEnvironmentVariableLandsInItsKey() {
        Map<String, String> env = new HashMap<>();
        env.putAll(POSTGRES);
        env.putAll(S3);
        env.putAll(Map.of("WHARF_POSTGRES_USER", "wharf", "WHARF_POSTGRES_PASSWORD", "pg-secret",
                "WHARF_S3_ENDPOINT", "http://127.0.0.1:9000", "WHARF_S3_REGION", "eu-west-1", "WHARF_S3_PREFIX", "reg/",
                "WHARF_S3_PATH_STYLE", "true", "WHARF_S3_ACCESS_KEY_ID", "AKID", "WHARF_S3_SECRET_ACCESS_KEY", "s3-secret",
                "WHARF_S3_REDIRECT", "true"));
        WharfConfig.Storage s = load(env).storage();
        assertThat(s.remoteOnly()).isTrue();
        assertThat(s.postgres()).isEqualTo(new WharfConfig.Postgres("jdbc:postgresql://db:5432/wharf", "wharf", "pg-secret", 16));
        assertThat(s.s3()).isEqualTo(new WharfConfig.S3("http://127.0.0.1:9000", "eu-west-1", "images", "reg/", true,
                "AKID", "s3-secret", true));
        assertThat(s.toString()).as("secrets stay out of printed configuration").doesNotContain("pg-secret", "s3-secret");
    }

    @Test
    void theS3RegionDefaultsToTheRegistryRegion() {
        assertThat(load(with(S3, "WHARF_REGION", "ap-south-1")).storage().s3().region()).isEqualTo("ap-south-1");
    }

    @Test
    void fileKeysAreReadAndTheEnvironmentOverridesThem() throws Exception {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, """
                storage:
                  blobs: s3
                  s3:
                    bucket: from-file
                    pathStyle: true
                  metadata: postgres
                  postgres:
                    url: jdbc:postgresql://file/wharf
                    poolSize: 4
                """);
        WharfConfig.Storage s = new ConfigLoader(Map.of("WHARF_S3_BUCKET", "from-env"))
                .load(new ConfigLoader.Flags(null, null, null, file)).storage();
        assertThat(s.s3().bucket()).isEqualTo("from-env");
        assertThat(s.s3().pathStyle()).isTrue();
        assertThat(s.postgres().url()).isEqualTo("jdbc:postgresql://file/wharf");
        assertThat(s.postgres().poolSize()).isEqualTo(4);
    }

    static Stream<Arguments> unusable() {
        return Stream.of(
                Arguments.of(Map.of("WHARF_STORAGE_METADATA", "mysql"), "WHARF_STORAGE_METADATA"),
                Arguments.of(Map.of("WHARF_STORAGE_BLOBS", "gcs"), "WHARF_STORAGE_BLOBS"),
                Arguments.of(Map.of("WHARF_STORAGE_METADATA", "postgres"), "WHARF_POSTGRES_URL"),
                Arguments.of(with(POSTGRES, "WHARF_POSTGRES_URL", "postgres://db/wharf"), "jdbc:postgresql:"),
                Arguments.of(with(POSTGRES, "WHARF_POSTGRES_POOL_SIZE", "0"), "WHARF_POSTGRES_POOL_SIZE"),
                Arguments.of(Map.of("WHARF_STORAGE_BLOBS", "s3"), "WHARF_S3_BUCKET"),
                Arguments.of(with(S3, "WHARF_S3_ACCESS_KEY_ID", "AKID"), "WHARF_S3_SECRET_ACCESS_KEY"),
                Arguments.of(with(S3, "WHARF_S3_ENDPOINT", "minio:9000"), "WHARF_S3_ENDPOINT"),
                Arguments.of(with(S3, "WHARF_S3_PATH_STYLE", "maybe"), "WHARF_S3_PATH_STYLE"),
                Arguments.of(Map.of("WHARF_S3_REDIRECT", "true"), "needs storage.blobs s3"));
    }

    @ParameterizedTest
    @MethodSource("unusable")
    void anUnusableStorageSettingIsRefusedNamingWhatToFix(Map<String, String> env, String named) {
        assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigException.class).hasMessageContaining(named);
    }
}
