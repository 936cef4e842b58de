package dev.wharf.limits;

import java.util.Locale;

/**
 * A sustained rate in requests per second and the burst a caller may spend at once after being
 * idle. Written {@code RATE} or {@code RATE/BURST} (e.g. {@code 10}, {@code 1/2}); without a burst
 * the bucket holds one second's worth of requests, as ECR's single published rate implies.
 */
public record Rate(int perSecond, int burst) {
    /** The largest rate or burst accepted: far beyond any node's capacity, and small enough that no arithmetic overflows. */
    public static final int MAX = 1_000_000;

    public Rate {
        if (perSecond < 1 || perSecond > MAX) throw new IllegalArgumentException("a rate must be between 1 and " + MAX + " per second, got " + perSecond);
        if (burst < 1 || burst > MAX) throw new IllegalArgumentException("a burst must be between 1 and " + MAX + ", got " + burst);
    }

    public static Rate of(int perSecond) {
        return new Rate(perSecond, perSecond);
    }

    /** Parses {@code RATE} or {@code RATE/BURST}, both whole numbers. */
    public static Rate parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        try {
            int rate = Integer.parseInt((slash < 0 ? t : t.substring(0, slash)).trim());
            int burst = slash < 0 ? rate : Integer.parseInt(t.substring(slash + 1).trim());
            return new Rate(rate, burst);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: write RATE or RATE/BURST in whole requests per second, e.g. 10 or 1/2");
        }
    }

    /** Nanoseconds between two requests at the sustained rate. */
    long intervalNanos() {
        return 1_000_000_000L / perSecond;
    }

    @Override
    public String toString() {
        return perSecond + "/" + burst;
    }
}
