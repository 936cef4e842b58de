package dev.wharf.storage.meta;

import dev.wharf.storage.meta.ReplicationStore.Destination;
import dev.wharf.storage.meta.ReplicationStore.ReplicationItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Every promise of {@link ReplicationStore}, for every backend (and the caching decorator). */
public abstract class ReplicationStoreContract {
    protected static final String ACCOUNT = "111122223333";
    protected static final String OTHER = "444455556666";
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final Destination WEST = new Destination("us-west-2", ACCOUNT);
    private static final Destination CROSS = new Destination("us-east-1", OTHER);
    protected MetadataStore meta;

    /** A new, empty, migrated store, private to one test. */
    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        meta = newStore();
        meta.createAccount(new Rows.Account(ACCOUNT, true, 1), new Rows.AccessKey("AKIAROOT0000000000001", ACCOUNT, null, "enc", "Active", 1));
        meta.createAccount(new Rows.Account(OTHER, false, 1), new Rows.AccessKey("AKIAROOT0000000000002", OTHER, null, "enc", "Active", 1));
    }

    @AfterEach
    void close() {
        meta.close();
    }

    @Test
    void aConfigurationIsKeptPerRegistryAndReplaced() {
        assertThat(meta.replicationConfiguration(ACCOUNT)).isEmpty();
        meta.putReplicationConfiguration(ACCOUNT, "{\"rules\":[]}", 1);
        meta.putReplicationConfiguration(ACCOUNT, "{\"rules\":[1]}", 2);
        assertThat(meta.replicationConfiguration(ACCOUNT)).contains("{\"rules\":[1]}");
        assertThat(meta.replicationConfiguration(OTHER)).isEmpty();
    }

    @Test
    void queuedItemsAreClaimedOnceUntilTheClaimLapses() {
        meta.enqueueReplications(ACCOUNT, "app", DIGEST, "v1", List.of(WEST, CROSS), 10);
        assertThat(meta.pendingReplications()).isEqualTo(2);

        List<ReplicationItem> first = meta.claimReplications("node-a", 10, 100, 10);
        assertThat(first).hasSize(2).allSatisfy(i -> {
            assertThat(i.attempts()).isEqualTo(1);
            assertThat(i.tag()).isEqualTo("v1");
            assertThat(i.status()).isEqualTo(ReplicationStore.IN_PROGRESS);
        });
        assertThat(first).extracting(ReplicationItem::destination).containsExactlyInAnyOrder(WEST, CROSS);
        assertThat(meta.claimReplications("node-b", 50, 200, 10)).isEmpty();
        // node-a went silent: once its claim lapses another node takes the items
        List<ReplicationItem> again = meta.claimReplications("node-b", 101, 200, 10);
        assertThat(again).hasSize(2).allSatisfy(i -> assertThat(i.attempts()).isEqualTo(2));
        assertThat(meta.finishReplication(first.get(0).id(), "node-a", ReplicationStore.COMPLETE, null, 102)).isFalse();
    }

    @Test
    void aRenewedClaimKeepsTheItemAndOnlyItsHolderMayRenewIt() {
        meta.enqueueReplications(ACCOUNT, "app", DIGEST, "v1", List.of(WEST), 10);
        ReplicationItem item = meta.claimReplications("node-a", 10, 100, 10).get(0);
        assertThat(meta.renewReplication(item.id(), "node-a", 300)).isTrue();
        assertThat(meta.renewReplication(item.id(), "node-b", 400)).isFalse();
        assertThat(meta.claimReplications("node-b", 200, 500, 10)).isEmpty();
        assertThat(meta.claimReplications("node-b", 301, 500, 10)).hasSize(1);
        assertThat(meta.renewReplication(item.id(), "node-a", 600)).isFalse();
    }

    @Test
    void aFinishedItemKeepsItsOutcomeAndIsNotClaimedAgain() {
        meta.enqueueReplications(ACCOUNT, "app", DIGEST, null, List.of(WEST, CROSS), 10);
        List<ReplicationItem> items = meta.claimReplications("w", 10, 100, 10);
        ReplicationItem west = items.stream().filter(i -> i.destination().equals(WEST)).findFirst().orElseThrow();
        ReplicationItem cross = items.stream().filter(i -> i.destination().equals(CROSS)).findFirst().orElseThrow();
        assertThat(meta.finishReplication(west.id(), "w", ReplicationStore.COMPLETE, null, 20)).isTrue();
        assertThat(meta.finishReplication(cross.id(), "w", ReplicationStore.FAILED, "ACCESS_DENIED", 21)).isTrue();

        assertThat(meta.claimReplications("w", 1_000, 2_000, 10)).isEmpty();
        assertThat(meta.pendingReplications()).isZero();
        assertThat(meta.replicationItems(ACCOUNT, "app", DIGEST)).extracting(ReplicationItem::destination, ReplicationItem::status,
                ReplicationItem::failureCode, ReplicationItem::tag).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(WEST, "COMPLETE", null, null),
                org.assertj.core.groups.Tuple.tuple(CROSS, "FAILED", "ACCESS_DENIED", null));
        assertThat(meta.replicationItems(ACCOUNT, "other", DIGEST)).isEmpty();
    }

    @Test
    void aRetriedItemIsDueAgainOnlyAtItsTime() {
        meta.enqueueReplications(ACCOUNT, "app", DIGEST, "v1", List.of(WEST), 10);
        ReplicationItem item = meta.claimReplications("w", 10, 100, 10).get(0);
        assertThat(meta.retryReplication(item.id(), "w", 500, "connection refused", 11)).isTrue();
        assertThat(meta.claimReplications("w", 499, 1_000, 10)).isEmpty();
        assertThat(meta.claimReplications("w", 500, 1_000, 10)).extracting(ReplicationItem::attempts).containsExactly(2);
        assertThat(meta.retryReplication(item.id(), "someone-else", 600, "x", 12)).isFalse();
    }

    @Test
    void pushingTheSameImageAgainStartsItsItemOverAndVoidsTheOldClaim() {
        meta.enqueueReplications(ACCOUNT, "app", DIGEST, "v1", List.of(WEST), 10);
        ReplicationItem item = meta.claimReplications("w", 10, 100, 10).get(0);
        meta.enqueueReplications(ACCOUNT, "app", DIGEST, "v1", List.of(WEST), 20);

        assertThat(meta.finishReplication(item.id(), "w", ReplicationStore.COMPLETE, null, 21)).isFalse();
        assertThat(meta.replicationItems(ACCOUNT, "app", DIGEST)).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo("IN_PROGRESS"));
        assertThat(meta.claimReplications("x", 20, 100, 10)).extracting(ReplicationItem::attempts).containsExactly(1);
    }

    @Test
    void concurrentClaimersNeverTakeTheSameItem() throws Exception {
        List<Destination> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) many.add(new Destination("us-west-" + i, ACCOUNT));
        meta.enqueueReplications(ACCOUNT, "app", DIGEST, "v1", many, 10);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<ReplicationItem>>> claims = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "w" + w;
                claims.add(pool.submit(() -> {
                    start.await();
                    List<ReplicationItem> mine = new ArrayList<>();
                    for (int round = 0; round < 10; round++) mine.addAll(meta.claimReplications(worker, 10, 100, 3));
                    return mine;
                }));
            }
            start.countDown();
            List<Long> ids = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<ReplicationItem>> f : claims) f.get().forEach(i -> ids.add(i.id()));
            assertThat(ids).hasSize(20).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletingAnAccountRemovesItsConfigurationAndQueue() {
        meta.putReplicationConfiguration(OTHER, "{}", 1);
        meta.enqueueReplications(OTHER, "app", DIGEST, null, List.of(WEST), 1);
        meta.deleteAccount(OTHER);
        assertThat(meta.replicationConfiguration(OTHER)).isEmpty();
        assertThat(meta.pendingReplications()).isZero();
    }
}
