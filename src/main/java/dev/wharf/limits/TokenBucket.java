package dev.wharf.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket, kept as the generic cell rate algorithm's single number: the theoretical
 * arrival time (TAT) of the next request at the sustained rate. A request at {@code now} is
 * admitted when {@code TAT - now} leaves room for it within the burst, and then moves TAT one
 * interval on. One compare-and-set per request, no lock, no background refill; a bucket whose TAT
 * has passed is full and can be forgotten without changing any answer.
 */
final class TokenBucket {
    private final AtomicLong tat;

    TokenBucket(long now) {
        this.tat = new AtomicLong(now);
    }

    /**
     * Takes one token at {@code now} (nanoseconds on the throttle's time line).
     *
     * @return 0 when admitted, otherwise the nanoseconds until a token is available (at least 1)
     */
    long take(long now, Rate rate) {
        long interval = rate.intervalNanos();
        long tolerance = interval * (rate.burst() - 1);
        while (true) {
            long current = tat.get();
            long base = Math.max(current, now);
            long wait = base - tolerance - now;
            if (wait > 0) return wait;
            if (tat.compareAndSet(current, base + interval)) return 0;
        }
    }

    /** True when the bucket is full at {@code now}: forgetting it changes nothing. */
    boolean idle(long now) {
        return tat.get() <= now;
    }
}
