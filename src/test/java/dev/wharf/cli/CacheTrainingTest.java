package dev.wharf.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class-data cache's training session ({@code wharf train-cache}) against the server as built:
 * every push, pull and API call of it must be answered as a client expects, or {@code bin/wharf}
 * would run without a trained cache (LauncherTest covers the recording itself).
 */
@Tag("slow") // a whole session, ~10 s: in bin/test, not in the inner loop (bin/test --fast)
class CacheTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void theSessionPassesAgainstTheServerAndRemovesItsScratchDirectory() throws IOException {
        assertThat(CacheTraining.run(tmp)).isZero();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("left under the scratch parent").isEmpty();
        }
    }

    @Test
    void aSessionThatCannotMakeItsScratchDirectoryFails() {
        assertThat(CacheTraining.run(tmp.resolve("missing"))).isEqualTo(1);
    }

    @Test
    void theServerItTrainsOnIsAThrowawayOneOnFreeLoopbackPortsWithAKeyOfItsOwn() {
        Map<String, String> a = CacheTraining.settings(tmp);
        assertThat(a).containsEntry("WHARF_DATA_DIR", tmp.toString()).containsEntry("WHARF_HOST", "127.0.0.1")
                .containsEntry("WHARF_PORT", "0").containsEntry("WHARF_MANAGEMENT_HOST", "127.0.0.1")
                .containsEntry("WHARF_MANAGEMENT_PORT", "0");
        assertThat(a.get("WHARF_BOOTSTRAP_SECRET_ACCESS_KEY")).hasSize(40)
                .isNotEqualTo(CacheTraining.settings(tmp).get("WHARF_BOOTSTRAP_SECRET_ACCESS_KEY"));
    }
}
