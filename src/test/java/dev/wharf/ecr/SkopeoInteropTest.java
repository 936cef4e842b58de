package dev.wharf.ecr;

import dev.wharf.testing.WharfTest;
import dev.wharf.testing.MutableClock;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two doors are one registry: what the real {@code skopeo} pushes through {@code /v2/} the ECR
 * API reads, lists, downloads and deletes; what the layer API and PutImage build, skopeo pulls.
 */
@Tag("e2e")
@WharfTest
class SkopeoInteropTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static TestServer server;
    private static EcrClient ecr;
    private static Skopeo skopeo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start(TestServer s, EcrClient e, Skopeo loggedIn) {
        server = s;
        ecr = e;
        skopeo = loggedIn;
    }

    private static String repository() {
        String name = "interop/app-" + SEQ.incrementAndGet();
        ecr.createRepository(r -> r.repositoryName(name));
        return name;
    }

    /** Writes an image of two layers tagged {@code tag} into {@code layout}, and pushes it with skopeo to {@code repo:tag}. */
    private static OciLayout.Descriptor pushed(Skopeo skopeo, OciLayout layout, String repo, String tag, long seed) {
        OciLayout.Descriptor image = layout.taggedImage(tag, seed, 3000, 70_000);
        skopeo.push(layout.reference(tag), repo, tag).expectOk();
        return image;
    }

    @Test
    void anImagePushedBySkopeoIsReadByBatchGetImageAndDescribeImagesUnchanged() {
        String repo = repository();
        OciLayout layout = new OciLayout(tmp.resolve("src"));
        OciLayout.Descriptor image = pushed(skopeo, layout, repo, "v1", 1);

        var got = ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(i -> i.imageTag("v1")));
        assertThat(got.failures()).isEmpty();
        assertThat(got.images()).singleElement().satisfies(i -> {
            assertThat(i.imageId().imageDigest()).isEqualTo(image.digest());
            assertThat(i.imageManifest().getBytes(StandardCharsets.UTF_8)).isEqualTo(layout.read(image.digest()));
            assertThat(i.imageManifestMediaType()).isEqualTo(OciLayout.OCI_MANIFEST);
        });
        ImageDetail detail = ecr.describeImages(r -> r.repositoryName(repo)).imageDetails().get(0);
        assertThat(detail.imageDigest()).isEqualTo(image.digest());
        assertThat(detail.imageTags()).containsExactly("v1");
        assertThat(detail.imageManifestMediaType()).isEqualTo(OciLayout.OCI_MANIFEST);
        assertThat(detail.artifactMediaType()).isEqualTo(OciLayout.OCI_CONFIG);
        // Wharf's imageSizeInBytes (ParsedManifest.imageSize): the config and the layers as stored, compressed.
        List<OciLayout.Descriptor> layers = layout.layers(image);
        assertThat(detail.imageSizeInBytes()).isEqualTo(layout.config(image).size() + layers.get(0).size() + layers.get(1).size());
        assertThat(detail.imagePushedAt()).isNotNull();
    }

    @Test
    void anImageBuiltWithTheLayerPartApiAndPutImageIsPulledBySkopeoByteForByte() {
        String repo = repository();
        // Six and a half MiB: a 5 MiB part (ECR's minimum for all parts but the last) and a smaller last part.
        OciLayout built = new OciLayout(tmp.resolve("built"));
        OciLayout.Descriptor image = built.image("linux", "amd64", 7, 6 * 1024 * 1024 + 512 * 1024);
        byte[] layer = built.read(built.layers(image).get(0).digest());
        assertThat(layer.length).isGreaterThan(5 * 1024 * 1024);
        byte[] config = built.read(built.config(image).digest());
        uploadInParts(repo, layer, 5 * 1024 * 1024);
        uploadInParts(repo, config, config.length);
        byte[] manifest = built.read(image.digest());
        ecr.putImage(r -> r.repositoryName(repo).imageTag("api").imageManifest(new String(manifest, StandardCharsets.UTF_8))
                .imageManifestMediaType(OciLayout.OCI_MANIFEST));

        Path pulled = tmp.resolve("pulled");
        skopeo.pull(repo + ":api", pulled, "api").expectOk();
        assertThat(OciLayout.taggedDigest(pulled, "api")).isEqualTo(OciClient.sha256(manifest));
        assertThat(OciLayout.blob(pulled, OciClient.sha256(manifest))).isEqualTo(manifest);
        assertThat(OciLayout.blob(pulled, OciClient.sha256(config))).isEqualTo(config);
        assertThat(OciLayout.blob(pulled, OciClient.sha256(layer))).isEqualTo(layer);
    }

    /** InitiateLayerUpload, UploadLayerPart for each {@code partSize} slice, CompleteLayerUpload. */
    private static void uploadInParts(String repo, byte[] blob, int partSize) {
        String id = ecr.initiateLayerUpload(r -> r.repositoryName(repo)).uploadId();
        for (int first = 0; first < blob.length; first += partSize) {
            int from = first;
            int to = Math.min(blob.length, first + partSize);
            ecr.uploadLayerPart(r -> r.repositoryName(repo).uploadId(id).partFirstByte((long) from).partLastByte((long) to - 1)
                    .layerPartBlob(SdkBytes.fromByteArray(Arrays.copyOfRange(blob, from, to))));
        }
        var done = ecr.completeLayerUpload(r -> r.repositoryName(repo).uploadId(id).layerDigests(OciClient.sha256(blob)));
        assertThat(done.layerDigest()).isEqualTo(OciClient.sha256(blob));
    }

    @Test
    void aLayerPushedBySkopeoDownloadsFromItsUrlWithoutCredentialsAndOnlyUntouchedAndInTime() throws Exception {
        // Its own server: moving the clock past the URL's 15 minutes would expire the shared server's SigV4 requests too.
        MutableClock clock = new MutableClock();
        try (TestServer s = TestServer.start(Map.of(), clock); EcrClient own = s.ecr()) {
            own.createRepository(r -> r.repositoryName("layers"));
            OciLayout layout = new OciLayout(tmp.resolve("src"));
            OciLayout.Descriptor image = pushed(Skopeo.loggedIn(s, own), layout, "layers", "v1", 3);
            List<OciLayout.Descriptor> layers = layout.layers(image);
            String url = own.getDownloadUrlForLayer(r -> r.repositoryName("layers").layerDigest(layers.get(1).digest())).downloadUrl();

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> ok = get(http, url);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo(layout.read(layers.get(1).digest()));

            String otherLayer = url.replace(layers.get(1).digest().substring(7), layers.get(0).digest().substring(7));
            String otherSignature = url.substring(0, url.length() - 1) + (url.endsWith("0") ? "1" : "0");
            String longerLife = url.replaceFirst("X-Wharf-Expires=(\\d+)", "X-Wharf-Expires=9$1");
            for (String tampered : List.of(otherLayer, otherSignature, longerLife)) {
                assertThat(get(http, tampered).statusCode()).as(tampered).isEqualTo(403);
            }
            clock.advance(Duration.ofMinutes(16));
            assertThat(get(http, url).statusCode()).as("16 minutes later").isEqualTo(403);
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void batchDeleteImageByTagAndByDigestIsSeenBySkopeo() {
        String repo = repository();
        OciLayout layout = new OciLayout(tmp.resolve("src"));
        OciLayout.Descriptor image = pushed(skopeo, layout, repo, "v1", 4);
        assertThat(skopeo.push(layout.reference("v1"), repo, "v2").ok()).isTrue();

        var byTag = ecr.batchDeleteImage(r -> r.repositoryName(repo).imageIds(i -> i.imageTag("v1")));
        assertThat(byTag.failures()).isEmpty();
        Skopeo.Result gone = skopeo.inspectRaw(repo + ":v1");
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.output()).contains("manifest unknown");
        Skopeo.Result kept = skopeo.inspectRaw(repo + "@" + image.digest());
        assertThat(kept.ok()).as("the digest is still tagged v2: " + kept.output()).isTrue();

        var byDigest = ecr.batchDeleteImage(r -> r.repositoryName(repo).imageIds(i -> i.imageDigest(image.digest())));
        assertThat(byDigest.imageIds()).extracting(i -> i.imageTag()).containsExactly("v2");
        assertThat(skopeo.inspectRaw(repo + "@" + image.digest()).exit()).isNotZero();
        assertThat(skopeo.inspectRaw(repo + ":v2").exit()).isNotZero();
    }

    @Test
    void anImmutableRepositoryRefusesSkopeosPushOverAnExistingTagWithEcrsMessage() {
        String repo = repository();
        OciLayout.Descriptor first = pushed(skopeo, new OciLayout(tmp.resolve("first")), repo, "release", 5);
        ecr.putImageTagMutability(r -> r.repositoryName(repo).imageTagMutability(ImageTagMutability.IMMUTABLE));

        OciLayout second = new OciLayout(tmp.resolve("second"));
        second.taggedImage("release", 6, 1000);
        Skopeo.Result r = skopeo.push(second.reference("release"), repo, "release");
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("The image tag 'release' already exists in the '" + repo
                + "' repository and cannot be overwritten because the repository is immutable.");
        assertThat(ecr.batchGetImage(b -> b.repositoryName(repo).imageIds(i -> i.imageTag("release"))).images().get(0)
                .imageId().imageDigest()).isEqualTo(first.digest());
        assertThat(skopeo.push(second.reference("release"), repo, "release-2").ok()).as("a new tag is still accepted").isTrue();
    }
}
