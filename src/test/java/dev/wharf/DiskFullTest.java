package dev.wharf;

import dev.wharf.testing.Logs;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.wharf.registry.StorageFaults;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real full disk: the data directory is a small tmpfs (mounted here, which needs root; the test
 * is skipped with the reason otherwise). A full disk is a 5xx that says the registry is out of
 * storage, the log names the root cause, nothing half-written is visible, and service resumes
 * once space returns.
 */
@Tag(ExternalProcess.TAG)
class DiskFullTest {
    private static final int SIZE_MIB = 8;

    private Path mount;
    private TestServer server;
    private HttpClient http;
    private ListAppender<ILoggingEvent> log;

    /**
     * SQLite's native library is loaded once per JVM, from the first data directory a store opens
     * (storage.meta.SqliteNativeLibrary). Run alone, that would be the tmpfs, whose mapped library
     * would then keep it from being unmounted: load it from the driver's own place first.
     */
    @BeforeAll
    static void loadSqliteOutsideTheMount() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @BeforeEach
    void mountSmallFilesystem() throws Exception {
        mount = Files.createTempDirectory("wharf-diskfull");
        ExternalProcess.Result r = ExternalProcess.command("mount", "-t", "tmpfs", "-o", "size=" + SIZE_MIB + "m,mode=0700",
                "tmpfs", mount.toString()).mergeErrors().timeout(Duration.ofSeconds(30)).run();
        if (!r.ok()) Files.delete(mount);
        Assumptions.assumeTrue(r.ok(), "cannot mount a tmpfs here (needs root): " + r.out().strip());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(StorageFaults.class)).addAppender(log);
    }

    @AfterEach
    void unmount() throws Exception {
        ((Logger) LoggerFactory.getLogger(StorageFaults.class)).detachAppender(log);
        if (server != null) server.close();
        if (http != null) http.close();
        if (mount != null && Files.isDirectory(mount)) {
            ExternalProcess.command("umount", mount.toString()).timeout(Duration.ofSeconds(30)).run().expectOk();
            Files.deleteIfExists(mount);
        }
    }

    private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", server.basicAuth())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + seed);
        return b;
    }

    private boolean loggedRootCause() {
        return Logs.events(log).stream().anyMatch(e -> e.getThrowableProxy() != null
                && ThrowableProxyUtil.asString(e.getThrowableProxy()).contains("No space left on device"));
    }

    @Test
    void aChunkThatFillsTheDiskIsOutOfStorageAndTheRegistryResumesOnceItIsGone() throws Exception {
        server = TestServer.startOn(mount.resolve("data"), Map.of());
        server.createRepositories("full/app");
        String location = send("POST", "/v2/full/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        byte[] big = bytes((SIZE_MIB + 2) << 20, 1);

        HttpResponse<String> r = send("PATCH", location, big);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(507);
        assertThat(r.body()).contains("\"UNAVAILABLE\"").contains("out of storage").doesNotContain(mount.toString());
        assertThat(loggedRootCause()).as("the log names ENOSPC").isTrue();
        assertThat(send("HEAD", "/v2/full/app/blobs/" + sha256(big), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", location, null).headers().firstValue("Range")).as("the session kept nothing of the chunk")
                .hasValue("0-0");

        byte[] small = bytes(64 << 10, 2);
        HttpResponse<String> pushed = send("POST", "/v2/full/app/blobs/uploads/?digest=" + sha256(small), small);
        assertThat(pushed.statusCode()).as("the failed chunk gave its space back: " + pushed.body()).isEqualTo(201);
    }

    @Test
    void aMetadataWriteOnAFullDiskIsOutOfStorageAndLeavesNothingBehind() throws Exception {
        server = TestServer.startOn(mount.resolve("data"), Map.of());
        Path filler = mount.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[64 << 10];
            while (true) out.write(block);
        } catch (IOException expected) {
            // the filesystem is full
        }
        try (EcrClient ecr = server.ecr()) {
            String failed = null;
            // the database's write-ahead log may still have room for a few writes: write until it has none
            for (int i = 0; i < 500 && failed == null; i++) {
                String name = "full/repo-" + i;
                try {
                    ecr.createRepository(c -> c.repositoryName(name));
                } catch (EcrException e) {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServerException");
                    assertThat(e.getMessage()).contains("out of storage").doesNotContain(mount.toString());
                    failed = name;
                }
            }
            assertThat(failed).as("some write met the full disk").isNotNull();
            assertThat(loggedRootCause() || Logs.events(log).stream().anyMatch(e -> e.getFormattedMessage().contains("full")))
                    .as("the log names the cause").isTrue();
            assertThat(Logs.events(log)).noneMatch(e -> e.getFormattedMessage().contains("no transaction is active"));

            Files.delete(filler);
            String lost = failed;
            assertThatThrownBy(() -> ecr.describeRepositories(d -> d.repositoryNames(lost)))
                    .as("the failed write is not visible").isInstanceOf(RepositoryNotFoundException.class);
            ecr.createRepository(c -> c.repositoryName(lost));
            assertThat(ecr.describeRepositories(d -> d.repositoryNames(lost)).repositories()).hasSize(1);
        }
    }

    @Test
    void belowTheFreeSpaceFloorNewUploadsAreRefusedWhilePullsGoOn() throws Exception {
        server = TestServer.startOn(mount.resolve("data"), Map.of());
        server.createRepositories("floor/app");
        byte[] layer = bytes(32 << 10, 3);
        assertThat(send("POST", "/v2/floor/app/blobs/uploads/?digest=" + sha256(layer), layer).statusCode()).isEqualTo(201);
        server.close();
        server = TestServer.startOn(mount.resolve("data"), Map.of("WHARF_STORAGE_MIN_FREE_BYTES", (SIZE_MIB + 1) + "MiB"));

        HttpResponse<String> refused = send("POST", "/v2/floor/app/blobs/uploads/", null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
        assertThat(refused.body()).contains("out of storage");
        HttpResponse<String> pulled = send("GET", "/v2/floor/app/blobs/" + sha256(layer), null);
        assertThat(pulled.statusCode()).isEqualTo(200);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("storage low").contains("new uploads are refused");
    }
}
