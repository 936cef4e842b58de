package dev.wharf.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's replication worker: one thread that copies due items of the shared queue
 * ({@link Replication#runDue}) until none is due, then sleeps for the poll interval or until a push
 * queues new work here. Other nodes run their own; the queue's claims keep them from copying the
 * same item at once.
 */
public final class ReplicationWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationWorker.class);

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Replication replication;
    private final Duration pollInterval;
    /** Names this worker's claims: unique per process, so a restarted node does not mistake an old claim for its own. */
    private final String id = "worker-" + UUID.randomUUID();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean pending;
    private volatile boolean running;
    private Thread thread;

    public ReplicationWorker(Replication replication, Duration pollInterval) {
        this.replication = replication;
        this.pollInterval = pollInterval;
        replication.onQueued(this::wake);
    }

    public synchronized void start() {
        if (thread != null) return;
        running = true;
        thread = new Thread(this::loop, "wharf-replication");
        thread.setDaemon(true);
        thread.start();
    }

    /** New work was queued: look at once rather than at the next poll. */
    public void wake() {
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            int taken = 0;
            try {
                taken = replication.runDue(id);
            } catch (RuntimeException e) {
                LOG.warn("replication: reading the queue failed; trying again at the next poll: {}", e.toString());
            }
            if (taken == 0 && !sleep()) return;
        }
    }

    /** Waits for the poll interval or a wake-up; false when the worker is stopping. */
    private boolean sleep() {
        lock.lock();
        try {
            long nanos = pollInterval.toNanos();
            while (!pending && running && nanos > 0) nanos = woken.awaitNanos(nanos);
            pending = false;
            return running;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops once the items in hand are copied (or have failed), so that a stopped node leaves no claim
     * behind; one still running after {@code STOP_WAIT} keeps its claims until they lapse.
     */
    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        if (thread == null) return;
        wake();
        thread.join(STOP_WAIT.toMillis());
        thread = null;
    }
}
