package dev.wharf.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import java.util.List;

/** Reading what a Logback {@link ListAppender} caught while server threads may still be logging into it. */
public final class Logs {
    private Logs() {}

    /**
     * A copy of the events so far. The appender adds under its own lock ({@code AppenderBase.doAppend} is
     * synchronized), so copying under that lock never sees the list change underneath (a plain stream of
     * {@code appender.list} can fail with a ConcurrentModificationException).
     */
    public static List<ILoggingEvent> events(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }
}
