package dev.wharf.limits;

import dev.wharf.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token buckets per account and operation, on a clock the test moves by hand (no sleeps, no timing). */
class ThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    private Throttle throttle(Map<String, Rate> configured, Throttle.Overrides overrides) {
        return new Throttle(true, RateTable.withOverrides(configured, null), overrides, clock);
    }

    @Test
    void aBurstIsAdmittedAtOnceAndTheNextRequestWaitsOneInterval() {
        Throttle t = throttle(Map.of("PutImage", new Rate(2, 3)), Throttle.Overrides.NONE);
        for (int i = 0; i < 3; i++) assertThat(t.acquire("111122223333", "ecr", "PutImage")).isZero();
        long wait = t.acquire("111122223333", "ecr", "PutImage");
        assertThat(wait).isEqualTo(Duration.ofMillis(500).toNanos());
        clock.advance(Duration.ofMillis(499));
        assertThat(t.acquire("111122223333", "ecr", "PutImage")).isEqualTo(Duration.ofMillis(1).toNanos());
        clock.advance(Duration.ofMillis(1));
        assertThat(t.acquire("111122223333", "ecr", "PutImage")).isZero();
        assertThat(t.throttled()).isEqualTo(2);
    }

    @Test
    void theSustainedRateIsAdmittedForeverWithoutThrottling() {
        Throttle t = throttle(Map.of("BatchGetImage", new Rate(10, 1)), Throttle.Overrides.NONE);
        for (int i = 0; i < 1000; i++) {
            assertThat(t.acquire("111122223333", "ecr", "BatchGetImage")).as("request %d", i).isZero();
            clock.advance(Duration.ofMillis(100));
        }
    }

    @Test
    void accountsAndOperationsHaveBucketsOfTheirOwn() {
        Throttle t = throttle(Map.of("PutImage", new Rate(1, 1)), Throttle.Overrides.NONE);
        assertThat(t.acquire("111122223333", "ecr", "PutImage")).isZero();
        assertThat(t.acquire("111122223333", "ecr", "PutImage")).isPositive();
        assertThat(t.acquire("444455556666", "ecr", "PutImage")).isZero();
        assertThat(t.acquire("111122223333", "ecr", "BatchGetImage")).isZero();
    }

    @Test
    void anAccountOverrideReplacesTheDefaultAndAChangeHoldsAtTheNextCall() {
        Map<String, Rate> rows = new ConcurrentHashMap<>(Map.of("PUT_IMAGE", new Rate(1, 1)));
        Throttle t = throttle(Map.of(), account -> account.equals("111122223333") ? Map.copyOf(rows) : Map.of());
        assertThat(t.rate("111122223333", "ecr", "PutImage")).isEqualTo(new Rate(1, 1));
        assertThat(t.rate("444455556666", "ecr", "PutImage")).isEqualTo(Rate.of(10));
        rows.put("PUT_IMAGE", new Rate(5, 7));
        assertThat(t.rate("111122223333", "ecr", "PutImage")).isEqualTo(new Rate(5, 7));
    }

    @Test
    void ecrsPublishedRatesAreTheDefaultsAndUnpublishedOperationsShareOneRate() {
        RateTable d = RateTable.defaults();
        assertThat(d.rate("ecr", "BatchCheckLayerAvailability")).isEqualTo(Rate.of(1000));
        assertThat(d.rate("ecr", "BatchGetImage")).isEqualTo(Rate.of(2000));
        assertThat(d.rate("ecr", "CompleteLayerUpload")).isEqualTo(Rate.of(100));
        assertThat(d.rate("ecr", "GetAuthorizationToken")).isEqualTo(Rate.of(500));
        assertThat(d.rate("ecr", "GetDownloadUrlForLayer")).isEqualTo(Rate.of(3000));
        assertThat(d.rate("ecr", "InitiateLayerUpload")).isEqualTo(Rate.of(100));
        assertThat(d.rate("ecr", "PutImage")).isEqualTo(Rate.of(10));
        assertThat(d.rate("ecr", "UploadLayerPart")).isEqualTo(Rate.of(500));
        assertThat(d.rate("cloudtrail", "LookupEvents")).isEqualTo(Rate.of(2));
        assertThat(d.rate("ecr", "DescribeRepositories")).isEqualTo(Rate.of(RateTable.UNPUBLISHED_DEFAULT));
        assertThat(RateTable.withOverrides(Map.of(), new Rate(3, 4)).rate("iam", "CreateUser")).isEqualTo(new Rate(3, 4));
    }

    @Test
    void aDisabledThrottleAdmitsEverything() {
        Throttle t = new Throttle(false, RateTable.withOverrides(Map.of("PutImage", new Rate(1, 1)), null), Throttle.Overrides.NONE, clock);
        for (int i = 0; i < 100; i++) assertThat(t.acquire("111122223333", "ecr", "PutImage")).isZero();
        assertThat(t.buckets()).isZero();
    }

    @Test
    void fullBucketsAreForgottenSoManyAccountsCostNoLastingMemory() {
        Throttle t = throttle(Map.of(), Throttle.Overrides.NONE);
        for (int i = 0; i < Throttle.MAX_BUCKETS; i++) t.acquire(String.format("%012d", i), "ecr", "BatchGetImage");
        assertThat(t.buckets()).isEqualTo(Throttle.MAX_BUCKETS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.acquire("999999999999", "ecr", "BatchGetImage")).isZero();
        assertThat(t.buckets()).isEqualTo(1);
        assertThat(t.untracked()).isZero();
    }

    @Test
    void whenEveryBucketIsBusyANewAccountIsAdmittedUntrackedRatherThanGrowingTheMap() {
        Throttle t = throttle(Map.of("BatchGetImage", new Rate(1, 1)), Throttle.Overrides.NONE);
        for (int i = 0; i < Throttle.MAX_BUCKETS; i++) t.acquire(String.format("%012d", i), "ecr", "BatchGetImage");
        assertThat(t.acquire("999999999999", "ecr", "BatchGetImage")).isZero();
        assertThat(t.buckets()).isEqualTo(Throttle.MAX_BUCKETS);
        assertThat(t.untracked()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10      | 10 | 10",
            "1/2     | 1  | 2",
            " 5 / 20 | 5  | 20"})
    void ratesAreWrittenRateOrRateSlashBurst(String text, int rate, int burst) {
        assertThat(Rate.parse(text)).isEqualTo(new Rate(rate, burst));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"fast", "0", "1/0", "-1/2", "1.5", "2000000"})
    void aBadRateIsRefusedWithTheReason(String text) {
        assertThatThrownBy(() -> Rate.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(".*(not a rate|must be between).*");
    }

    @Test
    void operationNamesBecomeEnvironmentVariableSuffixes() {
        assertThat(Throttle.upperSnake("GetAuthorizationToken")).isEqualTo("GET_AUTHORIZATION_TOKEN");
        assertThat(Throttle.upperSnake("BatchGetImage")).isEqualTo("BATCH_GET_IMAGE");
    }
}
