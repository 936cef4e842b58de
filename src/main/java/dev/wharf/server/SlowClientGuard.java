package dev.wharf.server;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The header-read timeout: a connection that has spent longer than {@code headerTimeout} sending
 * one request's line and headers is closed. Jetty's idle timeout alone does not stop a slowloris
 * client, which sends a byte now and then and so is never idle.
 *
 * <p>A sweeper looks at every open connection a few times per timeout; a connection is "reading a
 * header" while its parser is before the end of the headers and it is not simply idle between two
 * requests (idle connections are the idle timeout's business). The parser state is read without
 * its connection's lock: a stale read only delays a close to the next sweep. A connection is closed
 * between one and 1.25 times the timeout after its header began.
 */
final class SlowClientGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);

    private record Mark(long sinceMillis, long messagesIn) {}

    private final ServerConnector connector;
    private final long timeoutMillis;
    private final ScheduledExecutorService sweeper;
    /** Touched only by the sweeper thread. */
    private Map<EndPoint, Mark> marks = new HashMap<>();

    SlowClientGuard(ServerConnector connector, Duration headerTimeout) {
        this.connector = connector;
        this.timeoutMillis = headerTimeout.toMillis();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wharf-header-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        long period = Math.max(50, Math.min(1000, timeoutMillis / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            long now = System.currentTimeMillis();
            Map<EndPoint, Mark> next = new HashMap<>();
            for (EndPoint ep : connector.getConnectedEndPoints()) {
                if (!(ep.getConnection() instanceof HttpConnection c)) continue;
                HttpParser parser = c.getParser();
                long messages = c.getMessagesIn();
                boolean idleBetweenRequests = parser.isStart() && messages > 0;
                if (!parser.inHeaderState() || idleBetweenRequests) continue;
                Mark m = marks.get(ep);
                if (m == null || m.messagesIn() != messages) {
                    // a fresh connection's first header began when it was accepted
                    m = new Mark(messages == 0 ? ep.getCreatedTimeStamp() : now, messages);
                }
                if (now - m.sinceMillis() > timeoutMillis) {
                    LOG.debug("closing {}: its request headers took longer than {} ms", ep.getRemoteSocketAddress(), timeoutMillis);
                    ep.close();
                } else {
                    next.put(ep, m);
                }
            }
            marks = next;
        } catch (RuntimeException e) {
            LOG.warn("header-timeout sweep failed; retrying at the next one", e);
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
