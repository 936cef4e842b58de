package dev.wharf.registry;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a task on at most one node (and one process) at a time: one garbage collection for a
 * whole cluster. {@link LeaseExclusive} does it with a lease row in the metadata database, which
 * works on every database and across processes sharing a data directory; a PostgreSQL deployment
 * may use an advisory lock instead.
 */
public interface Exclusive {

    /** Runs {@code task} when no other holder runs it now; empty (nothing run) otherwise. */
    <T> Optional<T> run(Supplier<T> task);

    /**
     * Called by a long task between its steps: keeps its exclusivity alive (a lease is extended) and
     * says whether it still has it; a task told false stops, and the holder now running it goes on.
     */
    default boolean holds() {
        return true;
    }
}
