package dev.wharf.server;

import dev.wharf.config.ConfigException;
import dev.wharf.metrics.WharfMetrics;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The management listener: {@code GET /metrics} in the Prometheus text format, on its own address
 * (default 127.0.0.1:5001), never on the public port. It has no authentication: bind it to an
 * address only the monitoring system reaches.
 */
public final class ManagementServer implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;

    public ManagementServer(String host, int port, WharfMetrics metrics) {
        QueuedThreadPool pool = new QueuedThreadPool(8, 2);
        pool.setName("wharf-management");
        pool.setDaemon(true);
        jetty = new Server(pool);
        connector = new ServerConnector(jetty, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(30_000);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract(Handler.AbstractContainer.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = request.getHttpURI().getPath();
                boolean get = "GET".equals(request.getMethod());
                if (path.equals("/metrics") && get) {
                    send(response, callback, 200, WharfMetrics.contentType(), metrics.scrape());
                } else if (path.equals("/metrics")) {
                    response.getHeaders().put("Allow", "GET");
                    send(response, callback, 405, "text/plain; charset=utf-8", "method not allowed\n");
                } else {
                    send(response, callback, 404, "text/plain; charset=utf-8", "not found: the management listener serves /metrics\n");
                }
                return true;
            }
        });
        jetty.setStopTimeout(2_000);
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put("Content-Type", type);
        response.getHeaders().put("Content-Length", bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** Starts listening; a taken address is a configuration error with the way out in its message. */
    public void start() throws Exception {
        try {
            jetty.start();
        } catch (java.io.IOException e) {
            jetty.stop();
            throw new ConfigException("the management listener (/metrics) cannot listen on " + connector.getHost() + ":"
                    + connector.getPort() + " (" + e.getMessage() + "): set WHARF_MANAGEMENT_PORT to a free port, or 0 to turn it off");
        }
    }

    /** The port actually bound (useful with an ephemeral port in tests). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
