package dev.wharf.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's switch for plain http upstreams: off by default (ECR's HTTPS only), on from the file or the environment. */
class PullThroughCacheConfigTest {
    @TempDir
    Path dir;

    @Test
    void plainHttpUpstreamsAreRefusedUnlessTheOperatorAllowsThem() {
        assertThat(new ConfigLoader(Map.of()).load(ConfigLoader.Flags.none()).pullThroughCache().allowHttp()).isFalse();
        assertThat(new ConfigLoader(Map.of("WHARF_PULL_THROUGH_CACHE_ALLOW_HTTP", "true")).load(ConfigLoader.Flags.none())
                .pullThroughCache().allowHttp()).isTrue();
    }

    @Test
    void theSwitchIsReadFromTheConfigurationFileAndTheEnvironmentWins() throws Exception {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "pullThroughCache:\n  allowHttp: true\n");
        ConfigLoader.Flags flags = new ConfigLoader.Flags(null, null, null, file);

        assertThat(new ConfigLoader(Map.of()).load(flags).pullThroughCache().allowHttp()).isTrue();
        assertThat(new ConfigLoader(Map.of("WHARF_PULL_THROUGH_CACHE_ALLOW_HTTP", "false")).load(flags).pullThroughCache().allowHttp())
                .isFalse();
    }
}
