package dev.wharf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.replication.SigV4Signer;
import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.limits.RateTable;
import dev.wharf.storage.blob.Digest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code wharf train-cache}: the session a JVM recording Wharf's class-data cache runs. It starts a
 * throwaway server as {@code serve} does (on a scratch data directory, any free port, the settings
 * of a fresh installation: SQLite, files, throttling on), drives it over loopback as registry clients
 * and the AWS CLI do — small image pushes in the ways docker, skopeo and containerd send them, pulls
 * from several connections at once, a few large chunked uploads and downloads, the ECR API calls a
 * pipeline makes — then stops it and deletes the directory.
 *
 * <p>The JVM that runs it with {@code -XX:AOTCacheOutput} keeps, besides the classes loaded, the
 * method profiles of this session (JEP 515), so a later {@code serve} compiles its push and pull
 * paths with them from its first requests instead of profiling them again (docs/performance.md,
 * "A trained class-data cache"). {@code bin/wharf} runs it once per build, before the first
 * {@code serve}. It reads none of the operator's configuration: it must never touch a real data
 * directory, port or database, whatever the environment says.
 */
final class CacheTraining {
    static final String COMMAND = "train-cache";

    /** Images pushed: enough that the push path's methods are compiled with full profiles. */
    static final int IMAGES = 300;
    /** Pull requests from each of {@link #PULLERS} connections. */
    static final int PULLS_PER_PULLER = 250;
    static final int PULLERS = 8;
    /** Large blobs pushed in chunks and read back: the hashing, write and copy loops' profiles. */
    static final int LARGE_BLOBS = 2;
    static final int LARGE_BLOB_BYTES = 32 << 20;
    static final int CHUNK_BYTES = 8 << 20;

    private static final String REGION = "us-east-1";
    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private CacheTraining() {}

