package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link EventOutbox} promises; each backend's test extends this class. */
abstract class EventOutboxContract {
    protected EventOutbox outbox;

    /** A fresh, empty outbox. */
    protected abstract EventOutbox open() throws Exception;

    protected abstract void closeStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        outbox = open();
    }

    @AfterEach
    void tearDown() throws Exception {
        assertThat(outbox.pending()).as("a test left deliveries behind").isZero();
        closeStore();
    }

    private void drain() {
        for (EventOutbox.Delivery d : outbox.claim(Long.MAX_VALUE - 1, Long.MAX_VALUE, 1000)) outbox.delivered(d.id());
    }

    @Test
    void anEventIsKeptOncePerReceiver() {
        outbox.enqueue("e1", "{}", List.of("http://a/hook", "http://b/hook"), 1000);
        assertThat(outbox.pending()).isEqualTo(2);
        List<EventOutbox.Delivery> due = outbox.claim(1000, 2000, 10);
        assertThat(due).extracting(EventOutbox.Delivery::target).containsExactlyInAnyOrder("http://a/hook", "http://b/hook");
        assertThat(due).allSatisfy(d -> {
            assertThat(d.eventId()).isEqualTo("e1");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.createdAt()).isEqualTo(1000);
        });
        due.forEach(d -> outbox.delivered(d.id()));
    }

    @Test
    void aClaimedDeliveryIsNotHandedOutAgainBeforeItsLeaseEnds() {
        outbox.enqueue("e1", "{}", List.of("http://a/hook"), 1000);
        assertThat(outbox.claim(1000, 5000, 10)).hasSize(1);
        assertThat(outbox.claim(4999, 9999, 10)).isEmpty();
        List<EventOutbox.Delivery> again = outbox.claim(5000, 9000, 10);
        assertThat(again).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(2));
        drain();
    }

    @Test
    void aFailedDeliveryIsDueAgainAtItsRetryTimeAndNotBefore() {
        outbox.enqueue("e1", "{}", List.of("http://a/hook"), 1000);
        EventOutbox.Delivery d = outbox.claim(1000, 60_000, 10).get(0);
        outbox.retryAt(d.id(), 3000, "HTTP 500");
        assertThat(outbox.claim(2999, 60_000, 10)).isEmpty();
        assertThat(outbox.claim(3000, 60_000, 10)).singleElement().satisfies(x -> assertThat(x.body()).isEqualTo("{}"));
        drain();
    }

    @Test
    void deliveredAndDroppedDeliveriesAreGone() {
        outbox.enqueue("e1", "{\"a\":1}", List.of("http://a/hook"), 1000);
        outbox.enqueue("e2", "{\"a\":2}", List.of("http://a/hook"), 1001);
        List<EventOutbox.Delivery> due = outbox.claim(2000, 3000, 10);
        assertThat(due).extracting(EventOutbox.Delivery::eventId).containsExactly("e1", "e2");
        outbox.delivered(due.get(0).id());
        outbox.drop(due.get(1).id());
        assertThat(outbox.pending()).isZero();
        assertThat(outbox.claim(Long.MAX_VALUE - 1, Long.MAX_VALUE, 10)).isEmpty();
    }

    @Test
    void aClaimTakesNoMoreThanItsLimitOldestFirst() {
        for (int i = 0; i < 5; i++) outbox.enqueue("e" + i, "{}", List.of("http://a/hook"), 1000 + i);
        assertThat(outbox.claim(2000, 3000, 2)).extracting(EventOutbox.Delivery::eventId).containsExactly("e0", "e1");
        assertThat(outbox.claim(2000, 3000, 10)).extracting(EventOutbox.Delivery::eventId).containsExactly("e2", "e3", "e4");
        drain();
    }
}
