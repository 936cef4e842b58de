package dev.wharf.registry;

import dev.wharf.storage.meta.GcStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A named lease row in the shared database, held by one holder (node or process) at a time. Two
 * uses:
 * <ul>
 *   <li>{@link Exclusive}: {@link #run} takes the lease before the task and gives it back after,
 *       so that one garbage collection runs in a deployment at a time;</li>
 *   <li>one runner for a deployment's scheduled work: every node calls {@link #renew} regularly
 *       (well within {@code lease}); the holder keeps the lease and runs the work, the others are
 *       refused until it gives the lease back ({@link #release}, a node stopping) or stops renewing
 *       it (a node that died), when the next node to renew after the lease lapsed takes over.</li>
 * </ul>
 * A holder that dies leaves a lease that lapses after {@code lease}; a task longer than that must
 * renew it ({@link #renew}), which {@link GarbageCollector} does between batches.
 */
public final class LeaseExclusive implements Exclusive {
    private final GcStore store;
    private final String name;
    private final Duration lease;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();
    /** When this holder last took or extended the lease (epoch millis), so {@link #holds} writes at most every quarter lease. */
    private volatile long renewedAt = Long.MIN_VALUE;

    public LeaseExclusive(GcStore store, String name, Duration lease, Clock clock) {
        this.store = store;
        this.name = name;
        this.lease = lease;
        this.clock = clock;
    }

    @Override
    public <T> Optional<T> run(Supplier<T> task) {
        if (!renew()) return Optional.empty();
        try {
            return Optional.ofNullable(task.get());
        } finally {
            store.releaseLease(name, holder);
        }
    }

    /**
     * Takes the lease when it is free or lapsed, or extends it when this holder has it.
     * @return true when this holder has the lease now; false when another holder has it
     */
    public boolean renew() {
        long now = clock.millis();
        boolean held = store.acquireLease(name, holder, now, now + lease.toMillis());
        if (held) renewedAt = now;
        return held;
    }

    /** Extends the lease once a quarter of it has passed since the last renewal (one write, not one per step). */
    @Override
    public boolean holds() {
        long last = renewedAt;
        if (last != Long.MIN_VALUE && clock.millis() - last < lease.toMillis() / 4) return true;
        return renew();
    }

    /** Gives the lease back if this holder has it, so that another holder may take it at once. */
    public void release() {
        store.releaseLease(name, holder);
    }
}
