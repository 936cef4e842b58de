package dev.wharf.oci;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.testing.OciClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the OCI distribution-spec conformance suite ({@code conformance/}: setup.go and the
 * Pull, Push, Content Discovery and Content Management workflows, in that order, against one
 * namespace) over raw HTTP, with the suite's documents and its assertions: each
 * {@code g.Specify} is one named check here, and every failing check is reported at once.
 *
 * <p>Run as the suite would be: OCI_NAMESPACE and OCI_CROSSMOUNT_NAMESPACE created beforehand,
 * OCI_DELETE_MANIFEST_BEFORE_BLOBS left at its default (true), OCI_AUTOMATIC_CROSSMOUNT unset or
 * false. The push checks for the documents only the newest setup.go builds (empty-config,
 * subject, annotations, 4 MB layer, layer media types, nested index, an empty media type) assert
 * what the distribution-spec and image-spec require of them.
 *
 * <p>A subclass names the registry the replay runs against in its {@code @BeforeAll}, with
 * {@link #replayAgainst}: one in-process server ({@link ConformanceWorkflowsTest}), or a deployment
 * of several nodes behind a load balancer ({@code ClusterConformanceWorkflowsTest}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConformanceWorkflows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter INDENT = new DefaultPrettyPrinter();
    private static final String NS = "conformance/namespace";
    private static final String CROSS = "conformance/crossmount";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String EMPTY = "application/vnd.oci.empty.v1+json";
    private static final String ANNOTATION = "org.opencontainers.conformance.test";
    private static final String TYPE_A = "application/vnd.nhl.peanut.butter.bagel";
    private static final String TYPE_B = "application/vnd.nba.strawberry.jam.croissant";
    private static final String TYPE_INDEX = "application/vnd.food.stand";
    private static final String TEST_TAG = "tagtest0";
    private static final String EMPTY_LAYER_TAG = "emptylayer";
    private static final String NONEXISTENT_MANIFEST = ".INVALID_MANIFEST_NAME";
    private static final List<String> ERROR_CODES = List.of("BLOB_UNKNOWN", "BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN",
            "DIGEST_INVALID", "MANIFEST_BLOB_UNKNOWN", "MANIFEST_INVALID", "MANIFEST_UNKNOWN", "MANIFEST_UNVERIFIED",
            "NAME_INVALID", "NAME_UNKNOWN", "SIZE_INVALID", "TAG_INVALID", "UNAUTHORIZED", "DENIED", "UNSUPPORTED");
    // setup.go: `echo 'you bothered to find out what was in here. Congratulations!' > test.txt; tar czvf`
    private static final byte[] LAYER = Base64.getDecoder().decode(
            "H4sIAAAAAAAAA+3OQQrCMBCF4a49xXgBSUnaHMCTRBptQRNpp6i3t0UEV7oqIv7fYgbmzeJpHHSjVy0"
            + "WZCa1c/MufWVe94N3RWlrZ72x3k/30nhbFWKWLPU0Dhp6keJ8im//PuU/6pZH2WVtYx8b0Sz7LjWSR5VLG6YRBumSzOlGtjkd+qD"
            + "jMWiX07Befbs7AAAAAAAAAAAAAAAAAPyzO34MnqoAKAAA");

    private static OciClient oci;
    private static final List<String> failures = new ArrayList<>();
    private static int checks;

    // setup.go's fixtures
    private static final List<byte[]> configs = new ArrayList<>();
    private static final List<byte[]> manifests = new ArrayList<>();
    private static final byte[] emptyJson = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] refBlobA = "NHL Peanut Butter on my NHL bagel".getBytes(StandardCharsets.UTF_8);
    private static final byte[] refBlobB = "NBA Strawberry Jam on my NBA croissant".getBytes(StandardCharsets.UTF_8);
    private static final byte[] blobA = random(42, 1);
    private static final byte[] blobB = random(42, 2);
    private static final byte[] blob4MB = random(4 * 1024 * 1024, 3);
    private static final String dummyDigest = OciClient.sha256("hello world".getBytes(StandardCharsets.UTF_8));
    private static final Map<String, String> annotationValues = new HashMap<>();
    private static byte[] emptyLayerManifest, emptyConfigManifest, emptyMediaTypeManifest;
    private static byte[] configTypeManifest, layerTypeManifest, artifactTypeManifest, subjectManifest, annotationManifest, manifest4MB;
    private static final List<byte[]> tarManifests = new ArrayList<>();
    private static byte[] refsAConfig, refsBConfig, refsALayer, refsBLayer, refsCLayer, refsIndex; // refsCLayer: the dangling-subject artifact
    private static byte[] pushIndex, pushNestedIndex, danglingSubject, sizelessConfigA, sizelessConfigB;

    /**
     * Points the replay at a registry, reached through {@code client}; {@code createRepositories}
     * creates the suite's two namespaces there. Starts from a clean slate: a JVM runs one subclass
     * after another.
     */
    static void replayAgainst(OciClient client, Consumer<String[]> createRepositories) {
        oci = client;
        failures.clear();
        checks = 0;
        configs.clear();
        manifests.clear();
        tarManifests.clear();
        annotationValues.clear();
        createRepositories.accept(new String[] {NS, CROSS});
        buildFixtures();
    }

    // ================================================================ 01 Pull

    @Test
    @Order(1)
    void pullWorkflowPassesEveryCheck() {
        specify("Pull/Setup: populate registry with test blob config[0]", () -> pushBlobViaSession(configs.get(0)));
        specify("Pull/Setup: populate registry with test blob config[1]", () -> pushBlobViaSession(configs.get(1)));
        specify("Pull/Setup: populate registry with test layer", () -> pushBlobViaSession(LAYER));
        specify("Pull/Setup: populate registry with test manifest (tag)", () ->
                expect2xx(send("PUT", manifestPath(TEST_TAG), Map.of("Content-Type", OCI_MANIFEST), manifests.get(0))));
        specify("Pull/Setup: populate registry with test manifest (digest)", () ->
                expect2xx(send("PUT", manifestPath(digest(manifests.get(1))), Map.of("Content-Type", OCI_MANIFEST), manifests.get(1))));

        specify("Pull blobs: HEAD request to nonexistent blob should result in 404 response", () ->
                expectStatus(send("HEAD", blobPath(dummyDigest)), 404));
        specify("Pull blobs: HEAD request to existing blob should yield 200", () -> {
            HttpResponse<byte[]> r = send("HEAD", blobPath(digest(configs.get(0))));
            expectStatus(r, 200);
            r.headers().firstValue("Docker-Content-Digest").ifPresent(h -> assertEquals(digest(configs.get(0)), h));
        });
        specify("Pull blobs: GET nonexistent blob should result in 404 response", () ->
                expectStatus(send("GET", blobPath(dummyDigest)), 404));
        specify("Pull blobs: GET request to existing blob URL should yield 200", () ->
                expectStatus(send("GET", blobPath(digest(configs.get(0)))), 200));

        specify("Pull manifests: HEAD request to nonexistent manifest should return 404", () ->
                expectStatus(send("HEAD", manifestPath(NONEXISTENT_MANIFEST)), 404));
        for (int i = 0; i < 2; i++) {
            byte[] m = manifests.get(i);
            specify("Pull manifests: HEAD request to manifest[" + i + "] path (digest) should yield 200 response", () -> {
                HttpResponse<byte[]> r = send("HEAD", manifestPath(digest(m)), Map.of("Accept", OCI_MANIFEST), null);
                expectStatus(r, 200);
                r.headers().firstValue("Docker-Content-Digest").ifPresent(h -> assertEquals(digest(m), h));
            });
        }
        specify("Pull manifests: HEAD request to manifest path (tag) should yield 200 response", () -> {
            HttpResponse<byte[]> r = send("HEAD", manifestPath(TEST_TAG), Map.of("Accept", OCI_MANIFEST), null);
            expectStatus(r, 200);
            r.headers().firstValue("Docker-Content-Digest").ifPresent(h -> assertEquals(digest(manifests.get(0)), h));
        });
        specify("Pull manifests: GET nonexistent manifest should return 404", () ->
                expectStatus(send("GET", manifestPath(NONEXISTENT_MANIFEST)), 404));
        for (int i = 0; i < 2; i++) {
            byte[] m = manifests.get(i);
            specify("Pull manifests: GET request to manifest[" + i + "] path (digest) should yield 200 response", () ->
                    expectStatus(send("GET", manifestPath(digest(m)), Map.of("Accept", OCI_MANIFEST), null), 200));
        }
        specify("Pull manifests: GET request to manifest path (tag) should yield 200 response", () ->
                expectStatus(send("GET", manifestPath(TEST_TAG), Map.of("Accept", OCI_MANIFEST), null), 200));

        specify("Pull error codes: 400 response body should contain OCI-conforming JSON message", () -> {
            HttpResponse<byte[]> r = send("GET", manifestPath("sha256:totallywrong"),
                    Map.of("Content-Type", OCI_MANIFEST), "blablabla".getBytes(StandardCharsets.UTF_8));
            expectAny(r, s -> s == 400 || s == 404);
            if (r.statusCode() == 400) assertTrue(ERROR_CODES.contains(firstErrorCode(r)), body(r));
        });

        // Teardown with OCI_DELETE_MANIFEST_BEFORE_BLOBS=true (the default)
        for (int i = 0; i < 2; i++) {
            byte[] m = manifests.get(i);
            specify("Pull/Teardown: delete manifest[" + i + "] created in setup", () ->
                    expectAny(send("DELETE", manifestPath(digest(m))), s -> is2xx(s) || s == 405));
        }
        for (int i = 0; i < 2; i++) {
            byte[] c = configs.get(i);
            specify("Pull/Teardown: delete config[" + i + "] blob created in setup", () ->
                    expectAny(send("DELETE", blobPath(digest(c))), s -> is2xx(s) || s == 404 || s == 405));
        }
        specify("Pull/Teardown: delete layer blob created in setup", () ->
                expectAny(send("DELETE", blobPath(digest(LAYER))), s -> is2xx(s) || s == 404 || s == 405));
        report("Pull");
    }

    // ================================================================ 02 Push

    @Test
    @Order(2)
    void pushWorkflowPassesEveryCheck() {
        Map<String, HttpResponse<byte[]>> last = new HashMap<>();
        specify("Push/Setup: upload empty JSON blob needed for further tests", () -> {
            assertEquals("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", digest(emptyJson));
            pushBlobViaSession(emptyJson);
        });
        specify("Push/Setup: upload blob needed for further tests", () -> pushBlobViaSession(refBlobA));

        specify("Push/Blob Upload Streamed: PATCH request with blob in body should yield 202 response", () -> {
            HttpResponse<byte[]> post = send("POST", uploadsPath(NS));
            assertTrue(post.headers().firstValue("Location").isPresent(), "POST gives no Location");
            HttpResponse<byte[]> r = send("PATCH", relativeLocation(post), Map.of("Content-Type", "application/octet-stream"), blobA);
            expectStatus(r, 202);
            last.put("streamed", r);
        });
        specify("Push/Blob Upload Streamed: PUT request to session URL with digest should yield 201 response", () -> {
            HttpResponse<byte[]> r = send("PUT", withQuery(relativeLocation(last.get("streamed")), "digest", digest(blobA)),
                    Map.of("Content-Type", "application/octet-stream"), null);
            expectStatus(r, 201);
            assertLocation(r);
        });

        specify("Push/Blob Upload Monolithic: GET nonexistent blob should result in 404 response", () ->
                expectStatus(send("GET", blobPath(dummyDigest)), 404));
        specify("Push/Blob Upload Monolithic: POST request with digest and blob should yield a 201 or 202", () -> {
            HttpResponse<byte[]> r = send("POST", withQuery(uploadsPath(NS), "digest", digest(configs.get(1))),
                    Map.of("Content-Type", "application/octet-stream"), configs.get(1));
            assertLocation(r);
            expectAny(r, s -> s == 201 || s == 202);
            last.put("monolithic", r);
        });
        specify("Push/Blob Upload Monolithic: GET request to blob URL from prior request should yield 200 or 404 based on response code", () -> {
            HttpResponse<byte[]> r = send("GET", blobPath(digest(configs.get(1))));
            expectStatus(r, last.get("monolithic").statusCode() == 202 ? 404 : 200);
        });
        specify("Push/Blob Upload Monolithic: POST request should yield a session ID", () -> {
            HttpResponse<byte[]> r = send("POST", uploadsPath(NS));
            expectStatus(r, 202);
            last.put("session", r);
        });
        specify("Push/Blob Upload Monolithic: PUT upload of a blob should yield a 201 Response", () -> {
            HttpResponse<byte[]> r = send("PUT", withQuery(relativeLocation(last.get("session")), "digest", digest(configs.get(1))),
                    Map.of("Content-Type", "application/octet-stream"), configs.get(1));
            assertLocation(r);
            expectStatus(r, 201);
        });
        specify("Push/Blob Upload Monolithic: GET request to existing blob should yield 200 response", () ->
                expectStatus(send("GET", blobPath(digest(configs.get(1)))), 200));
        specify("Push/Blob Upload Monolithic: PUT upload of a layer blob should yield a 201 Response", () -> {
            HttpResponse<byte[]> post = send("POST", uploadsPath(NS));
            HttpResponse<byte[]> r = send("PUT", withQuery(relativeLocation(post), "digest", digest(LAYER)),
                    Map.of("Content-Type", "application/octet-stream"), LAYER);
            assertLocation(r);
            expectStatus(r, 201);
        });
        specify("Push/Blob Upload Monolithic: GET request to existing layer should yield 200 response", () ->
                expectStatus(send("GET", blobPath(digest(LAYER))), 200));

        // setupChunkedBlob(42): chunk 1 is bytes 0-21, chunk 2 bytes 22-41
        byte[] chunk1 = Arrays.copyOfRange(blobB, 0, 22);
        byte[] chunk2 = Arrays.copyOfRange(blobB, 22, 42);
        String range1 = "0-21";
        String range2 = "22-41";
        specify("Push/Blob Upload Chunked: out-of-order blob upload should return 416", () -> {
            HttpResponse<byte[]> post = send("POST", uploadsPath(NS));
            assertLocation(post);
            assertTrue(post.headers().firstValue("OCI-Chunk-Min-Length").isEmpty(),
                    "a minimum chunk length above 22 bytes would make the suite rebuild its chunks");
            expectStatus(send("PATCH", relativeLocation(post),
                    Map.of("Content-Type", "application/octet-stream", "Content-Range", range2), chunk2), 416);
        });
        specify("Push/Blob Upload Chunked: PATCH request with first chunk should return 202", () -> {
            HttpResponse<byte[]> post = send("POST", uploadsPath(NS));
            assertLocation(post);
            last.put("prev", post);
            HttpResponse<byte[]> r = send("PATCH", relativeLocation(post),
                    Map.of("Content-Type", "application/octet-stream", "Content-Range", range1), chunk1);
            expectStatus(r, 202);
            assertEquals(range1, r.headers().firstValue("Range").orElse(""));
            last.put("chunk", r);
        });
        specify("Push/Blob Upload Chunked: retry previous blob chunk should return 416", () ->
                expectStatus(send("PATCH", relativeLocation(last.get("prev")),
                        Map.of("Content-Type", "application/octet-stream", "Content-Range", range1), chunk1), 416));
        specify("Push/Blob Upload Chunked: GET on stale blob upload should return 204 with a range and location", () -> {
            HttpResponse<byte[]> r = send("GET", relativeLocation(last.get("prev")));
            expectStatus(r, 204);
            assertLocation(r);
            assertEquals(range1, r.headers().firstValue("Range").orElse(""));
            last.put("chunk", r);
        });
        specify("Push/Blob Upload Chunked: PATCH request with second chunk should return 202", () -> {
            HttpResponse<byte[]> r = send("PATCH", relativeLocation(last.get("chunk")),
                    Map.of("Content-Type", "application/octet-stream", "Content-Range", range2), chunk2);
            expectStatus(r, 202);
            assertEquals("0-41", r.headers().firstValue("Range").orElse(""));
            assertLocation(r);
            last.put("chunk", r);
        });
        specify("Push/Blob Upload Chunked: PUT request with digest should return 201", () -> {
            HttpResponse<byte[]> r = send("PUT", withQuery(relativeLocation(last.get("chunk")), "digest", digest(blobB)),
                    Map.of("Content-Type", "application/octet-stream"), null);
            expectStatus(r, 201);
            assertLocation(r);
        });

        specify("Push/Cross-Repository Blob Mount: cross-mounting of a blob without the from argument should yield session id", () -> {
            HttpResponse<byte[]> r = send("POST", withQuery(uploadsPath(CROSS), "mount", dummyDigest));
            expectStatus(r, 202);
            assertLocation(r);
        });
        specify("Push/Cross-Repository Blob Mount: POST request to mount another repository's blob should return 201 or 202", () -> {
            HttpResponse<byte[]> r = send("POST", withQuery(withQuery(uploadsPath(CROSS), "mount", digest(blobA)), "from", NS));
            expectAny(r, s -> s == 201 || s == 202);
            last.put("mount", r);
        });
        specify("Push/Cross-Repository Blob Mount: GET request to test digest within cross-mount namespace should return 200", () -> {
            assertEquals(201, last.get("mount").statusCode(), "Wharf mounts a readable blob");
            assertEquals("/v2/" + CROSS + "/blobs/" + digest(blobA), relativeLocation(last.get("mount")));
            expectStatus(send("GET", relativeLocation(last.get("mount"))), 200);
        });
        specify("Push/Cross-Repository Blob Mount: cross-mounting without from, and automatic content discovery disabled should return a 202", () ->
                expectStatus(send("POST", withQuery(uploadsPath(CROSS), "mount", digest(blobA))), 202));

        specify("Push/Manifest Upload: GET nonexistent manifest should return 404", () ->
                expectStatus(send("GET", manifestPath(NONEXISTENT_MANIFEST)), 404));
        specify("Push/Manifest Upload: PUT should accept a manifest upload", () -> {
            for (int i = 0; i < 4; i++) {
                HttpResponse<byte[]> r = send("PUT", manifestPath("test" + i), Map.of("Content-Type", OCI_MANIFEST), manifests.get(1));
                assertLocation(r);
                expectStatus(r, 201);
            }
        });
        specify("Push/Manifest Upload: registry should accept a manifest upload with no layers", () -> {
            HttpResponse<byte[]> r = send("PUT", manifestPath(EMPTY_LAYER_TAG), Map.of("Content-Type", OCI_MANIFEST), emptyLayerManifest);
            expectStatus(r, 201); // the suite only warns otherwise; Wharf accepts it
            assertLocation(r);
        });
        specify("Push/Manifest Upload: GET request to manifest URL (digest) should yield 200 response", () ->
                expectStatus(send("GET", manifestPath(digest(manifests.get(1))), Map.of("Accept", OCI_MANIFEST), null), 200));
        specify("Push/Manifest Upload: registry should accept a manifest upload with custom config/mediaType (as artifact type)", () ->
                expect2xx(putManifest(digest(configTypeManifest), OCI_MANIFEST, configTypeManifest)));
        specify("Push/Manifest Upload: registry should accept a manifest upload with custom artifactType", () ->
                expect2xx(putManifest(digest(artifactTypeManifest), OCI_MANIFEST, artifactTypeManifest)));
        specify("Push/Manifest Upload: registry should accept a manifest upload with image index", () -> {
            pushBlobViaSession(configs.get(0));
            expect2xx(putManifest(TEST_TAG, OCI_MANIFEST, manifests.get(0)));
            expect2xx(putManifest(digest(pushIndex), OCI_INDEX, pushIndex));
        });
        specify("Push/Manifest Upload: registry should accept a manifest upload with nested image index", () ->
                expect2xx(putManifest(digest(pushNestedIndex), OCI_INDEX, pushNestedIndex)));
        specify("Push/Manifest Upload: dangling subject", () -> {
            HttpResponse<byte[]> r = putManifest(digest(danglingSubject), OCI_MANIFEST, danglingSubject);
            expect2xx(r);
            // the suite's pattern ^[a-f0-9]+:[a-f0-9]+$ cannot match any "sha256:..." digest; the algorithm part is checked as a digest algorithm
            assertTrue(r.headers().firstValue("OCI-Subject").orElse("").matches("^[a-z0-9]+:[a-f0-9]+$"), "OCI-Subject: " + r.headers().map());
            assertEquals(digest(manifests.get(3)), r.headers().firstValue("OCI-Subject").orElse(""));
        });

        // The documents only the newest setup.go builds
        specify("Push/Manifest Upload: manifest with an empty config", () ->
                expectCreated(putManifest(digest(emptyConfigManifest), OCI_MANIFEST, emptyConfigManifest), emptyConfigManifest));
        specify("Push/Manifest Upload: manifest with a custom layer media type", () ->
                expectCreated(putManifest(digest(layerTypeManifest), OCI_MANIFEST, layerTypeManifest), layerTypeManifest));
        specify("Push/Manifest Upload: manifest with a subject that was pushed", () -> {
            HttpResponse<byte[]> r = putManifest(digest(subjectManifest), OCI_MANIFEST, subjectManifest);
            expectCreated(r, subjectManifest);
            assertEquals(digest(manifests.get(0)), r.headers().firstValue("OCI-Subject").orElse(""));
        });
        specify("Push/Manifest Upload: manifest with annotations", () ->
                expectCreated(putManifest(digest(annotationManifest), OCI_MANIFEST, annotationManifest), annotationManifest));
        specify("Push/Manifest Upload: 4 MB blob and a manifest of it", () -> {
            pushBlobViaSession(blob4MB);
            HttpResponse<byte[]> get = send("GET", blobPath(digest(blob4MB)));
            expectStatus(get, 200);
            assertEquals(blob4MB.length, get.body().length);
            expectCreated(putManifest(digest(manifest4MB), OCI_MANIFEST, manifest4MB), manifest4MB);
        });
        for (int i = 0; i < tarManifests.size(); i++) {
            byte[] m = tarManifests.get(i);
            specify("Push/Manifest Upload: manifest with layer media type #" + i, () -> {
                expectCreated(putManifest(digest(m), OCI_MANIFEST, m), m);
                HttpResponse<byte[]> get = send("GET", manifestPath(digest(m)), Map.of("Accept", OCI_MANIFEST), null);
                expectStatus(get, 200);
                assertTrue(Arrays.equals(m, get.body()), "the manifest comes back byte for byte");
            });
        }
        specify("Push/Manifest Upload: a manifest whose mediaType is the empty descriptor type is MANIFEST_INVALID", () -> {
            HttpResponse<byte[]> r = putManifest(digest(emptyMediaTypeManifest), OCI_MANIFEST, emptyMediaTypeManifest);
            expectStatus(r, 400);
            assertEquals("MANIFEST_INVALID", firstErrorCode(r));
        });
        specify("Push/Manifest Upload: manifests keep their data and unknown fields byte for byte", () -> {
            HttpResponse<byte[]> get = send("GET", manifestPath(digest(manifests.get(1))), Map.of("Accept", OCI_MANIFEST), null);
            expectStatus(get, 200);
            assertTrue(Arrays.equals(manifests.get(1), get.body()));
            assertEquals(OCI_MANIFEST, get.headers().firstValue("Content-Type").orElse(""));
            assertEquals(digest(manifests.get(1)), get.headers().firstValue("Docker-Content-Digest").orElse(""));
        });

        // Teardown, manifests before blobs
        specify("Push/Teardown: delete manifest created in tests", () -> {
            for (String d : List.of(digest(manifests.get(1)), digest(configTypeManifest), digest(artifactTypeManifest), digest(emptyLayerManifest))) {
                expectAny(send("DELETE", manifestPath(d)), s -> is2xx(s) || s == 405);
            }
        });
        specify("Push/Teardown: delete config blob created in tests", () ->
                expectAny(send("DELETE", blobPath(digest(configs.get(1)))), s -> is2xx(s) || s == 404 || s == 405));
        specify("Push/Teardown: delete layer blob created in setup", () -> {
            expectAny(send("DELETE", blobPath(digest(LAYER))), s -> is2xx(s) || s == 404 || s == 405);
            expectAny(send("DELETE", blobPath(digest(emptyJson))), s -> is2xx(s) || s == 404 || s == 405);
        });
        report("Push");
    }

    // ================================================================ 03 Content Discovery

    @Test
    @Order(3)
    void contentDiscoveryWorkflowPassesEveryCheck() {
        List<String> tagList = new ArrayList<>();
        int[] numTags = {4};
        specify("Discovery/Setup: populate registry with test blob", () -> pushBlobViaSession(configs.get(2)));
        specify("Discovery/Setup: populate registry with test layer", () -> pushBlobViaSession(LAYER));
        specify("Discovery/Setup: populate registry with test tags", () -> {
            for (int i = 0; i < 4; i++) {
                expect2xx(putManifest("test" + i, OCI_MANIFEST, manifests.get(2)));
                expect2xx(putManifest("TEST" + i, OCI_MANIFEST, manifests.get(2)));
            }
        });
        specify("Discovery/Setup: references setup", () -> {
            pushBlobViaSession(emptyJson);
            pushBlobViaSession(refBlobA);
            String subject4 = digest(manifests.get(4));
            HttpResponse<byte[]> r = putManifest(digest(refsAConfig), OCI_MANIFEST, refsAConfig);
            expect2xx(r);
            assertEquals(subject4, r.headers().firstValue("OCI-Subject").orElse(""));
            r = putManifest(digest(refsALayer), OCI_MANIFEST, refsALayer);
            expect2xx(r);
            assertEquals(subject4, r.headers().firstValue("OCI-Subject").orElse(""));
            r = putManifest(digest(refsIndex), OCI_INDEX, refsIndex);
            expect2xx(r);
            assertEquals(subject4, r.headers().firstValue("OCI-Subject").orElse(""));
            pushBlobViaSession(configs.get(4));
            pushBlobViaSession(LAYER);
            expect2xx(putManifest(TEST_TAG, OCI_MANIFEST, manifests.get(4)));
            pushBlobViaSession(refBlobB);
            r = putManifest(digest(refsBConfig), OCI_MANIFEST, refsBConfig);
            expect2xx(r);
            assertEquals(subject4, r.headers().firstValue("OCI-Subject").orElse(""));
            r = putManifest(digest(refsBLayer), OCI_MANIFEST, refsBLayer);
            expect2xx(r);
            assertEquals(subject4, r.headers().firstValue("OCI-Subject").orElse(""));
            r = putManifest(digest(refsCLayer), OCI_MANIFEST, refsCLayer);
            expect2xx(r);
            assertEquals(digest(manifests.get(3)), r.headers().firstValue("OCI-Subject").orElse(""));
        });

        specify("Discovery/Tags: GET request to list tags should yield 200 response and be in sorted order", () -> {
            HttpResponse<byte[]> r = send("GET", "/v2/" + NS + "/tags/list");
            expectStatus(r, 200);
            tagList.clear();
            tagList.addAll(tags(r));
            numTags[0] = tagList.size();
            List<String> lexical = new ArrayList<>(tagList);
            lexical.sort(String.CASE_INSENSITIVE_ORDER);
            List<String> ascii = new ArrayList<>(tagList);
            ascii.sort(null);
            assertTrue(tagList.equals(lexical) || tagList.equals(ascii), "unsorted: " + tagList);
            assertTrue(tagList.containsAll(List.of("test0", "TEST0", "test3", "TEST3")), "tags are case-sensitive: " + tagList);
        });
        specify("Discovery/Tags: GET number of tags should be limitable by `n` query parameter", () -> {
            int n = numTags[0] / 2;
            HttpResponse<byte[]> r = send("GET", "/v2/" + NS + "/tags/list?n=" + n);
            expectStatus(r, 200);
            assertEquals(n, tags(r).size());
        });
        specify("Discovery/Tags: GET start of tag is set by `last` query parameter", () -> {
            int n = numTags[0] / 2;
            List<String> first = tags(send("GET", "/v2/" + NS + "/tags/list?n=" + n));
            HttpResponse<byte[]> r = send("GET", withQuery("/v2/" + NS + "/tags/list?n=" + n, "last", first.get(n - 1)));
            expectStatus(r, 200);
            List<String> next = tags(r);
            assertTrue(next.size() <= n);
            assertTrue(!next.contains(first.get(n - 1)), "the page after last must not hold last: " + next);
            assertTrue(next.stream().allMatch(t -> t.compareTo(first.get(n - 1)) > 0), "tags after last: " + next);
        });

        specify("Discovery/Referrers: GET request to nonexistent blob should result in empty 200 response", () -> {
            HttpResponse<byte[]> r = send("GET", "/v2/" + NS + "/referrers/" + dummyDigest);
            expectStatus(r, 200);
            assertEquals(OCI_INDEX, r.headers().firstValue("Content-Type").orElse(""));
            assertEquals(0, JSON.readTree(r.body()).path("manifests").size());
        });
        specify("Discovery/Referrers: GET request to existing blob should yield 200", () -> {
            HttpResponse<byte[]> r = send("GET", "/v2/" + NS + "/referrers/" + digest(manifests.get(4)));
            expectStatus(r, 200);
            assertEquals(OCI_INDEX, r.headers().firstValue("Content-Type").orElse(""));
            JsonNode list = JSON.readTree(r.body()).path("manifests");
            assertEquals(5, list.size(), body(r));
            assertTrue(!list.get(0).path("digest").equals(list.get(1).path("digest")));
            assertAnnotationsCopied(list);
        });
        specify("Discovery/Referrers: GET request to existing blob with filter should yield 200", () -> {
            HttpResponse<byte[]> r = send("GET", withQuery("/v2/" + NS + "/referrers/" + digest(manifests.get(4)), "artifactType", TYPE_A));
            expectStatus(r, 200);
            assertEquals(OCI_INDEX, r.headers().firstValue("Content-Type").orElse(""));
            JsonNode list = JSON.readTree(r.body()).path("manifests");
            assertEquals("artifactType", r.headers().firstValue("OCI-Filters-Applied").orElse(""), "Wharf filters");
            assertEquals(2, list.size(), body(r));
            assertAnnotationsCopied(list);
        });
        specify("Discovery/Referrers: referrers whose config descriptor has size 0 are accepted (newest setup.go)", () -> {
            pushBlobViaSession(configs.get(0));
            for (byte[] m : List.of(sizelessConfigA, sizelessConfigB)) {
                HttpResponse<byte[]> r = putManifest(digest(m), OCI_MANIFEST, m);
                expect2xx(r);
                assertEquals(digest(manifests.get(4)), r.headers().firstValue("OCI-Subject").orElse(""));
            }
            HttpResponse<byte[]> r = send("GET", withQuery("/v2/" + NS + "/referrers/" + digest(manifests.get(4)), "artifactType",
                    "application/vnd.oci.descriptor.v1+json"));
            expectStatus(r, 200);
            assertEquals("artifactType", r.headers().firstValue("OCI-Filters-Applied").orElse(""));
            assertEquals(1, JSON.readTree(r.body()).path("manifests").size(), body(r));
            for (byte[] m : List.of(sizelessConfigA, sizelessConfigB)) {
                expectAny(send("DELETE", manifestPath(digest(m))), s -> is2xx(s) || s == 404 || s == 405);
            }
        });
        specify("Discovery/Referrers: GET request to missing manifest should yield 200", () -> {
            HttpResponse<byte[]> r = send("GET", "/v2/" + NS + "/referrers/" + digest(manifests.get(3)));
            expectStatus(r, 200);
            assertEquals(OCI_INDEX, r.headers().firstValue("Content-Type").orElse(""));
            JsonNode list = JSON.readTree(r.body()).path("manifests");
            assertEquals(1, list.size(), body(r));
            assertEquals(digest(refsCLayer), list.get(0).path("digest").asText());
        });

        specify("Discovery/Teardown: delete created manifest & associated tags", () -> {
            for (String ref : List.of(digest(refsIndex), digest(manifests.get(2)), digest(manifests.get(4)), digest(refsAConfig),
                    digest(refsALayer), TEST_TAG, digest(refsBConfig), digest(refsBLayer), digest(refsCLayer))) {
                expectAny(send("DELETE", manifestPath(ref)), s -> is2xx(s) || s == 405 || s == 404);
            }
        });
        specify("Discovery/Teardown: delete config blob created in tests", () ->
                expectAny(send("DELETE", blobPath(digest(configs.get(2)))), s -> is2xx(s) || s == 405));
        specify("Discovery/Teardown: delete layer blob created in setup", () ->
                expectAny(send("DELETE", blobPath(digest(LAYER))), s -> is2xx(s) || s == 405));
        specify("Discovery/Teardown: references teardown", () -> {
            for (String ref : List.of(digest(refsIndex), digest(refsAConfig), digest(refsALayer), digest(manifests.get(4)),
                    digest(refsBConfig), digest(refsBLayer))) {
                expectAny(send("DELETE", manifestPath(ref)), s -> is2xx(s) || s == 405 || s == 404);
            }
            for (byte[] b : List.of(configs.get(4), refBlobA, refBlobB, emptyJson)) {
                expectAny(send("DELETE", blobPath(digest(b))), s -> is2xx(s) || s == 405 || s == 404);
            }
        });
        report("Content Discovery");
    }

    // ================================================================ 04 Content Management

    @Test
    @Order(4)
    void contentManagementWorkflowPassesEveryCheck() {
        int[] numTags = {0};
        boolean[] blobDeleteAllowed = {true};
        specify("Management/Setup: populate registry with test config blob", () -> pushBlobViaSession(configs.get(3)));
        specify("Management/Setup: populate registry with test layer", () -> pushBlobViaSession(LAYER));
        specify("Management/Setup: populate registry with test tag", () -> expect2xx(putManifest(TEST_TAG, OCI_MANIFEST, manifests.get(3))));
        specify("Management/Setup: check how many tags there are before anything gets deleted", () -> {
            HttpResponse<byte[]> r = send("GET", "/v2/" + NS + "/tags/list");
            expectStatus(r, 200);
            numTags[0] = tags(r).size();
        });
        specify("Management/Manifest delete: DELETE request to manifest tag should return 202, unless tag deletion is disallowed (400/405)", () -> {
            HttpResponse<byte[]> r = send("DELETE", manifestPath(TEST_TAG));
            expectAny(r, s -> s == 400 || s == 202 || s == 405);
            if (r.statusCode() == 400) assertEquals("UNSUPPORTED", firstErrorCode(r));
        });
        specify("Management/Manifest delete: DELETE request to manifest (digest) should yield 202 response unless already deleted", () ->
                expectAny(send("DELETE", manifestPath(digest(manifests.get(3)))), s -> s == 202 || s == 404));
        specify("Management/Manifest delete: GET request to deleted manifest URL should yield 404 response, unless delete is disallowed", () -> {
            HttpResponse<byte[]> r = send("GET", manifestPath(digest(manifests.get(3))));
            expectAny(r, s -> s == 404 || s == 200);
            assertEquals(404, r.statusCode(), "Wharf deletes");
        });
        specify("Management/Manifest delete: GET request to tags list should reflect manifest deletion", () -> {
            HttpResponse<byte[]> r = send("GET", "/v2/" + NS + "/tags/list");
            expectStatus(r, 200);
            assertTrue(tags(r).size() < numTags[0], "tags: " + tags(r) + ", before: " + numTags[0]);
        });
        specify("Management/Blob delete: DELETE request to blob URL should yield 202 response", () -> {
            expectAny(send("DELETE", blobPath(digest(configs.get(3)))), s -> s == 202 || s == 404 || s == 405);
            HttpResponse<byte[]> r = send("DELETE", blobPath(digest(LAYER)));
            expectAny(r, s -> s == 202 || s == 404 || s == 405);
            blobDeleteAllowed[0] = r.statusCode() != 405;
        });
        specify("Management/Blob delete: GET request to deleted blob URL should yield 404 response", () -> {
            assertTrue(blobDeleteAllowed[0], "Wharf allows blob deletion");
            expectStatus(send("GET", blobPath(digest(configs.get(3)))), 404);
        });
        report("Content Management");
        assertTrue(checks >= 80, "replayed checks: " + checks);
    }

    // ================================================================ setup.go's documents

    private static void buildFixtures() {
        Random authors = new Random(7);
        for (int i = 0; i < 16; i++) { // numWorkflows is 1 << 4 in setup.go
            ObjectNode config = JSON.createObjectNode();
            config.put("author", randomString(authors, 16));
            config.put("architecture", "amd64");
            config.put("os", "linux");
            ObjectNode rootfs = config.putObject("rootfs");
            rootfs.put("type", "layers");
            rootfs.putArray("diff_ids");
            configs.add(indent(config));
        }
        for (int i = 0; i < 16; i++) {
            ObjectNode cfg = descriptor(OCI_CONFIG, configs.get(i));
            cfg.put("data", configs.get(i));
            cfg.put("newUnspecifiedField", "hello world".getBytes(StandardCharsets.UTF_8));
            manifests.add(indent(manifest(null, cfg, List.of(descriptor(LAYER_GZIP, LAYER)), null, null)));
        }

        ObjectNode plainConfig0 = descriptor(OCI_CONFIG, configs.get(0));
        emptyMediaTypeManifest = indent(manifest(OCI_MANIFEST, plainConfig0, List.of(descriptor(LAYER_GZIP, LAYER)), null, null)
                .put("mediaType", EMPTY));
        ObjectNode cfg1 = descriptor(OCI_CONFIG, configs.get(1));
        cfg1.put("data", configs.get(1));
        cfg1.put("newUnspecifiedField", "hello world".getBytes(StandardCharsets.UTF_8));
        emptyLayerManifest = indent(manifest(null, cfg1, List.of(descriptor(EMPTY, emptyJson)), null, null));
        emptyConfigManifest = indent(manifest(null, descriptor(EMPTY, emptyJson), List.of(descriptor(LAYER_GZIP, LAYER)), null, null));
        configTypeManifest = indent(manifest(null, descriptor(TYPE_A, refBlobA), List.of(descriptor(LAYER_GZIP, LAYER)), null, null));
        ObjectNode dataConfig0 = descriptor(OCI_CONFIG, configs.get(0));
        dataConfig0.put("data", configs.get(0));
        layerTypeManifest = indent(manifest(null, dataConfig0.deepCopy(), List.of(descriptor(TYPE_A, refBlobA)), null, null));
        for (String t : List.of("application/vnd.oci.image.layer.v1.tar", LAYER_GZIP,
                "application/vnd.oci.image.layer.nondistributable.v1.tar",
                "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
                "application/vnd.oci.image.layer.v1.tar+zstd")) {
            tarManifests.add(indent(manifest(null, dataConfig0.deepCopy(), List.of(descriptor(t, LAYER)), null, null)));
        }
        artifactTypeManifest = indent(manifest(TYPE_A, descriptor(OCI_MANIFEST, refBlobA), List.of(descriptor(LAYER_GZIP, LAYER)), null, null));
        subjectManifest = indent(manifest(null, dataConfig0.deepCopy(), List.of(descriptor(LAYER_GZIP, LAYER)),
                descriptor(OCI_MANIFEST, manifests.get(0)), null));
        annotationManifest = indent(manifest(null, descriptor(OCI_CONFIG, configs.get(0)), List.of(descriptor(LAYER_GZIP, LAYER)),
                null, Map.of(ANNOTATION, "test annotation")));
        manifest4MB = indent(manifest(null, dataConfig0.deepCopy(), List.of(descriptor(LAYER_GZIP, blob4MB)), null, null));
        pushIndex = indent(index(null, List.of(descriptor(OCI_MANIFEST, manifests.get(0))), null, Map.of(ANNOTATION, "test index")));
        pushNestedIndex = indent(index(null, List.of(descriptor(OCI_INDEX, pushIndex)), null, Map.of(ANNOTATION, "test index")));

        ObjectNode subject4 = descriptor(OCI_MANIFEST, manifests.get(4));
        refsAConfig = referrer(manifest(null, descriptor(TYPE_A, refBlobA), List.of(descriptor(EMPTY, emptyJson)), subject4, Map.of(ANNOTATION, "test config a")));
        refsBConfig = referrer(manifest(null, descriptor(TYPE_B, refBlobB), List.of(descriptor(EMPTY, emptyJson)), subject4, Map.of(ANNOTATION, "test config b")));
        refsALayer = referrer(manifest(TYPE_A, descriptor(EMPTY, emptyJson), List.of(descriptor(TYPE_A, refBlobA)), subject4, Map.of(ANNOTATION, "test layer a")));
        refsBLayer = referrer(manifest(TYPE_B, descriptor(EMPTY, emptyJson), List.of(descriptor(TYPE_B, refBlobB)), subject4, Map.of(ANNOTATION, "test layer b")));
        // the newest setup.go: its dangling-subject artifact holds only blobs the push workflow pushed, and
        // two referrers give their config descriptor no size (Go marshals the zero: "size": 0)
        danglingSubject = indent(manifest(null, descriptor(OCI_CONFIG, configs.get(0)), List.of(descriptor(LAYER_GZIP, LAYER)),
                descriptor(OCI_MANIFEST, manifests.get(3)), null));
        // one document for both workflows, as in the suite: push leaves it behind, discovery finds it
        refsCLayer = danglingSubject;
        ObjectNode sizeless = descriptor(OCI_CONFIG, configs.get(0));
        sizeless.put("size", 0);
        sizeless.remove("newUnspecifiedField");
        sizeless.putNull("newUnspecifiedField");
        sizelessConfigA = indent(manifest(null, sizeless.deepCopy(), List.of(descriptor(EMPTY, emptyJson)), subject4.deepCopy(), null));
        sizelessConfigB = indent(manifest("application/vnd.oci.descriptor.v1+json", sizeless.deepCopy(), List.of(descriptor(EMPTY, emptyJson)),
                subject4.deepCopy(), null));
        refsIndex = referrer(index(TYPE_INDEX, List.of(descriptor(OCI_MANIFEST, refsAConfig), descriptor(OCI_MANIFEST, refsALayer)),
                subject4, Map.of(ANNOTATION, "test index")));
    }

    private static byte[] referrer(ObjectNode document) {
        byte[] bytes = indent(document);
        annotationValues.put(digest(bytes), document.path("annotations").path(ANNOTATION).asText());
        return bytes;
    }

    /** A descriptor as the suite's Go struct marshals it: newUnspecifiedField is not omitempty. */
    private static ObjectNode descriptor(String mediaType, byte[] content) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", digest(content));
        d.put("size", content.length);
        d.putNull("newUnspecifiedField");
        return d;
    }

    private static ObjectNode manifest(String artifactType, ObjectNode config, List<ObjectNode> layers, ObjectNode subject, Map<String, String> annotations) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        if (artifactType != null) m.put("artifactType", artifactType);
        m.set("config", config);
        ArrayNode l = m.putArray("layers");
        layers.forEach(l::add);
        if (subject != null) m.set("subject", subject);
        if (annotations != null) m.set("annotations", JSON.valueToTree(annotations));
        return m;
    }

    private static ObjectNode index(String artifactType, List<ObjectNode> children, ObjectNode subject, Map<String, String> annotations) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_INDEX);
        if (artifactType != null) m.put("artifactType", artifactType);
        ArrayNode l = m.putArray("manifests");
        children.forEach(l::add);
        if (subject != null) m.set("subject", subject);
        if (annotations != null) m.set("annotations", JSON.valueToTree(annotations));
        return m;
    }

    private static byte[] indent(JsonNode node) {
        try {
            return JSON.writer(INDENT).writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ================================================================ the suite's client, over java.net.http

    private static HttpResponse<byte[]> send(String method, String path) {
        return send(method, path, Map.of(), null);
    }

    private static HttpResponse<byte[]> send(String method, String path, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("User-Agent", "distribution-spec-conformance-tests");
        return oci.send(method, path, h, body);
    }

    private static HttpResponse<byte[]> putManifest(String reference, String contentType, byte[] body) {
        return send("PUT", manifestPath(reference), Map.of("Content-Type", contentType), body);
    }

    /** POST for a session, then PUT ?digest= with the bytes: how every Setup step pushes a blob. */
    private static void pushBlobViaSession(byte[] content) {
        HttpResponse<byte[]> post = send("POST", uploadsPath(NS));
        HttpResponse<byte[]> put = send("PUT", withQuery(relativeLocation(post), "digest", digest(content)),
                Map.of("Content-Type", "application/octet-stream"), content);
        expect2xx(put);
    }

    /** reggie's GetRelativeLocation: the path and query of an absolute Location, a relative one as is. */
    private static String relativeLocation(HttpResponse<byte[]> r) {
        String location = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + r.statusCode()));
        if (!location.startsWith("http")) return location;
        URI u = URI.create(location);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private static String withQuery(String path, String name, String value) {
        return path + (path.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String uploadsPath(String repository) { return "/v2/" + repository + "/blobs/uploads/"; }
    private static String blobPath(String digest) { return "/v2/" + NS + "/blobs/" + digest; }
    private static String manifestPath(String reference) { return "/v2/" + NS + "/manifests/" + reference; }

    // ================================================================ assertions

    private interface Check { void run() throws Exception; }

    private static void specify(String name, Check check) {
        checks++;
        try {
            check.run();
        } catch (AssertionError | Exception e) {
            failures.add(name + ": " + e.getMessage());
        }
    }

    private static void report(String workflow) {
        List<String> mine = new ArrayList<>(failures);
        failures.clear();
        assertTrue(mine.isEmpty(), workflow + " failed " + mine.size() + " check(s):\n" + String.join("\n", mine));
    }

    private static boolean is2xx(int s) { return s >= 200 && s < 300; }

    private static void expect2xx(HttpResponse<byte[]> r) { expectAny(r, ConformanceWorkflows::is2xx); }

    private static void expectStatus(HttpResponse<byte[]> r, int status) { expectAny(r, s -> s == status); }

    private static void expectAny(HttpResponse<byte[]> r, IntPredicate accepted) {
        if (!accepted.test(r.statusCode())) {
            throw new AssertionError(r.request().method() + " " + r.uri().getRawPath() + " answered " + r.statusCode() + ": " + body(r));
        }
    }

    private static void expectCreated(HttpResponse<byte[]> r, byte[] manifest) {
        expectStatus(r, 201);
        assertLocation(r);
        assertEquals(digest(manifest), r.headers().firstValue("Docker-Content-Digest").orElse(""));
    }

    private static void assertLocation(HttpResponse<byte[]> r) {
        assertTrue(!r.headers().firstValue("Location").orElse("").isEmpty(), "no Location on " + r.statusCode());
    }

    private static void assertAnnotationsCopied(JsonNode list) {
        for (JsonNode d : list) {
            assertEquals(1, d.path("annotations").size(), d.toString());
            assertEquals(annotationValues.get(d.path("digest").asText()), d.path("annotations").path(ANNOTATION).asText(), d.toString());
        }
    }

    private static String firstErrorCode(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body()).path("errors").path(0).path("code").asText();
    }

    private static List<String> tags(HttpResponse<byte[]> r) throws IOException {
        List<String> out = new ArrayList<>();
        JSON.readTree(r.body()).path("tags").forEach(t -> out.add(t.asText()));
        return out;
    }

    private static String body(HttpResponse<byte[]> r) { return new String(r.body(), StandardCharsets.UTF_8); }

    private static String digest(byte[] content) { return OciClient.sha256(content); }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String randomString(Random r, int n) {
        String letters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(letters.charAt(r.nextInt(letters.length())));
        return s.toString();
    }
}
