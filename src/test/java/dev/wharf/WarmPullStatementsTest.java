package dev.wharf;

import dev.wharf.testing.OciClient;
import dev.wharf.testing.RequestStatements;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 (request rates): once the rows a pull reads are cached, a manifest GET, a blob HEAD and a
 * blob GET each make exactly one metadata statement, the read of the shared cache generation that
 * keeps the cached rows exact across nodes (docs/design.md, "Caches across nodes").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarmPullStatementsTest {
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String GENERATION = "SELECT generation FROM cache_generations WHERE area = ?";
    private Path dataDir;
    private RequestStatements statements;
    private TestServer server;
    private OciClient client;
    private String manifestDigest;
    private String layerDigest;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("wharf-statements");
        statements = RequestStatements.install(dataDir);
        server = TestServer.startOn(dataDir, Map.of());
        server.createRepositories("warm");
        client = OciClient.of(server);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "a layer".getBytes(StandardCharsets.UTF_8);
        String configDigest = client.pushBlob("warm", config);
        layerDigest = client.pushBlob("warm", layer);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        client.putManifest("warm", "latest", MANIFEST, manifest);
        manifestDigest = OciClient.sha256(manifest);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) server.close();
        } finally {
            statements.close();
            TestServer.deleteTree(dataDir);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, manifests/latest",
            "HEAD, manifests/latest",
            "GET, manifests/MANIFEST",
            "HEAD, blobs/LAYER",
            "GET, blobs/LAYER",
    })
    void aWarmPullRequestReadsOnlyTheCacheGeneration(String method, String path) {
        String url = "/v2/warm/" + path.replace("MANIFEST", manifestDigest).replace("LAYER", layerDigest);
        OciClient.expect(client.send(method, url, Map.of("Accept", MANIFEST), null), 200);
        OciClient.expect(client.send(method, url, Map.of("Accept", MANIFEST), null), 200);
        statements.take();

        OciClient.expect(client.send(method, url, Map.of("Accept", MANIFEST), null), 200);

        List<String> run = statements.take();
        assertThat(run).as("the statements of one warm %s %s", method, path).containsExactly(GENERATION);
    }
}
