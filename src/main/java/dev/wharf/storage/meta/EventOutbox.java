package dev.wharf.storage.meta;

import java.util.List;

/**
 * The durable outbox of image events: each event is kept once per receiver until it is delivered
 * or given up. Shared by every node; a delivery is taken with a lease, so two nodes do not send
 * the same one at once (a node that dies mid-delivery leaves it to be sent again when the lease
 * ends: delivery is at least once).
 */
public interface EventOutbox {

    /** One event for one receiver. {@code attempts} counts this one when returned by {@link #claim}. */
    record Delivery(long id, String eventId, String target, String body, long createdAt, int attempts) {}

    /** Stores {@code body} for each of {@code targets}, due at once. */
    void enqueue(String eventId, String body, List<String> targets, long now);

    /**
     * Takes up to {@code limit} deliveries due at {@code now} (oldest first), counting an attempt and
     * leasing each until {@code leaseUntil}: none of them is returned again before then unless
     * {@link #retryAt} says so.
     */
    List<Delivery> claim(long now, long leaseUntil, int limit);

    /** The receiver took it: forget it. */
    void delivered(long id);

    /** The attempt failed: due again at {@code at}. {@code error} is kept for operators (no secrets). */
    void retryAt(long id, long at, String error);

    /** Given up (too old): forget it. */
    void drop(long id);

    /** Deliveries not yet made, all receivers together. */
    long pending();
}
