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
    }

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

    int posts() {
        return posts.get();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
