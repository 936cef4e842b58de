package dev.wharf.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real webhook receiver (the JDK's HTTP server) that answers the first {@code failures} POSTs with 500. */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer http;
    /** Kept apart from the server, which forgets it once stopped. */
    private final int port;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft;
    private final AtomicInteger posts = new AtomicInteger();

    private WebhookReceiver(int port, int failures) throws IOException {
        failuresLeft = new AtomicInteger(failures);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        http.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            posts.incrementAndGet();
            boolean fail = failuresLeft.getAndDecrement() > 0;
            if (!fail) received.add(JSON.readTree(body));
            ex.sendResponseHeaders(fail ? 500 : 204, -1);
            ex.close();
        });
        http.start();
        this.port = http.getAddress().getPort();
    }

    /** A receiver on a port it binds itself (port 0); {@link #url()} names it. */
    static WebhookReceiver start(int failures) {
        return on(0, failures);
    }

    /**
     * A receiver on a given port: only to come back on the port of a receiver this test started
     * and stopped before, so no other test's server can be waiting for it.
     */
    static WebhookReceiver on(int port, int failures) {
        try {
            return new WebhookReceiver(port, failures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event accepted, waiting up to a minute (retries back off by seconds). */
    JsonNode next() throws InterruptedException {
        JsonNode n = received.poll(60, TimeUnit.SECONDS);
        if (n == null) throw new AssertionError("no event arrived");
        return n;
    }

    int port() {
        return port;
    }

    /** The webhook URL Wharf is configured with. */
    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    int posts() {
        return posts.get();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
