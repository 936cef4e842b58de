package dev.wharf;

import dev.wharf.testing.MutableClock;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a crash leaves behind. A real kill -9 is out of reach in-process; these tests reach the
 * states it can leave (a session with part of its bytes, a session file whose row was never
 * written, a push that failed half-way) and check that nothing partial is ever visible and that
 * the next start cleans up.
 */
class CrashConsistencyTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** Sessions count as abandoned as soon as they are not being written: the restart cleans them. */
    private static final Map<String, String> EAGER_CLEANUP = Map.of("WHARF_UPLOAD_EXPIRY", "1ms");

    @TempDir
    Path data;

    @Test
    void anAbandonedUploadIsNeverVisibleAndTheNextStartRemovesIt() throws Exception {
        byte[] content = new byte[200_000];
        new Random(1).nextBytes(content);
        String digest = OciClient.sha256(content);
        String session;
        try (TestServer s = TestServer.startOn(data, Map.of())) {
            s.createRepositories("crash/app");
            OciClient oci = OciClient.of(s);
            HttpResponse<byte[]> started = oci.send("POST", "/v2/crash/app/blobs/uploads/");
            session = started.headers().firstValue("Location").orElseThrow();
            OciClient.expect(oci.send("PATCH", session, Map.of(), java.util.Arrays.copyOf(content, 100_000)), 202);
            // the process "dies" here: half the blob is in the session, nothing committed it
            assertThat(oci.send("HEAD", "/v2/crash/app/blobs/" + digest).statusCode()).isEqualTo(404);
        }
        // a session file whose row was never written (a crash between the two steps)
        Files.write(data.resolve("uploads").resolve("0b5e8d6a-dead-4000-8000-000000000000"), new byte[]{1, 2, 3});
        assertThat(files(data.resolve("uploads"))).hasSize(2);
        MutableClock later = new MutableClock();
        later.advance(Duration.ofMinutes(1)); // both sessions are now older than the 1 ms expiry

        try (TestServer s = TestServer.startOn(data, EAGER_CLEANUP, later)) {
            OciClient oci = OciClient.of(s);
            assertThat(files(data.resolve("uploads"))).as("session files after the restart").isEmpty();
            assertThat(count(data, "uploads")).as("session rows after the restart").isZero();
            assertThat(oci.send("GET", session).statusCode()).isEqualTo(404);
            assertThat(oci.send("HEAD", "/v2/crash/app/blobs/" + digest).statusCode()).isEqualTo(404);
            assertThat(files(data.resolve("blobs"))).as("no blob was committed").isEmpty();
            assertThat(count(data, "blob_contents")).as("no small blob was committed").isZero();
        }
    }

    @Test
    void aSessionInUseSurvivesARestartWithTheDefaultExpiry() throws Exception {
        String session;
        try (TestServer s = TestServer.startOn(data, Map.of())) {
            s.createRepositories("crash/app");
            OciClient oci = OciClient.of(s);
            session = oci.send("POST", "/v2/crash/app/blobs/uploads/").headers().firstValue("Location").orElseThrow();
            OciClient.expect(oci.send("PATCH", session, Map.of(), "abc"), 202);
        }
        try (TestServer s = TestServer.startOn(data, Map.of())) {
            OciClient oci = OciClient.of(s);
            // the new process has no running hash for the session: it re-hashes the stored bytes
            HttpResponse<byte[]> done = oci.send("PUT", session + "?digest=" + OciClient.sha256("abcdef".getBytes()), Map.of(), "def");
            OciClient.expect(done, 201);
            HttpResponse<byte[]> blob = oci.send("GET", "/v2/crash/app/blobs/" + OciClient.sha256("abcdef".getBytes()));
            assertThat(new String(blob.body(), StandardCharsets.UTF_8)).isEqualTo("abcdef");
        }
    }

    @Test
    void aManifestPushThatFailsLeavesNoRow() throws Exception {
        try (TestServer s = TestServer.startOn(data, Map.of())) {
            s.createRepositories("crash/app");
            OciClient oci = OciClient.of(s);
            String config = oci.pushBlob("crash/app", "{}".getBytes());
            String missing = OciClient.sha256("not pushed".getBytes());
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":2},\"layers\":["
                    + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + missing + "\",\"size\":10}]}";
            HttpResponse<byte[]> r = oci.send("PUT", "/v2/crash/app/manifests/v1", Map.of("Content-Type", OCI_MANIFEST), manifest);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(count(data, "manifests")).isZero();
            assertThat(count(data, "tags")).isZero();
            assertThat(count(data, "manifest_refs")).isZero();
            assertThat(oci.send("GET", "/v2/crash/app/manifests/" + OciClient.sha256(manifest.getBytes())).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aBlobPushWhoseBytesDoNotMatchLeavesNothing() throws Exception {
        try (TestServer s = TestServer.startOn(data, Map.of())) {
            s.createRepositories("crash/app");
            OciClient oci = OciClient.of(s);
            String claimed = OciClient.sha256("what the client promised".getBytes());
            HttpResponse<byte[]> r = oci.send("POST", "/v2/crash/app/blobs/uploads/?digest=" + claimed, Map.of(), "what it sent");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(files(data.resolve("uploads"))).isEmpty();
            assertThat(files(data.resolve("blobs"))).isEmpty();
            assertThat(count(data, "blob_contents")).isZero();
            assertThat(count(data, "uploads")).isZero();
            assertThat(count(data, "blobs")).isZero();
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static long count(Path data, String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("wharf.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
