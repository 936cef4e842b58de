package dev.wharf;

import dev.wharf.cli.Application;
import dev.wharf.config.ConfigException;
import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.PostgresCluster;
import dev.wharf.testing.S3Proxy;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two Wharf nodes sharing one PostgreSQL and one S3 bucket (S3Proxy), configured only through the
 * documented environment variables: what one node takes in, the other serves, and neither keeps
 * anything on its own disk.
 */
@Tag(ExternalProcess.TAG)
class RemoteStorageEndToEndTest {
    private static final String PREFIX = "deployment-a/";
    private static PostgresCluster pg;
    private static S3Proxy s3;
    private static Map<String, String> env;
    private static TestServer nodeA;
    private static TestServer nodeB;
    /** A third node of the same deployment, with storage.s3.redirect on. */
    private static TestServer redirecting;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresCluster.start();
        s3 = S3Proxy.start();
        String bucket = s3.createBucket("wharf-e2e");
        env = new HashMap<>();
        env.put("WHARF_STORAGE_METADATA", "postgres");
        env.put("WHARF_POSTGRES_URL", pg.createDatabase());
        env.put("WHARF_POSTGRES_USER", PostgresCluster.USER);
        env.put("WHARF_POSTGRES_PASSWORD", PostgresCluster.PASSWORD);
        env.put("WHARF_STORAGE_BLOBS", "s3");
        env.put("WHARF_S3_ENDPOINT", s3.endpoint().toString());
        env.put("WHARF_S3_REGION", S3Proxy.REGION);
        env.put("WHARF_S3_BUCKET", bucket);
        env.put("WHARF_S3_PREFIX", PREFIX);
        env.put("WHARF_S3_PATH_STYLE", "true");
        env.put("WHARF_S3_ACCESS_KEY_ID", S3Proxy.ACCESS_KEY);
        env.put("WHARF_S3_SECRET_ACCESS_KEY", S3Proxy.SECRET_KEY);
        env.put("WHARF_S3_REDIRECT", "false");
        nodeA = TestServer.start(env);
        nodeB = TestServer.start(env);
        Map<String, String> withRedirect = new HashMap<>(env);
        withRedirect.put("WHARF_S3_REDIRECT", "true");
        redirecting = TestServer.start(withRedirect);
        nodeA.createRepositories("shared/app", "shared/chunked", "shared/direct", "shared/parts");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (nodeA != null) nodeA.close();
            if (nodeB != null) nodeB.close();
            if (redirecting != null) redirecting.close();
        } finally {
            try {
                if (s3 != null) s3.close();
            } finally {
                if (pg != null) pg.close();
            }
        }
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void anImagePushedThroughOneNodeIsPulledWholeThroughTheOtherAndNoNodeKeepsItOnDisk() throws Exception {
        OciLayout layout = new OciLayout(Files.createDirectory(tmp.resolve("src")));
        OciLayout.Descriptor image = layout.taggedImage("v1", 42, 3 << 20, 7_000);
        try (EcrClient ecr = nodeA.ecr()) {
            Skopeo.loggedIn(nodeA, ecr).push(layout.reference("v1"), "shared/app", "v1").expectOk();
            Path pulled = tmp.resolve("pulled");
            Skopeo.loggedIn(nodeB, ecr).pull("shared/app:v1", pulled, "v1").expectOk();
            assertThat(OciLayout.taggedDigest(pulled, "v1")).isEqualTo(image.digest());
            for (String d : layout.closure(image.digest())) {
                assertThat(Files.readAllBytes(pulled.resolve("blobs").resolve(d.replace(':', '/')))).as(d).isEqualTo(layout.read(d));
            }
        }
        List<String> keys;
        try (S3Client c = s3.client()) {
            keys = c.listObjectsV2Paginator(r -> r.bucket("wharf-e2e").prefix(PREFIX + "blobs/")).contents().stream()
                    .map(S3Object::key).toList();
        }
        for (OciLayout.Descriptor layer : layout.layers(image)) {
            String hex = layer.digest().substring("sha256:".length());
            assertThat(keys).as("layer in the bucket").contains(PREFIX + "blobs/sha256/" + hex.substring(0, 2) + "/" + hex);
        }
        assertThat(filesUnder(nodeA.dataDir())).as("files on node A's disk").isEmpty();
        assertThat(filesUnder(nodeB.dataDir())).as("files on node B's disk").isEmpty();
    }

    @Test
    void aChunkedUploadWhoseRequestsAlternateBetweenNodesCompletes() {
        byte[] content = new byte[3 * 700_000 + 11];
        new Random(7).nextBytes(content);
        String digest = OciClient.sha256(content);
        OciClient a = OciClient.of(nodeA);
        OciClient b = OciClient.of(nodeB);
        HttpResponse<byte[]> started = a.send("POST", "/v2/shared/chunked/blobs/uploads/");
        OciClient.expect(started, 202);
        String location = started.headers().firstValue("Location").orElseThrow();
        int[] bounds = {0, 700_000, 1_400_000, content.length};
        for (int i = 0; i + 1 < bounds.length; i++) {
            OciClient node = i % 2 == 0 ? b : a;
            byte[] chunk = java.util.Arrays.copyOfRange(content, bounds[i], bounds[i + 1]);
            HttpResponse<byte[]> r = node.send("PATCH", location, Map.of("Content-Type", "application/octet-stream",
                    "Content-Range", bounds[i] + "-" + (bounds[i + 1] - 1)), chunk);
            OciClient.expect(r, 202);
            location = r.headers().firstValue("Location").orElseThrow();
        }
        String sep = location.contains("?") ? "&" : "?";
        OciClient.expect(b.send("PUT", location + sep + "digest=" + digest), 201);
        HttpResponse<byte[]> got = a.send("GET", "/v2/shared/chunked/blobs/" + digest);
        OciClient.expect(got, 200);
        assertThat(got.body()).isEqualTo(content);
    }

    @Test
    void aNodeStartedWithAnotherMasterKeyRefusesToStartAndSaysWhy() throws Exception {
        Map<String, String> other = new HashMap<>(env);
        byte[] key = new byte[32];
        key[0] = 1;
        other.put("WHARF_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        WharfConfig config = new ConfigLoader(other).load(new ConfigLoader.Flags("127.0.0.1", 0, tmp.resolve("unused"), null));
        assertThatThrownBy(() -> Application.create(config, other, Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("WHARF_MASTER_KEY is not the key this metadata database was set up with");
    }

    @Test
    void withRedirectOnABlobGetIsATemporaryRedirectToAPresignedUrlAndSkopeoFollowsIt() throws Exception {
        OciLayout layout = new OciLayout(Files.createDirectory(tmp.resolve("direct")));
        OciLayout.Descriptor image = layout.taggedImage("v1", 43, 200_000);
        String layer = layout.layers(image).get(0).digest();
        try (EcrClient ecr = nodeA.ecr()) {
            Skopeo.loggedIn(nodeA, ecr).push(layout.reference("v1"), "shared/direct", "v1").expectOk();

            HttpResponse<byte[]> r = OciClient.of(redirecting).send("GET", "/v2/shared/direct/blobs/" + layer);
            OciClient.expect(r, 307);
            String location = r.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith(s3.endpoint().toString());
            HttpResponse<byte[]> direct = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(direct.statusCode()).isEqualTo(200);
            assertThat(direct.body()).isEqualTo(layout.read(layer));

            OciClient.expect(OciClient.of(nodeB).send("GET", "/v2/shared/direct/blobs/" + layer), 200);

            try (EcrClient viaRedirecting = redirecting.ecr()) {
                String url = viaRedirecting.getDownloadUrlForLayer(q -> q.repositoryName("shared/direct").layerDigest(layer)).downloadUrl();
                assertThat(url).startsWith(s3.endpoint().toString());
            }

            Path pulled = tmp.resolve("pulled-direct");
            Skopeo.loggedIn(redirecting, ecr).pull("shared/direct:v1", pulled, "v1").expectOk();
            assertThat(Files.readAllBytes(pulled.resolve("blobs").resolve(layer.replace(':', '/')))).isEqualTo(layout.read(layer));
        }
    }

    @Test
    void anEcrLayerUploadWhosePartsGoToDifferentNodesCompletes() {
        byte[] content = new byte[(5 << 20) + 1234];
        new Random(8).nextBytes(content);
        int cut = 5 << 20;
        try (EcrClient a = nodeA.ecr(); EcrClient b = nodeB.ecr()) {
            String id = a.initiateLayerUpload(r -> r.repositoryName("shared/parts")).uploadId();
            b.uploadLayerPart(r -> r.repositoryName("shared/parts").uploadId(id).partFirstByte(0L).partLastByte((long) cut - 1)
                    .layerPartBlob(software.amazon.awssdk.core.SdkBytes.fromByteArray(java.util.Arrays.copyOfRange(content, 0, cut))));
            a.uploadLayerPart(r -> r.repositoryName("shared/parts").uploadId(id).partFirstByte((long) cut)
                    .partLastByte((long) content.length - 1)
                    .layerPartBlob(software.amazon.awssdk.core.SdkBytes.fromByteArray(java.util.Arrays.copyOfRange(content, cut, content.length))));
            String digest = b.completeLayerUpload(r -> r.repositoryName("shared/parts").uploadId(id)
                    .layerDigests(OciClient.sha256(content))).layerDigest();
            assertThat(digest).isEqualTo(OciClient.sha256(content));
        }
        HttpResponse<byte[]> got = OciClient.of(nodeA).send("GET", "/v2/shared/parts/blobs/" + OciClient.sha256(content));
        OciClient.expect(got, 200);
        assertThat(got.body()).isEqualTo(content);
    }
}
