package dev.wharf.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Debian's {@code haproxy} in front of Wharf nodes on loopback, configured as docs/scaling.md
 * describes a deployment's load balancer (and as {@code bin/cluster} runs it): HTTP mode, round
 * robin per request, each node checked on {@code GET /healthz} every second and taken out after two
 * failures, and a request whose connection a dead node refuses sent to another node. haproxy cannot
 * report a port it chose itself, so this fixture picks a free port and retries when it was taken
 * meanwhile. Run through {@link ExternalProcess}: tests that use it are tagged
 * {@value ExternalProcess#TAG}; {@code bin/test} installs the package.
 */
public final class Haproxy implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ExternalProcess.Started process;
    private final Path dir;
    private final int port;

    private Haproxy(ExternalProcess.Started process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts haproxy balancing over the nodes listening on these loopback ports, and waits until it serves. */
    public static Haproxy start(List<Integer> nodePorts) throws IOException {
        if (nodePorts.isEmpty()) throw new IllegalArgumentException("no nodes to balance");
        Path dir = Files.createTempDirectory("wharf-haproxy");
        AssertionError last = null;
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                Path cfg = dir.resolve("haproxy.cfg");
                Files.writeString(cfg, config(port, nodePorts, dir.resolve("admin.sock")));
                ExternalProcess.Started p = ExternalProcess.command("haproxy", "-db", "-f", cfg.toString()).mergeErrors().start();
                try {
                    awaitServing(p, port);
                    // A test JVM that exits without closing (a crash in a @BeforeAll) still stops its child.
                    Runtime.getRuntime().addShutdownHook(new Thread(p::close, "haproxy-stop"));
                    return new Haproxy(p, dir, port);
                } catch (AssertionError e) {
                    p.close();
                    last = e;
                }
            }
            throw last;
        } catch (IOException | RuntimeException | Error e) {
            S3Proxy.deleteTree(dir);
            throw e;
        }
    }

    static String config(int port, List<Integer> nodePorts, Path adminSocket) {
        StringBuilder b = new StringBuilder("""
                global
                    maxconn 1024
                    stats socket %s mode 600 level admin
                defaults
                    mode http
                    timeout connect 5s
                    timeout client 5m
                    timeout server 5m
                    timeout http-request 60s
                    retries 2
                    option redispatch
                frontend wharf
                    bind 127.0.0.1:%d
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /healthz
                    http-check expect status 200
                    default-server inter 1s fall 2 rise 1
                """.formatted(adminSocket, port));
        for (int i = 0; i < nodePorts.size(); i++) {
            b.append("    server node").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i)).append(" check\n");
        }
        return b.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits until {@code /healthz} answers 200 through haproxy; fails if it exits (its port was taken) or the time is up. */
    private static void awaitServing(ExternalProcess.Started p, int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest healthz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(2)).build();
        Await.until(START_TIMEOUT, "haproxy serving /healthz on port " + port, () -> {
            if (!ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new AssertionError("haproxy exited:\n" + p.out());
            }
            try {
                return http.send(healthz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    public int port() {
        return port;
    }

    /**
     * How many requests haproxy has in progress with node {@code n} (1-based) right now: its
     * {@code scur} in {@code show stat} on the admin socket.
     */
    public int requestsInProgress(int n) {
        String stat = admin("show stat");
        List<String> lines = stat.lines().toList();
        List<String> header = Arrays.asList(lines.get(0).replaceFirst("^# ", "").split(","));
        int name = header.indexOf("svname");
        int scur = header.indexOf("scur");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f.length > scur && f[0].equals("nodes") && f[name].equals("node" + n)) return Integer.parseInt(f[scur]);
        }
        throw new AssertionError("no server node" + n + " in haproxy's statistics:\n" + stat);
    }

    /** Sends one command to haproxy's admin socket and returns its answer. */
    private String admin(String command) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("admin.sock")))) {
            ch.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:<port>}, the registry host for image references. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        try {
            process.stop(Duration.ofSeconds(10));
        } catch (AssertionError killedAfterTimeout) {
            // stop() killed it; nothing is left running
        } finally {
            S3Proxy.deleteTree(dir);
        }
    }
}
