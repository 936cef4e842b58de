package dev.wharf.cli;

import dev.wharf.registry.LeaseExclusive;
import dev.wharf.storage.meta.GcStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which node of a deployment runs its scheduled work (lifecycle policies, upload and session
 * expiry, audit pruning, garbage collection): the holder of the {@code scheduled-work} lease row
 * (docs/design.md, "Scheduled work: one runner"). Every node renews or tries to take the lease on a
 * thread of its own, so that a long job never lets it lapse, and again before each job; a node
 * that stops gives it back, a node that dies lets it lapse.
 */
final class ScheduledWorkRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledWorkRunner.class);
    /** How long the runner may go silent before another node takes over. */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** How often every node renews or tries to take the lease: well within the lease. */
    static final Duration RENEWAL = Duration.ofSeconds(15);

    private final LeaseExclusive lease;
    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wharf-runner-lease");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean held;

    ScheduledWorkRunner(GcStore store, Clock clock) {
        this.lease = new LeaseExclusive(store, "scheduled-work", LEASE, clock);
    }

    /** Renews the lease every {@link #RENEWAL} from now on. */
    void start() {
        renewal.scheduleWithFixedDelay(this::renew, RENEWAL.toMillis(), RENEWAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes or renews the lease; true while this node runs the scheduled work. A database that
     * cannot be reached counts as not holding it: another node may take over.
     */
    boolean renew() {
        boolean now;
        try {
            now = lease.renew();
        } catch (RuntimeException e) {
            LOG.warn("renewing the lease for scheduled work failed: {}", e.toString());
            now = false;
        }
        if (now != held) {
            LOG.info(now ? "this node now runs the scheduled work (lifecycle policies, expiry, garbage collection)"
                    : "another node now runs the scheduled work");
        }
        held = now;
        return now;
    }

    /** {@code job}, run only when this node holds the lease at that moment (renewed first). */
    Runnable ifRunner(Runnable job) {
        return () -> {
            if (renew()) job.run();
        };
    }

    /** Whether this node ran the scheduled work as of its last renewal. */
    boolean runs() {
        return held;
    }

    /** Stops renewing and gives the lease back, so that another node takes over at once rather than after the lease. */
    @Override
    public void close() {
        renewal.shutdownNow();
        if (!held) return;
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.warn("giving back the lease for scheduled work failed; another node takes over when it lapses: {}", e.toString());
        }
    }
}
