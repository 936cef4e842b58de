package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Pins that keep a blob's row from garbage collection while an upload makes its bytes visible and
 * links them (docs/design.md, "Garbage collection": pin the row, then make the bytes visible, then link).
 */
final class BlobPins {
    private static final Logger LOG = LoggerFactory.getLogger(BlobPins.class);
    /**
     * How long an upload completing keeps its blob row from garbage collection: it covers making
     * the bytes visible (a rename; an S3 multipart completion) and linking them.
     */
    static final Duration LEASE = Duration.ofMinutes(10);

    private final MetadataStore meta;
    private final Clock clock;

    BlobPins(MetadataStore meta, Clock clock) {
        this.meta = meta;
        this.clock = clock;
    }

    /**
     * Pins the blob's row before its bytes become visible, so that garbage collection neither
     * deletes the row nor queues the bytes until {@link #LEASE} has passed. A collector deleting
     * this digest's bytes right now holds a claim of at most {@link GarbageCollector#CLAIM}: wait for
     * it (our bytes are then written afresh), never past that bound.
     */
    void pin(Rows.Blob blob, String pinId) {
        whileClaimed(blob.digest(), () -> {
            long now = clock.millis();
            return meta.pinBlob(blob, pinId, now, now + LEASE.toMillis());
        }, pinned -> !pinned);
    }

    /**
     * Runs {@code attempt} again while {@code claimed} says a collector's claim on {@code digest}
     * refused it, waiting between tries, never past a claim's bound ({@link GarbageCollector#CLAIM});
     * returns the first answer not refused.
     */
    <T> T whileClaimed(String digest, Supplier<T> attempt, Predicate<T> claimed) {
        long deadline = System.nanoTime() + GarbageCollector.CLAIM.toNanos() + Duration.ofSeconds(5).toNanos();
        long wait = 5;
        while (true) {
            T answer = attempt.get();
            if (!claimed.test(answer)) return answer;
            if (System.nanoTime() - deadline > 0) {
                throw new WharfException(ErrorCode.SERVER, "The blob " + digest + " is being garbage-collected; try again");
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WharfException(ErrorCode.SERVER, "interrupted while waiting for garbage collection");
            }
            wait = Math.min(wait * 2, 500);
        }
    }

    /** Ends a pin; if even that fails, the pin lapses after {@link #LEASE}. */
    void unpin(String pinId) {
        try {
            meta.unpinBlob(pinId);
        } catch (RuntimeException e) {
            LOG.warn("could not end the collection pin of upload {}; it lapses after {}: {}", pinId, LEASE, e.toString());
        }
    }
}
