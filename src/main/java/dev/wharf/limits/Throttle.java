package dev.wharf.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throttling as AWS applies it: one token bucket per account, per service and per API operation.
 * Rates come from the {@link RateTable} (ECR's published defaults and the operator's configuration),
 * overridden per account by {@link Overrides}.
 *
 * <p>The hot path is one map lookup and one compare-and-set. Memory is bounded: at most
 * {@link #MAX_BUCKETS} buckets are kept; past that, full buckets (which change no answer when
 * forgotten) are swept, and if every bucket is still in use the request is admitted untracked and
 * counted in {@link #untracked()}, so that a flood of distinct accounts costs no memory.
 *
 * <p>The state is in this process: each node throttles on its own (docs/scaling.md).
 */
public final class Throttle {
    /** Buckets kept at most (each is a few dozen bytes). */
    public static final int MAX_BUCKETS = 100_000;
    /**
     * An account's own rates, by operation name (read from the metadata store by the caller's
     * adapter). Asked on every request, so that a change holds at the next one on every node: an
     * adapter that caches must be exact (the metadata cache is, docs/design.md "Caches across nodes").
     */
    @FunctionalInterface
    public interface Overrides {
        Map<String, Rate> forAccount(String accountId);

        Overrides NONE = account -> Map.of();
    }

    private record Key(String account, String service, String operation) {}

    private final boolean enabled;
    private final RateTable table;
    private final Overrides overrides;
    private final Clock clock;
    private final ConcurrentHashMap<Key, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicLong untracked = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    public Throttle(boolean enabled, RateTable table, Overrides overrides, Clock clock) {
        this.enabled = enabled;
        this.table = table;
        this.overrides = overrides;
        this.clock = clock;
    }

    /** A throttle that admits everything. */
    public static Throttle disabled() {
        return new Throttle(false, RateTable.defaults(), Overrides.NONE, Clock.systemUTC());
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Takes one request of {@code operation} (e.g. {@code PutImage}) of {@code service} (e.g.
     * {@code ecr}) for {@code accountId}.
     *
     * @return 0 when the request may go on; otherwise the nanoseconds after which a retry would be admitted
     */
    public long acquire(String accountId, String service, String operation) {
        if (!enabled) return 0;
        long now = nanos();
        Rate rate = rate(accountId, service, operation);
        Key key = new Key(accountId, service, operation);
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= MAX_BUCKETS && !sweep(now)) {
                untracked.incrementAndGet();
                return 0;
            }
            bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(now));
        }
        long wait = bucket.take(now, rate);
        if (wait > 0) throttled.incrementAndGet();
        return wait;
    }

    /** The rate in force for the account's operation: its override, else the table's. */
    public Rate rate(String accountId, String service, String operation) {
        Rate own = normalize(overrides.forAccount(accountId)).get(RateTable.normalize(operation));
        return own != null ? own : table.rate(service, operation);
    }

    private static Map<String, Rate> normalize(Map<String, Rate> rates) {
        if (rates.isEmpty()) return Map.of();
        Map<String, Rate> out = new ConcurrentHashMap<>();
        rates.forEach((op, r) -> out.put(RateTable.normalize(op), r));
        return out;
    }

    /** Forgets full buckets; true when there is room again. Only one thread sweeps at a time. */
    private boolean sweep(long now) {
        if (sweeping.compareAndSet(false, true)) {
            try {
                buckets.values().removeIf(b -> b.idle(now));
            } finally {
                sweeping.set(false);
            }
        }
        return buckets.size() < MAX_BUCKETS;
    }

    /** Requests refused so far. */
    public long throttled() {
        return throttled.get();
    }

    /** Requests admitted without a bucket because the bound was reached. */
    public long untracked() {
        return untracked.get();
    }

    /** Buckets held now. */
    public int buckets() {
        return buckets.size();
    }

    private long nanos() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** {@code GetAuthorizationToken} as an environment variable suffix: {@code GET_AUTHORIZATION_TOKEN}. */
    public static String upperSnake(String operation) {
        return operation.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
