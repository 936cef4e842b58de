package dev.wharf.registry;

import dev.wharf.testing.TestServer;
import dev.wharf.testing.V2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A descriptor whose size disagrees with the stored content is refused by both doors. */
class ManifestDescriptorSizeTest {
    private static final String REPO = "sizes/app";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static TestServer server;
    private static EcrClient ecr;
    private static V2 v2;
    private static final byte[] CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAYER = "the layer bytes".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = server.ecr();
        ecr.createRepository(r -> r.repositoryName(REPO));
        v2 = new V2(server.port(), null, ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken());
        for (byte[] blob : new byte[][] {CONFIG, LAYER}) {
            assertEquals(201, v2.send("POST", "/v2/" + REPO + "/blobs/uploads/?digest=" + V2.digest(blob), "application/octet-stream", blob).status());
        }
    }

    @AfterAll
    static void stop() {
        ecr.close();
        server.close();
    }

    private static String manifest(long configSize, long layerSize) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"" + V2.digest(CONFIG) + "\",\"size\":" + configSize + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + V2.digest(LAYER) + "\",\"size\":" + layerSize + "}]}";
    }

    private static V2.Response put(String reference, String contentType, String body) {
        return v2.send("PUT", "/v2/" + REPO + "/manifests/" + reference, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLayerDescriptorLargerThanTheBlobIsManifestInvalidOnV2() {
        V2.Response r = put("wrong-layer", OCI_MANIFEST, manifest(CONFIG.length, LAYER.length + 1));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("\"MANIFEST_INVALID\""), r.body());
    }

    @Test
    void aConfigDescriptorSmallerThanTheBlobIsManifestInvalidOnV2() {
        V2.Response r = put("wrong-config", OCI_MANIFEST, manifest(CONFIG.length - 1, LAYER.length));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("\"MANIFEST_INVALID\""), r.body());
    }

    @Test
    void aWrongLayerSizeIsInvalidParameterOnPutImage() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ecr.putImage(r -> r.repositoryName(REPO)
                .imageTag("wrong-size").imageManifest(manifest(CONFIG.length, LAYER.length + 7))));
        assertTrue(e.awsErrorDetails().errorMessage().contains("ImageManifest"), e.getMessage());
    }

    @Test
    void anIndexWhoseChildDescriptorHasTheWrongSizeIsManifestInvalid() {
        String child = manifest(CONFIG.length, LAYER.length);
        assertEquals(201, put(V2.digest(child.getBytes(StandardCharsets.UTF_8)), OCI_MANIFEST, child).status());
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\""
                + OCI_MANIFEST + "\",\"digest\":\"" + V2.digest(child.getBytes(StandardCharsets.UTF_8)) + "\",\"size\":"
                + (child.length() + 1) + "}]}";
        V2.Response r = put("wrong-index", "application/vnd.oci.image.index.v1+json", index);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("\"MANIFEST_INVALID\""), r.body());
    }

    @Test
    void exactSizesAreAccepted() {
        assertEquals(201, put("right", OCI_MANIFEST, manifest(CONFIG.length, LAYER.length)).status());
    }

    @Test
    void aContentTypeThatNamesAnotherManifestTypeThanTheMediaTypeFieldIsManifestInvalid() {
        V2.Response r = put("mismatch", "application/vnd.docker.distribution.manifest.v2+json", manifest(CONFIG.length, LAYER.length));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("\"MANIFEST_INVALID\""), r.body());
    }

    @Test
    void aContentTypeThatIsNoManifestTypeLeavesTheMediaTypeFieldInCharge() {
        assertEquals(201, put("generic", "application/json", manifest(CONFIG.length, LAYER.length)).status());
        V2.Response got = v2.send("HEAD", "/v2/" + REPO + "/manifests/generic", null, null);
        assertEquals(200, got.status());
    }
}
