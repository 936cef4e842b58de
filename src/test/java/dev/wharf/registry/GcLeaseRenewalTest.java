package dev.wharf.registry;

import dev.wharf.storage.blob.Digest;
import dev.wharf.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A long collection keeps its lease between steps, so a second collector does not start the same
 * pass beside it; a pass whose lease was taken over (it was paused longer than the lease) stops.
 */
class GcLeaseRenewalTest {
    private static final Duration LEASE = Duration.ofHours(1);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();

    @Test
    void aTaskThatAsksBetweenStepsKeepsTheLeasePastItsLength() {
        try (GcFixture f = new GcFixture(dir, clock)) {
            LeaseExclusive first = new LeaseExclusive(f.meta, "gc", LEASE, clock);
            LeaseExclusive second = new LeaseExclusive(f.meta, "gc", LEASE, clock);
            Optional<Boolean> ran = first.run(() -> {
                for (int step = 0; step < 6; step++) {
                    clock.advance(Duration.ofMinutes(20)); // two hours in all, twice the lease
                    assertThat(first.holds()).as("step " + step).isTrue();
                    assertThat(second.renew()).as("the other collector at step " + step).isFalse();
                }
                return true;
            });
            assertThat(ran).contains(true);
            assertThat(second.renew()).as("once the long task gave the lease back").isTrue();
        }
    }

    @Test
    void aHolderWhoseLeaseLapsedAndWasTakenNoLongerHoldsIt() {
        try (GcFixture f = new GcFixture(dir, clock)) {
            LeaseExclusive paused = new LeaseExclusive(f.meta, "gc", LEASE, clock);
            LeaseExclusive other = new LeaseExclusive(f.meta, "gc", LEASE, clock);
            assertThat(paused.renew()).isTrue();
            clock.advance(LEASE.plusSeconds(1));
            assertThat(other.renew()).isTrue();
            assertThat(paused.holds()).isFalse();
        }
    }

    @Test
    void aPassThatLostItsExclusivityStopsBeforeItsNextStepAndTheNextPassFinishesTheWork() throws Exception {
        try (GcFixture f = new GcFixture(dir, clock)) {
            f.createRepository("app");
            Digest orphan = f.pushBlob("app", GcFixture.bytes("a layer no manifest ever names"));
            clock.advance(Duration.ofSeconds(1)); // garbage before the pass began
            Exclusive lost = new Exclusive() {
                @Override
                public <T> Optional<T> run(Supplier<T> task) {
                    return Optional.ofNullable(task.get());
                }

                @Override
                public boolean holds() {
                    return false;
                }
            };
            GarbageCollector stopped = new GarbageCollector(f.meta, f.store, clock, lost);
            assertThatThrownBy(() -> stopped.run(Duration.ZERO, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("took over");
            assertThat(f.store.size(orphan)).as("nothing was deleted by the stopped pass").isPresent();

            GarbageCollector.Report r = f.gc(Duration.ZERO);
            assertThat(r.blobs()).isEqualTo(1);
            assertThat(f.store.size(orphan)).isEmpty();
            assertThat(r.ran()).isTrue();
        }
    }
}
