package dev.wharf.registry;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writers on one upload session, through both doors: exactly one chunk lands at each
 * offset, every other writer is told where the session stands, and the blob is exactly the
 * chunks that landed, in order.
 */
class UploadSessionConcurrencyTest {
    private static final int WRITERS = 8;
    private static final int CHUNK = 32 * 1024;
    private static final long TOTAL = 8L * CHUNK;
    private static final Pattern RANGE = Pattern.compile("0-(\\d+)");

    private static TestServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("WHARF_LIMITS_MIN_LAYER_PART_BYTES", "1"));
        server.createRepositories("race/oci", "race/nodes", "race/ecr", "race/range");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body) throws Exception {
        return send(server, method, path, headers, body);
    }

    private static HttpResponse<String> send(TestServer server, String method, String path, Map<String, String> headers, byte[] body)
            throws Exception {
        // Expect: 100-continue: a refused chunk's body is never sent, so the refusal cannot race
        // the client's upload of a body the server will not read
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .expectContinue(body != null)
                .header("Authorization", server.basicAuth())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session size a Range header states ({@code 0-<last>}). */
    private static long sizeIn(HttpResponse<?> r) {
        Matcher m = RANGE.matcher(r.headers().firstValue("Range").orElseThrow(() -> new AssertionError("no Range header: " + r)));
        assertThat(m.matches()).isTrue();
        long size = Long.parseLong(m.group(1)) + 1;
        // an empty session states "0-0" (as Distribution does); every size here is a multiple of CHUNK
        return size == 1 ? 0 : size;
    }

    /** A chunk no other writer would send: the writer's number and the offset, repeated. */
    private static byte[] chunk(int writer, long offset) {
        byte[] b = new byte[CHUNK];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (writer * 31 + offset / CHUNK * 7 + i);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void concurrentPatchesToOneSessionLandOneAtATimeAndEveryLoserIsToldTheRange() throws Exception {
        patchConcurrently("race/oci", List.of(server));
    }

    @Test
    void concurrentPatchesThroughTwoNodesSharingTheStoresLandOneAtATime() throws Exception {
        // a second node over the same database and blob directory: chunks of one session arrive at both
        try (TestServer second = TestServer.startOn(server.dataDir(), Map.of("WHARF_LIMITS_MIN_LAYER_PART_BYTES", "1"))) {
            patchConcurrently("race/nodes", List.of(server, second));
        }
    }

    private static void patchConcurrently(String repository, List<TestServer> nodes) throws Exception {
        HttpResponse<String> started = send("POST", "/v2/" + repository + "/blobs/uploads/", Map.of(), null);
        assertThat(started.statusCode()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        Map<Long, byte[]> landed = new ConcurrentHashMap<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        List<Long> refusals = new CopyOnWriteArrayList<>();
        CyclicBarrier together = new CyclicBarrier(WRITERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                TestServer node = nodes.get(w % nodes.size());
                done.add(pool.submit(() -> {
                    together.await();
                    while (true) {
                        long offset = sizeIn(send(node, "GET", location, Map.of(), null));
                        if (offset >= TOTAL) return null;
                        byte[] bytes = chunk(writer, offset);
                        HttpResponse<String> r = send(node, "PATCH", location, Map.of("Content-Type", "application/octet-stream",
                                "Content-Range", offset + "-" + (offset + CHUNK - 1)), bytes);
                        if (r.statusCode() == 202) {
                            if (sizeIn(r) != offset + CHUNK) problems.add("202 with Range " + r.headers().firstValue("Range"));
                            if (landed.putIfAbsent(offset, bytes) != null) problems.add("two chunks landed at " + offset);
                        } else if (r.statusCode() == 416) {
                            long size = sizeIn(r);
                            if (size < offset) problems.add("416 at " + offset + " names an older size " + size);
                            refusals.add(size);
                        } else {
                            problems.add("PATCH at " + offset + " answered " + r.statusCode() + " " + r.body());
                        }
                    }
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
        assertThat(new TreeMap<>(landed).keySet()).as("one chunk at every offset")
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, TOTAL / CHUNK).map(i -> i * CHUNK).boxed().toList());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (byte[] b : new TreeMap<>(landed).values()) expected.write(b);
        String digest = sha256(expected.toByteArray());
        HttpResponse<String> put = send("PUT", location + (location.contains("?") ? "&" : "?") + "digest=" + digest, Map.of(), null);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        HttpResponse<byte[]> blob = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v2/" + repository + "/blobs/" + digest))
                .header("Authorization", server.basicAuth()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(blob.body()).isEqualTo(expected.toByteArray());
    }

    @Test
    void concurrentLayerPartsLandOneAtATimeAndEveryLoserGetsInvalidLayerPartWithTheLastValidByte() throws Exception {
        try (EcrClient ecr = server.ecr()) {
            String uploadId = ecr.initiateLayerUpload(r -> r.repositoryName("race/ecr")).uploadId();
            Map<Long, byte[]> landed = new ConcurrentHashMap<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            CyclicBarrier together = new CyclicBarrier(WRITERS);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        together.await();
                        long offset = 0;
                        while (offset < TOTAL) {
                            byte[] bytes = chunk(writer, offset);
                            long first = offset;
                            try {
                                long last = ecr.uploadLayerPart(r -> r.repositoryName("race/ecr").uploadId(uploadId)
                                        .partFirstByte(first).partLastByte(first + CHUNK - 1)
                                        .layerPartBlob(SdkBytes.fromByteArray(bytes))).lastByteReceived();
                                if (last != first + CHUNK - 1) problems.add("part at " + first + " answered lastByteReceived " + last);
                                if (landed.putIfAbsent(first, bytes) != null) problems.add("two parts landed at " + first);
                                offset = last + 1;
                            } catch (InvalidLayerPartException e) {
                                Long valid = e.lastValidByteReceived();
                                if (valid == null) {
                                    problems.add("InvalidLayerPartException without lastValidByteReceived: " + e.getMessage());
                                    return null;
                                }
                                if (valid + 1 < first) problems.add("refusal at " + first + " names an older size " + (valid + 1));
                                offset = valid + 1;
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
            } finally {
                pool.shutdownNow();
            }
            assertThat(problems).isEmpty();
            assertThat(new TreeMap<>(landed).keySet()).hasSize((int) (TOTAL / CHUNK));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (byte[] b : new TreeMap<>(landed).values()) expected.write(b);
            String digest = sha256(expected.toByteArray());
            assertThat(ecr.completeLayerUpload(r -> r.repositoryName("race/ecr").uploadId(uploadId).layerDigests(digest)).layerDigest())
                    .isEqualTo(digest);
        }
    }

    @Test
    void aPatchWhoseContentRangeEndDoesNotMatchItsBodyIsRefusedAndChangesNothing() throws Exception {
        String location = send("POST", "/v2/race/range/blobs/uploads/", Map.of(), null).headers().firstValue("Location").orElseThrow();
        byte[] first = new byte[100];
        assertThat(send("PATCH", location, Map.of("Content-Range", "0-99"), first).statusCode()).isEqualTo(202);
        HttpResponse<String> r = send("PATCH", location, Map.of("Content-Range", "100-199"), new byte[50]);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(416);
        assertThat(sizeIn(r)).isEqualTo(100);
        assertThat(r.body()).contains("BLOB_UPLOAD_INVALID");
        assertThat(sizeIn(send("GET", location, Map.of(), null))).as("the session is unchanged").isEqualTo(100);
    }
}
