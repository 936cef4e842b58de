package dev.wharf.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.config.WharfConfig;
import dev.wharf.registry.RemoteRegistries;
import dev.wharf.registry.ReplicationFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replication to other Wharf deployments (or anything that speaks ECR's API and the OCI
 * Distribution API alike), one per configured region, over their public API: SigV4-signed
 * {@code GetAuthorizationToken} with the configured access key, {@code CreateRepository} when the
 * repository is missing there, then an OCI push (the blobs the destination lacks, each manifest,
 * the tag) with HTTP Basic {@code AWS:<token>}.
 *
 * <p>What is retried: the destination unreachable, a timeout, a 5xx, throttling. What fails the copy
 * at once: the destination refusing the credentials or the push (4xx). Error texts name the
 * destination's answer, never the credentials.
 */
public final class WharfRemotes implements RemoteRegistries {
    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** A blob upload may take this long at most (a multi-GiB layer over a slow link would need more). */
    private static final Duration BLOB_TIMEOUT = Duration.ofMinutes(30);
    private static final int MAX_ANSWER_TEXT = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, WharfConfig.RemoteRegion> regions = new LinkedHashMap<>();
    private final HttpClient http;
    private final Clock clock;

    public WharfRemotes(Collection<WharfConfig.RemoteRegion> regions) {
        this(regions, Clock.systemUTC());
    }

    WharfRemotes(Collection<WharfConfig.RemoteRegion> regions, Clock clock) {
        for (WharfConfig.RemoteRegion r : regions) this.regions.put(r.region(), r);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.clock = clock;
    }

    @Override
    public boolean reaches(String region) {
        return regions.containsKey(region);
    }

    @Override
    public void push(String region, String registryId, Image image) throws ReplicationFailure {
        WharfConfig.RemoteRegion r = regions.get(region);
        if (r == null) throw new ReplicationFailure("No Wharf deployment is configured for the region " + region, false);
        URI base = URI.create(r.endpoint().replace("{registryId}", registryId) + "/");
        Session s = new Session(r, registryId, base);
        s.login();
        if (!s.repositoryExists(image.repository())) s.createRepository(image.repository());
        for (Manifest m : image.manifests()) {
            for (Blob b : m.blobs()) {
                image.heartbeat().beat();
                if (!s.hasBlob(image.repository(), b)) s.uploadBlob(image.repository(), b, image.blobs());
            }
            image.heartbeat().beat();
            boolean top = m == image.top();
            s.putManifest(image.repository(), top && image.tag() != null ? image.tag() : m.digest(), m);
        }
    }

    /** One push: the destination's base URL, its authorization token. */
    private final class Session {
        private final WharfConfig.RemoteRegion region;
        private final String registryId;
        private final URI base;
        private final String where;
        private String basic;

        Session(WharfConfig.RemoteRegion region, String registryId, URI base) {
            this.region = region;
            this.registryId = registryId;
            this.base = base;
            this.where = "registry " + registryId + " in " + region.region();
        }

        void login() throws ReplicationFailure {
            JsonNode answer = ecr("GetAuthorizationToken", JSON.createObjectNode());
            JsonNode data = answer.path("authorizationData").path(0).path("authorizationToken");
            if (!data.isTextual()) throw new ReplicationFailure("The " + where + " gave no authorization token", true);
            basic = "Basic " + data.asText();
        }

        boolean repositoryExists(String repository) throws ReplicationFailure {
            HttpResponse<String> r = send(oci("GET", "v2/" + repository + "/tags/list?n=1").GET(), CALL_TIMEOUT);
            if (r.statusCode() == 200) return true;
            if (r.statusCode() == 404) return false;
            throw refused("listing the tags of " + repository, r);
        }

        void createRepository(String repository) throws ReplicationFailure {
            var body = JSON.createObjectNode().put("repositoryName", repository).put("registryId", registryId);
            EcrAnswer a = call("CreateRepository", body);
            // created meanwhile (another node, a concurrent copy): as good as created
            if (a.failure() != null && !"RepositoryAlreadyExistsException".equals(a.type())) throw a.failure();
        }

        boolean hasBlob(String repository, Blob b) throws ReplicationFailure {
            HttpResponse<String> r = send(oci("HEAD", "v2/" + repository + "/blobs/" + b.digest())
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()), CALL_TIMEOUT);
            if (r.statusCode() == 200) return true;
            if (r.statusCode() == 404) return false;
            throw refused("checking the blob " + b.digest(), r);
        }

