package dev.wharf.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveRestoreDelayConfigTest {
    private static final ConfigLoader.Flags NO_FLAGS = new ConfigLoader.Flags(null, null, null, null);

    @Test
    void aRestoreTakesTwentyMinutesUnlessTheOperatorSaysOtherwise() {
        assertThat(new ConfigLoader(Map.of()).load(NO_FLAGS).lifecycle().archiveRestoreDelay()).isEqualTo(Duration.ofMinutes(20));
        assertThat(new ConfigLoader(Map.of("WHARF_ARCHIVE_RESTORE_DELAY", "90s")).load(NO_FLAGS).lifecycle().archiveRestoreDelay())
                .isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aNegativeRestoreDelayIsRefused() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("WHARF_ARCHIVE_RESTORE_DELAY", "-1m")).load(NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("archiveRestoreDelay");
    }
}
