package dev.wharf.ecr;

import dev.wharf.testing.WharfTest;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EmptyUploadException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.LayerFailureCode;
import software.amazon.awssdk.services.ecr.model.LayerInaccessibleException;
import software.amazon.awssdk.services.ecr.model.LayerPartTooSmallException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.UploadNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import static dev.wharf.ecr.EcrFixtures.randomBytes;
import static dev.wharf.ecr.EcrFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The layer API, with small part limits so that the part rules can be exercised with small bodies. */
@WharfTest(env = {"WHARF_LIMITS_MIN_LAYER_PART_BYTES=1024", "WHARF_LIMITS_MAX_LAYER_PART_BYTES=4096",
        "WHARF_LIMITS_MAX_LAYER_PARTS=3"})
class LayerOperationsTest {
    private static TestServer server;
    private static EcrClient ecr;

    @BeforeAll
    static void start(TestServer s, EcrClient e) {
        server = s;
        ecr = e;
        ecr.createRepository(r -> r.repositoryName("layers"));
    }

    private static String initiate() {
        var r = ecr.initiateLayerUpload(b -> b.repositoryName("layers"));
        assertThat(r.partSize()).isEqualTo(1024L);
        return r.uploadId();
    }

    private static long part(String id, long first, byte[] bytes) {
        return ecr.uploadLayerPart(r -> r.repositoryName("layers").uploadId(id).partFirstByte(first)
                .partLastByte(first + bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes))).lastByteReceived();
    }

    @Test
    void aLayerUploadedInPartsIsAvailableWithItsSize() {
        byte[] layer = randomBytes(2500, 1);
        String id = initiate();
        assertThat(part(id, 0, Arrays.copyOfRange(layer, 0, 1200))).isEqualTo(1199);
        assertThat(part(id, 1200, Arrays.copyOfRange(layer, 1200, 2400))).isEqualTo(2399);
        assertThat(part(id, 2400, Arrays.copyOfRange(layer, 2400, 2500))).isEqualTo(2499);
        var done = ecr.completeLayerUpload(r -> r.repositoryName("layers").uploadId(id).layerDigests(sha256(layer)));
        assertThat(done.layerDigest()).isEqualTo(sha256(layer));
        var check = ecr.batchCheckLayerAvailability(r -> r.repositoryName("layers").layerDigests(sha256(layer), "sha256:" + "9".repeat(64), "bad"));
        assertThat(check.layers()).singleElement().satisfies(l -> {
            assertThat(l.layerSize()).isEqualTo(2500L);
            assertThat(l.layerAvailabilityAsString()).isEqualTo("AVAILABLE");
        });
        assertThat(check.failures()).extracting(f -> f.failureCode())
                .containsExactly(LayerFailureCode.MISSING_LAYER_DIGEST, LayerFailureCode.INVALID_LAYER_DIGEST);
    }

    @Test
    void aPartThatDoesNotStartWhereTheUploadEndsIsInvalidLayerPart() {
        String id = initiate();
        part(id, 0, randomBytes(1500, 2));
        assertThatThrownBy(() -> part(id, 1000, randomBytes(100, 3))).isInstanceOf(InvalidLayerPartException.class)
                .hasMessageContaining("next part starts at byte 1500");
        assertThatThrownBy(() -> ecr.uploadLayerPart(r -> r.repositoryName("layers").uploadId(id).partFirstByte(1500L)
                .partLastByte(1600L).layerPartBlob(SdkBytes.fromByteArray(new byte[10])))).isInstanceOf(InvalidLayerPartException.class);
    }

    @Test
    void aPartAboveTheMaximumPartSizeIsLimitExceeded() {
        String id = initiate();
        assertThatThrownBy(() -> part(id, 0, new byte[4097])).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("maximum layer part size is 4096");
    }

    @Test
    void morePartsThanTheMaximumIsLimitExceeded() {
        String id = initiate();
        for (int i = 0; i < 3; i++) part(id, i * 1024L, randomBytes(1024, i));
        assertThatThrownBy(() -> part(id, 3072, new byte[10])).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("maximum number of layer parts per upload is 3");
    }

    @Test
    void aSmallPartBeforeTheLastIsLayerPartTooSmallAtCompletion() {
        byte[] a = randomBytes(100, 4);
        byte[] b = randomBytes(100, 5);
        String id = initiate();
        part(id, 0, a);
        part(id, 100, b);
        byte[] all = new byte[200];
        System.arraycopy(a, 0, all, 0, 100);
        System.arraycopy(b, 0, all, 100, 100);
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName("layers").uploadId(id).layerDigests(sha256(all))))
                .isInstanceOf(LayerPartTooSmallException.class).hasMessageContaining("1024 bytes");
    }

    @Test
    void completingAnUploadWithoutPartsIsEmptyUpload() {
        String id = initiate();
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName("layers").uploadId(id).layerDigests(sha256(new byte[0]))))
                .isInstanceOf(EmptyUploadException.class);
    }

    @Test
    void aDigestThatDoesNotMatchTheBytesIsInvalidLayer() {
        String id = initiate();
        part(id, 0, randomBytes(50, 6));
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName("layers").uploadId(id).layerDigests("sha256:" + "a".repeat(64))))
                .isInstanceOf(InvalidLayerException.class);
    }

    @Test
    void uploadingALayerTheRepositoryHasIsLayerAlreadyExists() {
        byte[] layer = randomBytes(60, 7);
        EcrFixtures.uploadLayer(ecr, "layers", layer);
        String id = initiate();
        part(id, 0, layer);
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName("layers").uploadId(id).layerDigests(sha256(layer))))
                .isInstanceOf(LayerAlreadyExistsException.class);
    }

    @Test
    void anUnknownUploadIsUploadNotFound() {
        String unknown = "12345678-1234-1234-1234-123456789012";
        assertThatThrownBy(() -> part(unknown, 0, new byte[10])).isInstanceOf(UploadNotFoundException.class);
        assertThatThrownBy(() -> ecr.completeLayerUpload(r -> r.repositoryName("layers").uploadId(unknown).layerDigests(sha256(new byte[1]))))
                .isInstanceOf(UploadNotFoundException.class);
    }

    @Test
    void theDownloadUrlOfAnImageLayerServesItsBytesWithoutCredentialsAndOnlyThatLayer() throws Exception {
        ecr.createRepository(r -> r.repositoryName("layers/download"));
        String image = EcrFixtures.pushImage(ecr, "layers/download", "v1", 8);
        byte[] layer = randomBytes(1024, 8);
        var url = ecr.getDownloadUrlForLayer(r -> r.repositoryName("layers/download").layerDigest(sha256(layer)));
        assertThat(url.layerDigest()).isEqualTo(sha256(layer));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(URI.create(url.downloadUrl())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(layer);
        String tampered = url.downloadUrl().replace(sha256(layer).substring(7), sha256(new byte[]{1}).substring(7));
        assertThat(tampered).isNotEqualTo(url.downloadUrl());
        assertThat(http.send(HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode())
                .isEqualTo(403);
        String expired = url.downloadUrl().replaceAll("X-Wharf-Expires=\\d+", "X-Wharf-Expires=1");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(expired)).build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode())
                .isEqualTo(403);
        assertThat(image).startsWith("sha256:");
    }

    @Test
    void aLayerNoImageReferencesIsInaccessibleAndAnUnknownOneIsNotFound() {
        byte[] layer = randomBytes(70, 9);
        EcrFixtures.uploadLayer(ecr, "layers", layer);
        assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(r -> r.repositoryName("layers").layerDigest(sha256(layer))))
                .isInstanceOf(LayerInaccessibleException.class);
        assertThatThrownBy(() -> ecr.getDownloadUrlForLayer(r -> r.repositoryName("layers").layerDigest("sha256:" + "b".repeat(64))))
                .isInstanceOf(LayersNotFoundException.class);
    }
}