        void uploadBlob(String repository, Blob b, BlobSource source) throws ReplicationFailure {
            HttpResponse<String> started = send(oci("POST", "v2/" + repository + "/blobs/uploads/")
                    .POST(HttpRequest.BodyPublishers.noBody()), CALL_TIMEOUT);
            String location = started.headers().firstValue("Location").orElse(null);
            if (started.statusCode() != 202 || location == null) throw refused("starting the upload of " + b.digest(), started);
            URI upload = base.resolve(location);
            String sep = upload.getRawQuery() == null ? "?" : "&";
            URI put = URI.create(upload + sep + "digest=" + URLEncoder.encode(b.digest(), StandardCharsets.UTF_8));
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    return source.open(b.digest());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }), b.size());
            HttpResponse<String> done = send(HttpRequest.newBuilder(put).header("Authorization", basic)
                    .header("Content-Type", "application/octet-stream").PUT(body), BLOB_TIMEOUT);
            if (done.statusCode() != 201) throw refused("uploading the blob " + b.digest(), done);
        }

        void putManifest(String repository, String reference, Manifest m) throws ReplicationFailure {
            HttpResponse<String> r = send(oci("PUT", "v2/" + repository + "/manifests/" + reference)
                    .header("Content-Type", m.mediaType()).PUT(HttpRequest.BodyPublishers.ofByteArray(m.body())), CALL_TIMEOUT);
            if (r.statusCode() != 201) throw refused("putting the manifest " + m.digest() + " as " + reference, r);
        }

        private HttpRequest.Builder oci(String method, String path) {
            return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", basic);
        }

        /** One ECR JSON call, signed; an error answer throws. */
        private JsonNode ecr(String operation, JsonNode input) throws ReplicationFailure {
            EcrAnswer a = call(operation, input);
            if (a.failure() != null) throw a.failure();
            return a.body();
        }

        /** One ECR JSON call, signed: its answer, or the failure an error answer means (with the exception's name). */
        private EcrAnswer call(String operation, JsonNode input) throws ReplicationFailure {
            byte[] body = input.toString().getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new SigV4Signer(region.accessKeyId(), region.secretAccessKey()).sign(hostHeader(base),
                    region.region(), "ecr", Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", TARGET + operation),
                    body, clock.instant());
            HttpRequest.Builder b = HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            HttpResponse<String> r = send(b, CALL_TIMEOUT);
            JsonNode answer;
            try {
                answer = JSON.readTree(r.body() == null || r.body().isEmpty() ? "{}" : r.body());
            } catch (IOException e) {
                throw new ReplicationFailure("The " + where + " answered " + operation + " with something that is not JSON (HTTP "
                        + r.statusCode() + ")", r.statusCode() >= 500);
            }
            if (r.statusCode() == 200) return new EcrAnswer(answer, null, null);
            String type = answer.path("__type").asText("");
            type = type.substring(type.indexOf('#') + 1);
            String message = answer.path("message").asText(answer.path("Message").asText(""));
            boolean retryable = r.statusCode() >= 500 || type.equals("ThrottlingException");
            return new EcrAnswer(answer, type, new ReplicationFailure("The " + where + " refused " + operation + ": " + type + ": "
                    + clip(message), retryable));
        }

        private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) throws ReplicationFailure {
            try {
                return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | UncheckedIOException e) {
                throw new ReplicationFailure("The " + where + " could not be reached: " + e.getClass().getSimpleName(), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplicationFailure("The copy to the " + where + " was interrupted", true);
            }
        }

        private ReplicationFailure refused(String what, HttpResponse<String> r) {
            int status = r.statusCode();
            boolean retryable = status >= 500 || status == 429;
            return new ReplicationFailure("The " + where + " refused " + what + ": HTTP " + status + " " + clip(r.body()), retryable);
        }
    }

    /** An ECR answer: its body, and for an error its exception name and the failure it means for the copy. */
    private record EcrAnswer(JsonNode body, String type, ReplicationFailure failure) {}

    /** The Host header Java's client sends for {@code uri}: the host, and the port unless it is the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean dflt = port == -1 || (port == 80 && "http".equals(uri.getScheme())) || (port == 443 && "https".equals(uri.getScheme()));
        return dflt ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static String clip(String text) {
        if (text == null) return "";
        String t = text.replaceAll("\\s+", " ").trim();
        return t.length() > MAX_ANSWER_TEXT ? t.substring(0, MAX_ANSWER_TEXT) + "..." : t;
    }
}
