package dev.wharf.cli;

import dev.wharf.config.ConfigException;
import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node refuses a master key other than the one its metadata database was set up with. */
class MasterKeyCheckTest {
    @TempDir
    Path dir;

    private static String key(int first) {
        byte[] k = new byte[32];
        k[0] = (byte) first;
        return Base64.getEncoder().encodeToString(k);
    }

    private Application open(Map<String, String> env) {
        WharfConfig config = new ConfigLoader(env).load(new ConfigLoader.Flags("127.0.0.1", 0, dir, null));
        return Application.create(config, env, Clock.systemUTC());
    }

    @Test
    void theSameKeyOpensTheDatabaseAgain() throws Exception {
        open(Map.of("WHARF_MASTER_KEY", key(1))).close();
        open(Map.of("WHARF_MASTER_KEY", key(1))).close();
    }

    @Test
    void anotherKeyIsRefusedSayingWhy() throws Exception {
        open(Map.of("WHARF_MASTER_KEY", key(1))).close();
        assertThatThrownBy(() -> open(Map.of("WHARF_MASTER_KEY", key(2))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("WHARF_MASTER_KEY is not the key this metadata database was set up with")
                .hasMessageNotContaining(key(1)).hasMessageNotContaining(key(2));
    }

    @Test
    void aSharedDatabaseNeedsTheKeyFromTheEnvironment() {
        Map<String, String> env = new HashMap<>(Map.of("WHARF_STORAGE_METADATA", "postgres",
                "WHARF_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/none"));
        assertThatThrownBy(() -> open(env)).isInstanceOf(ConfigException.class).hasMessageContaining("set WHARF_MASTER_KEY");
        assertThat(Files.exists(dir.resolve("master.key"))).as("no node-local key file is made for a shared database").isFalse();
    }
}
