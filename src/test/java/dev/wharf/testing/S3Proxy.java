package dev.wharf.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3 API server for tests: S3Proxy (org.gaul:s3proxy, copied to target/s3proxy by the
 * build) with its in-memory backend, run as a child JVM on a free loopback port because it brings
 * a Jetty that cannot share our class path. Nothing it stores touches the disk; {@link #close}
 * stops it and deletes its folder.
 */
public final class S3Proxy implements AutoCloseable {
    public static final String ACCESS_KEY = "s3proxy-test-key";
    public static final String SECRET_KEY = "s3proxy-test-secret";
    public static final String REGION = "us-east-1";
    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");
    private static final long START_TIMEOUT_MS = 60_000;

    private final Process process;
    private final Path dir;
    private final URI endpoint;

    private S3Proxy(Process process, Path dir, URI endpoint) {
        this.process = process;
        this.dir = dir;
        this.endpoint = endpoint;
    }

    /** Starts S3Proxy and waits until it accepts connections. */
    public static S3Proxy start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the tests through Maven (it copies S3Proxy there)");
        }
        Path dir = Files.createTempDirectory("wharf-s3proxy");
        // A port found free can be taken before the child binds it: try a few.
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Path props = dir.resolve("s3proxy.properties");
            Files.writeString(props, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient",
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY, ""));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(), "--properties", props.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3proxy.log").toFile())
                    .start();
            try {
                awaitListening(p, port);
                // A test JVM that exits without closing (a crash in a @BeforeAll) still stops its child.
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "s3proxy-stop"));
                return new S3Proxy(p, dir, endpoint);
            } catch (IOException e) {
                stop(p);
                last = new IOException(e.getMessage() + "; log:\n" + tail(dir.resolve("s3proxy.log")), e);
            }
        }
        deleteTree(dir);
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitListening(Process p, int port) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) throw new IOException("S3Proxy exited with " + p.exitValue());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("S3Proxy did not listen on port " + port + " within " + START_TIMEOUT_MS + " ms");
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of this server with its credentials, path-style. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Creates a bucket and returns its name. */
    public String createBucket(String name) {
        try (S3Client c = client()) {
            c.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /** The settings of a store on this server, {@code redirect} giving it presigned download URLs. */
    public dev.wharf.storage.blob.S3BlobStore.Settings settings(String bucket, String prefix, boolean redirect) {
        return new dev.wharf.storage.blob.S3BlobStore.Settings(Optional.of(endpoint), REGION, bucket, prefix, true,
                Optional.of(ACCESS_KEY), Optional.of(SECRET_KEY), redirect);
    }

    @Override
    public void close() throws IOException {
        stop(process);
        deleteTree(dir);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
