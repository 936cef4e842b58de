package dev.wharf.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a loopback port it binds itself, standing between a Wharf and the deployment
 * it replicates to, that the test can take down (it then closes every connection at once, as an
 * unreachable site would fail) and bring back. The forwarded target can change while it runs.
 */
final class SwitchableProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final Thread acceptor;
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean up;
    private volatile int targetPort;

    SwitchableProxy(int targetPort, boolean up) throws IOException {
        this.targetPort = targetPort;
        this.up = up;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    void up(int targetPort) {
        this.targetPort = targetPort;
        this.up = true;
    }

    void down() {
        this.up = false;
    }

    /** Connections closed because the proxy was down. */
    int refused() {
        return refused.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (!up) {
                    refused.incrementAndGet();
                    client.close();
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                // listener closed, or the target refused this one connection: the client sees it closed
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the other side closed
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "test-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
