package dev.wharf.registry;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait before a copy's next attempt: retryBase doubled per attempt made, capped at retryMax, never overflowing. */
class ReplicationBackoffTest {
    private static final Replication.Retry RETRY = new Replication.Retry(Duration.ofSeconds(5), Duration.ofMinutes(10), 10);

    @ParameterizedTest(name = "after attempt {0}: {1} s")
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "7, 320", "8, 600", "9, 600", "40, 600", "2147483647, 600"})
    void theWaitDoublesUpToTheMaximum(int attempts, long seconds) {
        assertThat(Replication.backoff(RETRY, attempts)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
