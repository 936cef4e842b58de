package dev.wharf.registry;

import dev.wharf.testing.TestServer;
import dev.wharf.testing.V2;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits and filters are decided once, in registry, and both doors follow them. */
class RulesDecidedInRegistryTest {
    private static final byte[] CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);

    /** A valid image manifest of about {@code bytes} bytes (a long annotation pads it). */
    private static String manifest(int bytes) {
        String head = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + V2.digest(CONFIG) + "\",\"size\":" + CONFIG.length
                + "},\"layers\":[],\"annotations\":{\"pad\":\"";
        return head + "x".repeat(Math.max(0, bytes - head.length() - 3)) + "\"}}";
    }

    private static V2 v2(TestServer s, EcrClient ecr) {
        return new V2(s.port(), null, ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken());
    }

    @Test
    void putImageTakesManifestsUpToTheConfiguredLimitNotAFixedFourMebibytes() {
        Map<String, String> env = Map.of("WHARF_LIMITS_MAX_MANIFEST_BYTES", String.valueOf(6 << 20),
                "WHARF_LIMITS_MAX_CONTROL_PLANE_BODY_BYTES", String.valueOf(16 << 20));
        try (TestServer s = TestServer.start(env); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("big/manifests"));
            V2 v2 = v2(s, ecr);
            assertEquals(201, v2.send("POST", "/v2/big/manifests/blobs/uploads/?digest=" + V2.digest(CONFIG), "application/octet-stream", CONFIG).status());
            String fiveMiB = manifest(5 << 20);
            ecr.putImage(r -> r.repositoryName("big/manifests").imageTag("five").imageManifest(fiveMiB));
            String sevenMiB = manifest(7 << 20);
            assertThrows(InvalidParameterException.class,
                    () -> ecr.putImage(r -> r.repositoryName("big/manifests").imageTag("seven").imageManifest(sevenMiB)));
            assertEquals(200, v2.pullManifest("big/manifests", "five").status());
        }
    }

    @Test
    void anArchivedImageStatusSelectsNothingAndAnUnknownOneIsInvalidParameter() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepository(r -> r.repositoryName("status/app"));
            assertEquals(201, v2(s, ecr).pushImage("status/app", "v1").status());
            assertEquals(1, ecr.describeImages(r -> r.repositoryName("status/app").filter(f -> f.imageStatus("ACTIVE"))).imageDetails().size());
            assertEquals(0, ecr.describeImages(r -> r.repositoryName("status/app").filter(f -> f.imageStatus("ARCHIVED"))).imageDetails().size());
            assertEquals(0, ecr.listImages(r -> r.repositoryName("status/app").filter(f -> f.imageStatus("ACTIVATING"))).imageIds().size());
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> ecr.listImages(r -> r.repositoryName("status/app").filter(f -> f.imageStatus("FROZEN"))));
            assertTrue(e.awsErrorDetails().errorMessage().contains("imageStatus"), e.getMessage());
            ImageDetail d = ecr.describeImages(r -> r.repositoryName("status/app")).imageDetails().get(0);
            assertEquals("application/vnd.oci.image.config.v1+json", d.artifactMediaType());
            assertEquals("ACTIVE", d.imageStatusAsString());
        }
    }
}
