package dev.wharf.events;

import dev.wharf.storage.meta.EventOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Image events for the configured webhooks: each event is written to the durable outbox, once per
 * receiver, and the delivery loop is woken. The outbox row is written right after the image change
 * commits, in its own transaction (see docs/design.md, "Image events", for that window).
 */
public final class WebhookEvents {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookEvents.class);

    private final EventOutbox outbox;
    private final List<String> targets;
    private final String region;
    private final Clock clock;
    private final Clock delivery;
    private final Runnable wake;

    /**
     * @param clock    the registry's clock: the events' {@code time}, as the image's push time
     * @param delivery the delivery loop's clock: when an event is first due
     * @param wake     called after each event is stored (the delivery loop's nudge)
     */
    public WebhookEvents(EventOutbox outbox, List<URI> webhooks, String region, Clock clock, Clock delivery, Runnable wake) {
        this.outbox = outbox;
        this.targets = webhooks.stream().map(URI::toString).toList();
        this.region = region;
        this.clock = clock;
        this.delivery = delivery;
        this.wake = wake;
    }

    public void pushed(String account, String repository, String digest, String tag) {
        record(EcrImageAction.of(account, region, clock.instant(), repository, digest, tag, EcrImageAction.Action.PUSH));
    }

    public void deleted(String account, String repository, String digest, String tag) {
        record(EcrImageAction.of(account, region, clock.instant(), repository, digest, tag, EcrImageAction.Action.DELETE));
    }

    private void record(EcrImageAction event) {
        try {
            outbox.enqueue(event.id(), event.toJson(), targets, delivery.millis());
            wake.run();
        } catch (RuntimeException e) {
            // The image change is committed; an event lost here is the documented window.
            LOG.warn("image event {} {}@{} not recorded: {}", event.action(), event.repository(), event.digest(), e.toString());
        }
    }
}
