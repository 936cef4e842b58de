package dev.wharf.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A bounded wait for work that a real background thread of the server does on its own schedule
 * (where the test cannot simply move a {@link MutableClock}). Fails naming what never happened.
 */
public final class Await {
    private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

    private Await() {
    }

    /** Returns once {@code condition} holds; throws if it still does not after {@code limit}. */
    public static void until(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(what + ": still not so after " + limit);
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) throw new AssertionError(what + ": interrupted while waiting");
        }
    }
}
