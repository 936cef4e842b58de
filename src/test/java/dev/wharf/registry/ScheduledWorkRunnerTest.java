package dev.wharf.registry;

import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SqliteMetadataStores;
import dev.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One runner for a deployment's scheduled work: the holder of the {@code scheduled-work} lease
 * row. Two nodes are two holders over one database; a node that dies simply stops renewing.
 */
class ScheduledWorkRunnerTest {
    private static final Duration LEASE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private MetadataStore store;
    private LeaseExclusive nodeA;
    private LeaseExclusive nodeB;

    @BeforeEach
    void open() {
        store = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        nodeA = new LeaseExclusive(store, "scheduled-work", LEASE, clock);
        nodeB = new LeaseExclusive(store, "scheduled-work", LEASE, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theFirstNodeToRenewRunsTheWorkAndKeepsItWhileItRenews() {
        assertThat(nodeA.renew()).isTrue();
        assertThat(nodeB.renew()).isFalse();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(15));
            assertThat(nodeA.renew()).as("the runner renews").isTrue();
            assertThat(nodeB.renew()).as("the other node, while the runner renews").isFalse();
        }
    }

    @Test
    void whenTheRunnerDiesAnotherNodeTakesOverOnceItsLeaseHasLapsed() {
        assertThat(nodeA.renew()).isTrue();
        // node A dies: it renews no more
        clock.advance(LEASE);
        assertThat(nodeB.renew()).as("at the end of the lease").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(nodeB.renew()).as("after the lease lapsed").isTrue();
        assertThat(nodeA.renew()).as("node A, back, finds another runner").isFalse();
    }

    @Test
    void aRunnerThatStopsHandsTheWorkOverAtOnce() {
        assertThat(nodeA.renew()).isTrue();
        nodeA.release();
        assertThat(nodeB.renew()).isTrue();
        assertThat(nodeA.renew()).isFalse();
    }

    @Test
    void aNodeThatDoesNotHoldTheLeaseCannotGiveItBack() {
        assertThat(nodeA.renew()).isTrue();
        nodeB.release();
        assertThat(nodeB.renew()).isFalse();
    }
}
