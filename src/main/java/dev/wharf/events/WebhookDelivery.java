package dev.wharf.events;

import dev.wharf.storage.meta.EventOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the outbox's deliveries as JSON POSTs, at least once: a 2xx answer removes a delivery;
 * anything else (an error status, a refused connection, a timeout) schedules it again after an
 * exponential backoff with jitter (1 s, 2 s, 4 s, ... capped at 5 minutes), until it is older than
 * {@code maxAge} (default 24 hours, EventBridge's own retry window). Pending deliveries survive
 * restarts: they are rows, and the loop starts by sending whatever is due.
 */
public final class WebhookDelivery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Longer than a delivery can take, so a lease ends only when its node died mid-delivery. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    /** How often the loop looks for due retries when nothing wakes it. */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int BATCH = 32;

    private final EventOutbox outbox;
    private final Duration maxAge;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean nudged;
    private volatile boolean running;
    private Thread loop;

    public WebhookDelivery(EventOutbox outbox, Duration maxAge, Clock clock) {
        this.outbox = outbox;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public void start() {
        running = true;
        loop = Thread.ofPlatform().name("wharf-webhooks").daemon(true).start(this::run);
    }

    /** Something was stored: look now rather than at the next poll. */
    public void wake() {
        lock.lock();
        try {
            nudged = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                int sent = deliverDue();
                if (sent == BATCH) continue;
                lock.lock();
                try {
                    if (!nudged) work.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    nudged = false;
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("webhook delivery loop: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    /** Sends what is due; returns how many deliveries were taken. */
    int deliverDue() throws InterruptedException {
        long now = clock.millis();
        List<EventOutbox.Delivery> due = outbox.claim(now, now + LEASE.toMillis(), BATCH);
        for (int i = 0; i < due.size(); i++) {
            try {
                deliver(due.get(i));
            } catch (InterruptedException e) {
                // Shutting down: what this node took is due again at once, not when its lease ends.
                for (EventOutbox.Delivery d : due.subList(i, due.size())) outbox.retryAt(d.id(), clock.millis(), "interrupted by shutdown");
                throw e;
            }
        }
        return due.size();
    }

    private void deliver(EventOutbox.Delivery d) throws InterruptedException {
        String failure;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.target())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "wharf-events")
                    .POST(HttpRequest.BodyPublishers.ofString(d.body())).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                outbox.delivered(d.id());
                return;
            }
            failure = "HTTP " + status;
        } catch (java.io.IOException e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        long now = clock.millis();
        if (now - d.createdAt() > maxAge.toMillis()) {
            LOG.warn("image event {} given up for {} after {} attempts ({}): older than {}", d.eventId(), safe(d.target()), d.attempts(),
                    failure, maxAge);
            outbox.drop(d.id());
        } else {
            long delay = backoff(d.attempts());
            if (d.attempts() == 1) {
                LOG.info("image event {} to {} failed ({}); retrying with backoff", d.eventId(), safe(d.target()), failure);
            } else {
                LOG.debug("image event {} to {} failed ({}); attempt {} in {} ms", d.eventId(), safe(d.target()), failure,
                        d.attempts() + 1, delay);
            }
            outbox.retryAt(d.id(), now + delay, failure);
        }
    }

    /** Milliseconds before the next attempt after {@code attempts} failed ones: doubling from 1 s to 5 min, plus up to 25% jitter. */
    static long backoff(int attempts) {
        long base = FIRST_RETRY.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(base, MAX_RETRY.toMillis());
        return capped + ThreadLocalRandom.current().nextLong(capped / 4 + 1);
    }

    /** A webhook URL fit for a log: no user info, query or fragment (they may hold a receiver's secret). */
    static String safe(String target) {
        URI u = URI.create(target);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + (u.getPath() == null ? "" : u.getPath());
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (loop != null) {
            loop.interrupt();
            loop.join(TIMEOUT.toMillis());
        }
        http.close();
    }
}