    /**
     * Runs the session on a scratch directory made under {@code parent} (and removed after); 0 when
     * every request was answered as expected, else 1 with the reason on stderr.
     */
    static int run(Path parent) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(parent, "wharf-train-");
            train(dir);
            return 0;
        } catch (Exception e) {
            System.err.println("wharf: the training session failed: " + e);
            return 1;
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    /**
     * The settings of the throwaway server: a fresh installation's defaults on {@code dir}, both
     * listeners on free loopback ports, a root key of its own, and every published rate raised so
     * that the throttle is consulted on every request but never refuses one.
     */
    static Map<String, String> settings(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("WHARF_DATA_DIR", dir.toString());
        env.put("WHARF_HOST", "127.0.0.1");
        env.put("WHARF_PORT", "0");
        env.put("WHARF_MANAGEMENT_HOST", "127.0.0.1");
        env.put("WHARF_MANAGEMENT_PORT", "0");
        env.put("WHARF_BOOTSTRAP_ACCOUNT_ID", "111122223333");
        env.put("WHARF_BOOTSTRAP_ACCESS_KEY_ID", "AKIATRAININGSESSION1");
        byte[] secret = new byte[20];
        new java.security.SecureRandom().nextBytes(secret); // the server listens on loopback while it runs: a key nobody can guess
        env.put("WHARF_BOOTSTRAP_SECRET_ACCESS_KEY", HEX.formatHex(secret));
        env.put("WHARF_THROTTLING_DEFAULT", "100000");
        for (String op : RateTable.ECR_DEFAULTS.keySet()) env.put("WHARF_THROTTLING_" + op.toUpperCase(java.util.Locale.ROOT), "100000");
        return env;
    }

    private static void train(Path dir) throws Exception {
        Map<String, String> env = settings(dir);
        WharfConfig config = new ConfigLoader(env).load(new ConfigLoader.Flags(null, null, null, null));
        Application app = Application.create(config, env, Clock.systemUTC());
        try {
            Main.bootstrap(app.identities(), app.config(), env, new PrintWriter(Writer.nullWriter()));
            app.start();
            URI base = URI.create(app.config().effectivePublicUrl());
            new Session(base.getHost(), base.getPort(), new SigV4Signer(env.get("WHARF_BOOTSTRAP_ACCESS_KEY_ID"),
                    env.get("WHARF_BOOTSTRAP_SECRET_ACCESS_KEY"))).run();
        } finally {
            app.close();
        }
    }

    /** A pushed image, as the pulls and the API calls after the pushes name it. */
    private record Pushed(String repo, String tag, String manifestDigest, String layerDigest, String configDigest, String type) {}

    /** The workload, in the order a pipeline meets a registry: log in, create, push, pull, look around, clean up. */
    private static final class Session {
        private final String host;
        private final int port;
        private final SigV4Signer signer;
        private volatile String basic;

        Session(String host, int port, SigV4Signer signer) {
            this.host = host;
            this.port = port;
            this.signer = signer;
        }

        void run() throws Exception {
            try (TrainingClient c = new TrainingClient(host, port)) {
                expect(c, "GET", "/v2/", null, Map.of(), 401);
                login(c);
                expect(c, "GET", "/v2/", null, Map.of(), 200);
                for (String repo : List.of("training/app", "training/base")) ecr(c, "CreateRepository", "{\"repositoryName\":\"" + repo + "\"}");
                ecr(c, "DescribeRepositories", "{}");
                SplittableRandom random = new SplittableRandom(42);
                List<Pushed> images = new ArrayList<>();
                for (int i = 0; i < IMAGES; i++) images.add(pushImage(c, random, i % 2 == 0 ? "training/app" : "training/base", i));
                for (int i = 0; i < LARGE_BLOBS; i++) largeBlob(c, random, "training/app", i % 2 == 0);
                pull(images);
                api(c, images);
            }
        }

        /** One small image: a 4 KiB layer and its config as docker, skopeo or containerd would send them, then the manifest by tag. */
        Pushed pushImage(TrainingClient c, SplittableRandom random, String repo, int i) throws Exception {
            byte[] layer = randomBytes(random, 4096);
            String layerDigest = pushBlob(c, repo, layer, i % 3);
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                    + layerDigest + "\"]},\"config\":{\"Labels\":{\"n\":\"" + i + "\"}}}").getBytes(StandardCharsets.UTF_8);
            String configDigest = pushBlob(c, repo, config, (i + 1) % 3);
            String type = i % 4 == 0 ? DOCKER_MANIFEST : OCI_MANIFEST;
            String configType = type.equals(DOCKER_MANIFEST) ? "application/vnd.docker.container.image.v1+json"
                    : "application/vnd.oci.image.config.v1+json";
            String layerType = type.equals(DOCKER_MANIFEST) ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                    : "application/vnd.oci.image.layer.v1.tar+gzip";
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + type + "\",\"config\":{\"mediaType\":\"" + configType
                    + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\""
                    + layerType + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}")
                    .getBytes(StandardCharsets.UTF_8);
            String tag = "t" + i;
            expect(c, "PUT", "/v2/" + repo + "/manifests/" + tag, manifest, Map.of("Content-Type", type), 201);
            if (i % 10 == 0) expect(c, "HEAD", "/v2/" + repo + "/manifests/" + tag, null, Map.of("Accept", type), 200);
            return new Pushed(repo, tag, sha256(manifest), layerDigest, configDigest, type);
        }

        /**
         * A blob in one of three ways: POST then PUT with the bytes (skopeo, most clients); a HEAD
         * that misses, POST, PATCH, then an empty PUT (docker and containerd); or a POST with the
         * digest and the bytes in one request (the spec's monolithic upload).
         */
        String pushBlob(TrainingClient c, String repo, byte[] bytes, int way) throws Exception {
            String digest = sha256(bytes);
            Map<String, String> octets = Map.of("Content-Type", "application/octet-stream");
            switch (way) {
                case 0 -> expect(c, "PUT", startUpload(c, repo) + "digest=" + digest, bytes, octets, 201);
                case 1 -> {
                    expect(c, "HEAD", "/v2/" + repo + "/blobs/" + digest, null, Map.of(), 404);
                    String at = patch(c, startUpload(c, repo), bytes, 0);
                    expect(c, "PUT", at + "digest=" + digest, new byte[0], Map.of(), 201);
                }
                default -> expect(c, "POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, bytes, octets, 201);
            }
            return digest;
        }

        /**
         * A large blob as skopeo, docker and containerd send a layer (one {@code PATCH} streamed in
         * chunked encoding, then an empty {@code PUT}) or, every other one, in {@code Content-Range}
         * chunks as the ECR API's parts are; then read whole and by range as pulls and resumed pulls do.
         */
        void largeBlob(TrainingClient c, SplittableRandom random, String repo, boolean streamed) throws Exception {
            byte[] blob = randomBytes(random, LARGE_BLOB_BYTES);
            String digest = sha256(blob);
            String at = startUpload(c, repo);
            if (streamed) {
                at = continueAt(expectStatus(c.sendChunked("PATCH", at, auth(Map.of("Content-Type", "application/octet-stream")),
                        blob, 32 << 10), 202));
            } else {
                for (int off = 0; off < blob.length; off += CHUNK_BYTES) {
                    at = patch(c, at, java.util.Arrays.copyOfRange(blob, off, Math.min(blob.length, off + CHUNK_BYTES)), off);
                }
            }
            expect(c, "PUT", at + "digest=" + digest, new byte[0], Map.of(), 201);
            String path = "/v2/" + repo + "/blobs/" + digest;
            expect(c, "HEAD", path, null, Map.of(), 200);
            expect(c, "GET", path, null, Map.of(), 200);
            expect(c, "GET", path, null, Map.of("Range", "bytes=" + (blob.length / 2) + "-"), 206);
        }

        /** Pulls from several connections at once: the manifest by tag and by digest, a HEAD of each blob, the blobs. */
        void pull(List<Pushed> images) throws Exception {
            Exception[] failed = new Exception[PULLERS];
            Thread[] pullers = new Thread[PULLERS];
            String accept = OCI_MANIFEST + ", " + DOCKER_MANIFEST;
            for (int p = 0; p < PULLERS; p++) {
                int me = p;
                pullers[p] = Thread.ofPlatform().name("wharf-training-pull-" + p).start(() -> {
                    try (TrainingClient c = new TrainingClient(host, port)) {
                        for (int n = 0; n < PULLS_PER_PULLER; n++) {
                            Pushed im = images.get((me * 37 + n) % images.size());
                            String v2 = "/v2/" + im.repo();
                            switch (n % 5) {
                                case 0 -> expect(c, "GET", v2 + "/manifests/" + im.tag(), null, Map.of("Accept", accept), 200);
                                case 1 -> expect(c, "GET", v2 + "/manifests/" + im.manifestDigest(), null, Map.of("Accept", accept), 200);
                                case 2 -> expect(c, "HEAD", v2 + "/blobs/" + im.layerDigest(), null, Map.of(), 200);
                                case 3 -> expect(c, "GET", v2 + "/blobs/" + im.configDigest(), null, Map.of(), 200);
                                default -> expect(c, "GET", v2 + "/blobs/" + im.layerDigest(), null, Map.of(), 200);
                            }
                        }
                    } catch (Exception e) {
                        failed[me] = e;
                    }
                });
            }
            for (Thread t : pullers) t.join();
            for (Exception e : failed) if (e != null) throw e;
        }

        /** The control-plane calls a pipeline and a console make, then some clean-up. */
        void api(TrainingClient c, List<Pushed> images) throws Exception {
            for (int i = 0; i < 10; i++) {
                Pushed im = images.get(i);
                String repo = "\"repositoryName\":\"" + im.repo() + "\"";
                ecr(c, "DescribeRepositories", "{\"repositoryNames\":[\"" + im.repo() + "\"]}");
                ecr(c, "DescribeImages", "{" + repo + ",\"imageIds\":[{\"imageTag\":\"" + im.tag() + "\"}]}");
                ecr(c, "DescribeImages", "{" + repo + ",\"maxResults\":100}");
                ecr(c, "ListImages", "{" + repo + ",\"filter\":{\"tagStatus\":\"TAGGED\"}}");
                ecr(c, "BatchGetImage", "{" + repo + ",\"imageIds\":[{\"imageTag\":\"" + im.tag() + "\"}],\"acceptedMediaTypes\":[\""
                        + im.type() + "\"]}");
                ecr(c, "BatchCheckLayerAvailability", "{" + repo + ",\"layerDigests\":[\"" + im.layerDigest() + "\",\"" + im.configDigest() + "\"]}");
                ecr(c, "GetDownloadUrlForLayer", "{" + repo + ",\"layerDigest\":\"" + im.layerDigest() + "\"}");
                login(c);
            }
            ecr(c, "PutLifecyclePolicy", "{\"repositoryName\":\"training/app\",\"lifecyclePolicyText\":"
                    + JSON.writeValueAsString("{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\","
                    + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}")
                    + "}");
            ecr(c, "SetRepositoryPolicy", "{\"repositoryName\":\"training/app\",\"policyText\":"
                    + JSON.writeValueAsString("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":[\"ecr:BatchGetImage\","
                    + "\"ecr:GetDownloadUrlForLayer\"]}]}") + "}");
            ecr(c, "GetRepositoryPolicy", "{\"repositoryName\":\"training/app\"}");
            ecr(c, "GetLifecyclePolicy", "{\"repositoryName\":\"training/app\"}");
            ecr(c, "BatchDeleteImage", "{\"repositoryName\":\"" + images.get(0).repo() + "\",\"imageIds\":[{\"imageTag\":\""
                    + images.get(0).tag() + "\"}]}");
            ecr(c, "DeleteRepository", "{\"repositoryName\":\"training/base\",\"force\":true}");
        }

        /** GetAuthorizationToken, as {@code aws ecr get-login-password} calls it; later OCI requests carry the token. */
        void login(TrainingClient c) throws Exception {
            JsonNode token = ecr(c, "GetAuthorizationToken", "{}").path("authorizationData").path(0).path("authorizationToken");
            if (!token.isTextual()) throw new IllegalStateException("GetAuthorizationToken answered without a token");
            basic = "Basic " + token.asText();
        }

        /** Opens an upload; the location to continue it at, ending in {@code ?} or {@code &} for one more parameter. */
        String startUpload(TrainingClient c, String repo) throws Exception {
            return continueAt(expect(c, "POST", "/v2/" + repo + "/blobs/uploads/", new byte[0], Map.of(), 202));
        }

        /** Sends one chunk at {@code offset}; the location to continue at. */
        String patch(TrainingClient c, String at, byte[] chunk, long offset) throws Exception {
            return continueAt(expect(c, "PATCH", at, chunk, Map.of("Content-Type", "application/octet-stream",
                    "Content-Range", offset + "-" + (offset + chunk.length - 1)), 202));
        }

        private static String continueAt(TrainingClient.Response r) {
            String location = r.header("Location");
            if (location == null) throw new IllegalStateException(r.request() + " answered without a Location");
            URI u = URI.create(location);
            return u.getRawPath() + (u.getRawQuery() == null ? "?" : "?" + u.getRawQuery() + "&");
        }

        /** One ECR JSON call, signed as the AWS CLI signs it; the answer, which must be 200. */
        JsonNode ecr(TrainingClient c, String operation, String input) throws Exception {
            byte[] body = input.getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = signer.sign(c.hostHeader(), REGION, "ecr",
                    Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", TARGET + operation), body, Instant.now());
            return JSON.readTree(expect(c, "POST", "/", body, headers, 200).body());
        }

        /** One request with the session's token (once it has one); the answer, which must have the status given. */
        TrainingClient.Response expect(TrainingClient c, String method, String path, byte[] body, Map<String, String> headers,
                                       int status) throws IOException {
            return expectStatus(c.send(method, path, auth(headers), body), status);
        }

        /** The headers with the session's token added, once it has one (a signed call carries its own). */
        Map<String, String> auth(Map<String, String> headers) {
            String token = basic;
            if (token == null || headers.containsKey("Authorization")) return headers;
            Map<String, String> all = new HashMap<>(headers);
            all.put("Authorization", token);
            return all;
        }

        private static TrainingClient.Response expectStatus(TrainingClient.Response r, int status) {
            if (r.status() != status) {
                throw new IllegalStateException(r.request() + " answered HTTP " + r.status() + " where " + status + " was expected: "
                        + clip(r.text()));
            }
            return r;
        }
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    private static byte[] randomBytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) {
        return Digest.sha256(b).toString();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("wharf: could not remove the training session's scratch directory " + dir + ": " + e.getMessage());
        }
    }
}
