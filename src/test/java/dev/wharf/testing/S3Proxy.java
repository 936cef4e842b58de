package dev.wharf.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real S3 API server for tests: S3Proxy (org.gaul:s3proxy, copied to target/s3proxy by the
 * build) with its in-memory backend, run through {@link ExternalProcess} as a child JVM, because it
 * brings a Jetty that cannot share our class path; it binds port 0 and names the port it got.
 * Nothing it stores touches the disk; {@link #close} stops it and deletes its folder. Tests that
 * use it are tagged {@value ExternalProcess#TAG}.
 */
public final class S3Proxy implements AutoCloseable {
    public static final String ACCESS_KEY = "s3proxy-test-key";
    public static final String SECRET_KEY = "s3proxy-test-secret";
    public static final String REGION = "us-east-1";
    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Jetty's line naming the address it bound: {@code Started ServerConnector@...{127.0.0.1:PORT}}. */
    private static final Pattern BOUND = Pattern.compile("Started ServerConnector@.*?\\{127\\.0\\.0\\.1:(\\d+)}");

    private final ExternalProcess.Started process;
    private final Path dir;
    private final URI endpoint;

    private S3Proxy(ExternalProcess.Started process, Path dir, URI endpoint) {
        this.process = process;
        this.dir = dir;
        this.endpoint = endpoint;
    }

    /** Starts S3Proxy on a port it binds itself (port 0) and waits until it listens. */
    public static S3Proxy start() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the tests through Maven (it copies S3Proxy there)");
        }
        Path dir = Files.createTempDirectory("wharf-s3proxy");
        Path props = dir.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:0",
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=transient",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY, ""));
        String java = ProcessHandle.current().info().command().orElse("java");
        ExternalProcess.Started p = ExternalProcess.command(java, "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
                "--properties", props.toString()).mergeErrors().start();
        try {
            p.awaitOutput("Started ServerConnector", START_TIMEOUT);
            Matcher m = BOUND.matcher(p.out());
            if (!m.find()) throw new AssertionError("S3Proxy did not name the port it bound:\n" + p.out());
            // A test JVM that exits without closing (a crash in a @BeforeAll) still stops its child.
            Runtime.getRuntime().addShutdownHook(new Thread(p::close, "s3proxy-stop"));
            return new S3Proxy(p, dir, URI.create("http://127.0.0.1:" + m.group(1)));
        } catch (RuntimeException | Error e) {
            p.close();
            deleteTree(dir);
            throw e;
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
        try {
            process.stop(Duration.ofSeconds(30));
        } catch (AssertionError killedAfterTimeout) {
            // stop() killed its process tree; nothing is left running
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
