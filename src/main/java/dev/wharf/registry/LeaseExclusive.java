package dev.wharf.registry;

import dev.wharf.storage.meta.GcStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@link Exclusive} with a named lease row: taken before the task, given back after. A holder
 * that dies leaves a lease that lapses after {@code lease}; a task longer than that must renew it
 * ({@link #renew}), which {@link GarbageCollector} does between batches.
 */
public final class LeaseExclusive implements Exclusive {
    private final GcStore store;
    private final String name;
    private final Duration lease;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();

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

    /** Extends the lease while a task runs. @return false when another holder took it (it lapsed) */
    public boolean renew() {
        long now = clock.millis();
        return store.acquireLease(name, holder, now, now + lease.toMillis());
    }
}
