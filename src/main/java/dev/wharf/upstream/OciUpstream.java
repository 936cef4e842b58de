package dev.wharf.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.registry.UpstreamRegistries;
import dev.wharf.storage.blob.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OCI Distribution client of the pull through cache (distribution-spec §"Pull"): manifests and
 * blobs of another registry, anonymously, with HTTP Basic, or with the Docker token flow (a 401
 * with {@code WWW-Authenticate: Bearer realm=...,service=...,scope=...} sends Wharf to the realm for
 * a token, with the credentials as Basic when there are any). Every size and wait is bounded: the
 * connection, the time to the response headers and between two chunks of a body, redirects, the
 * manifest and token bodies.
 */
public final class OciUpstream implements UpstreamRegistries, AutoCloseable {
    /** The manifest kinds Wharf stores, in the Accept header of every manifest request. */
    private static final String ACCEPT = String.join(", ", "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_TOKEN_BYTES = 64 << 10;
    private static final int MAX_CHALLENGE_CHARS = 4096;
    /** A token whose answer names no lifetime lives 60 s (the Docker token spec's default). */
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tokens kept at most (one per upstream, user and repository pulled); past it the cache starts over. */
    private static final int MAX_TOKENS = 1024;

    private final Duration connectTimeout;
    /** Built on the first fetch: its TLS set-up is a tenth of a warm start, and most registries pull through no upstream. */
    private HttpClient http;
    private boolean closed;
    private final Duration responseTimeout;
    private final Clock clock;
    /** Bearer tokens by upstream, user and scope, reused until shortly before they expire. */
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, long expiresAtMillis) {}

    /**
     * @param connectTimeout  the longest a connection to the upstream may take
     * @param responseTimeout the longest the upstream may take to answer a request with its headers, and to
     *                        send the next bytes of a body
     */
    public OciUpstream(Duration connectTimeout, Duration responseTimeout, Clock clock) {
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.clock = clock;
    }

    @Override
    public void ping(Upstream upstream) {
        HttpResponse<InputStream> r = send(upstream, "GET", "/v2/", null, null);
        close(r);
        requireOk(upstream, r, "/v2/");
    }

    @Override
    public Manifest manifest(Upstream upstream, String repository, String reference, long maxBytes) {
        String path = "/v2/" + repository + "/manifests/" + reference;
        HttpResponse<InputStream> r = send(upstream, "GET", path, "repository:" + repository + ":pull", ACCEPT);
        requireOk(upstream, r, path);
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw unavailable(upstream, "reading " + path + " failed: " + e.getMessage());
        }
        if (body.length > maxBytes) {
            throw new UpstreamException(Failure.INVALID, upstream.base().getHost() + " answered " + path + " with a manifest over "
                    + maxBytes + " bytes, the largest this Wharf stores");
        }
        String type = r.headers().firstValue("Content-Type").map(t -> t.split(";", 2)[0].trim()).orElse("");
        Digest digest = Digest.compute(Digest.Algorithm.SHA256, body);
        if (Digest.looksLikeDigest(reference)) {
            Digest asked = Digest.parse(reference);
            if (!Digest.compute(asked.algorithm(), body).equals(asked)) {
                throw new UpstreamException(Failure.INVALID, upstream.base().getHost() + " answered " + path
                        + " with a manifest of another digest");
            }
        }
        return new Manifest(digest, type, body);
    }

    @Override
    public Blob blob(Upstream upstream, String repository, Digest digest) {
        String path = "/v2/" + repository + "/blobs/" + digest;
        HttpResponse<InputStream> r = send(upstream, "GET", path, "repository:" + repository + ":pull", null);
        requireOk(upstream, r, path);
        long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (size < 0) {
            close(r);
            throw new UpstreamException(Failure.INVALID, upstream.base().getHost() + " answered " + path + " without a Content-Length");
        }
        return new Blob(size, r.body());
    }

    /** Stops the client's threads; fetches still running fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (http != null) http.shutdownNow();
    }

    private synchronized HttpClient http() {
        if (http == null) {
            // redirects are followed here, a bounded number of times, and never with the credentials to another host
            http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
            if (closed) http.shutdownNow(); // a fetch after close fails as it did when the client was built up front
        }
        return http;
    }

    // ---------------------------------------------------------------- the exchange

    /**
     * One request, signed in as the upstream asks: first with a token already held for the scope (or
     * none), then, after a 401, with Basic or a new Bearer token; redirects followed up to
     * {@value #MAX_REDIRECTS} times, the Authorization header only to the upstream's own host.
     */
    private HttpResponse<InputStream> send(Upstream upstream, String method, String path, String scope, String accept) {
        String key = upstream.base() + " " + (upstream.credentials() == null ? "" : upstream.credentials().username()) + " " + scope;
        Token held = tokens.get(key);
        String auth = held != null && held.expiresAtMillis() > clock.millis() ? "Bearer " + held.value() : null;
        HttpResponse<InputStream> r = exchange(upstream, method, upstream.base().resolve(path), accept, auth);
        if (r.statusCode() != 401) return r;
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        close(r);
        if (challenge.length() > MAX_CHALLENGE_CHARS) throw invalid(upstream, "its WWW-Authenticate challenge is too long");
        String scheme = challenge.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("basic")) {
            if (upstream.credentials() == null) throw unauthorized(upstream, "it asks for credentials and the rule has none");
            auth = "Basic " + basic(upstream.credentials());
        } else if (scheme.equals("bearer")) {
            Map<String, String> params = Challenge.parse(challenge.substring(6));
            Token t = token(upstream, params, scope);
            if (tokens.size() >= MAX_TOKENS) tokens.clear();
            tokens.put(key, t);
            auth = "Bearer " + t.value();
        } else {
            throw unauthorized(upstream, "it asks for an authentication scheme Wharf does not speak");
        }
        r = exchange(upstream, method, upstream.base().resolve(path), accept, auth);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            close(r);
            tokens.remove(key);
            throw unauthorized(upstream, "it refused the credentials (HTTP " + r.statusCode() + ")");
        }
        return r;
    }

    /** The Docker token flow: a GET of the realm with service and scope, Basic when there are credentials. */
    private Token token(Upstream upstream, Map<String, String> params, String scope) {
        String realm = params.get("realm");
        if (realm == null) throw invalid(upstream, "its Bearer challenge names no realm");
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw invalid(upstream, "its Bearer realm is not a URL");
        }
        String s = realmUri.getScheme() == null ? "" : realmUri.getScheme().toLowerCase(Locale.ROOT);
        boolean downgrade = s.equals("http") && upstream.base().getScheme().equals("https");
        if (!(s.equals("https") || s.equals("http")) || downgrade) throw invalid(upstream, "its Bearer realm must be an https URL");
        StringBuilder q = new StringBuilder();
        if (params.get("service") != null) q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        String wanted = scope != null ? scope : params.get("scope");
        if (wanted != null) q.append(q.isEmpty() ? "" : "&").append("scope=").append(URLEncoder.encode(wanted, StandardCharsets.UTF_8));
        URI uri = URI.create(realm + (q.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + q));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(responseTimeout).GET();
        if (upstream.credentials() != null) b.header("Authorization", "Basic " + basic(upstream.credentials()));
        HttpResponse<InputStream> r = call(upstream, b.build());
        try (InputStream in = r.body()) {
            if (r.statusCode() == 401 || r.statusCode() == 403) throw unauthorized(upstream, "its token service refused the credentials");
            if (r.statusCode() != 200) throw status(upstream, r.statusCode(), "its token service");
            byte[] body = in.readNBytes(MAX_TOKEN_BYTES + 1);
            if (body.length > MAX_TOKEN_BYTES) throw invalid(upstream, "its token answer is too large");
            JsonNode n = JSON.readTree(body);
            JsonNode token = n == null ? null : n.hasNonNull("token") ? n.get("token") : n.get("access_token");
            if (token == null || !token.isTextual() || token.asText().isEmpty()) throw invalid(upstream, "its token answer holds no token");
            long lifetime = n.hasNonNull("expires_in") && n.get("expires_in").canConvertToLong() && n.get("expires_in").asLong() > 0
                    ? n.get("expires_in").asLong() : DEFAULT_TOKEN_LIFETIME.toSeconds();
            // reuse it until 10 s before it expires, never past a day
            long ms = Math.min(Duration.ofDays(1).toMillis(), Math.max(0, lifetime - 10) * 1000);
            return new Token(token.asText(), clock.millis() + ms);
        } catch (IOException e) {
            throw invalid(upstream, "its token answer is not JSON");
        }
    }

    private HttpResponse<InputStream> exchange(Upstream upstream, String method, URI uri, String accept, String auth) {
        URI at = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(at).timeout(responseTimeout).method(method, HttpRequest.BodyPublishers.noBody());
            if (accept != null) b.header("Accept", accept);
            boolean sameOrigin = at.getHost() != null && at.getHost().equalsIgnoreCase(upstream.base().getHost())
                    && at.getPort() == upstream.base().getPort() && at.getScheme().equals(upstream.base().getScheme());
            if (auth != null && sameOrigin) b.header("Authorization", auth);
            HttpResponse<InputStream> r = call(upstream, b.build());
            int code = r.statusCode();
            if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) return r;
            String location = r.headers().firstValue("Location").orElse(null);
            close(r);
            if (location == null) throw invalid(upstream, "it redirected without a Location");
            URI next;
            try {
                next = at.resolve(location);
            } catch (IllegalArgumentException e) {
                throw invalid(upstream, "it redirected to something that is not a URL");
            }
            String s = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!(s.equals("https") || s.equals("http")) || (s.equals("http") && at.getScheme().equals("https"))) {
                throw invalid(upstream, "it redirected away from https");
            }
            at = next;
        }
        throw invalid(upstream, "it redirected more than " + MAX_REDIRECTS + " times");
    }

    private HttpResponse<InputStream> call(Upstream upstream, HttpRequest request) {
        try {
            return http().send(request, IdleTimeoutBody.handler(responseTimeout));
        } catch (HttpTimeoutException e) {
            throw unavailable(upstream, "it did not answer within " + responseTimeout.toSeconds() + " s");
        } catch (IOException e) {
            throw unavailable(upstream, "it cannot be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(upstream, "the request was interrupted");
        }
    }

    private static void requireOk(Upstream upstream, HttpResponse<InputStream> r, String path) {
        if (r.statusCode() == 200) return;
        close(r);
        if (r.statusCode() == 404) throw new UpstreamException(Failure.NOT_FOUND, upstream.base().getHost() + " has no " + path);
        if (r.statusCode() == 401 || r.statusCode() == 403) throw unauthorized(upstream, "it refused access to " + path);
        throw status(upstream, r.statusCode(), path);
    }

    private static UpstreamException status(Upstream upstream, int code, String what) {
        Failure f = code == 429 || code >= 500 ? Failure.UNAVAILABLE : Failure.INVALID;
        return new UpstreamException(f, upstream.base().getHost() + " answered HTTP " + code + " for " + what);
    }

    private static String basic(Credentials c) {
        return Base64.getEncoder().encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8));
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }

    private static UpstreamException unavailable(Upstream upstream, String why) {
        return new UpstreamException(Failure.UNAVAILABLE, "the upstream registry " + upstream.base().getHost() + " is unavailable: " + why);
    }

    private static UpstreamException unauthorized(Upstream upstream, String why) {
        return new UpstreamException(Failure.UNAUTHORIZED, "authentication to the upstream registry " + upstream.base().getHost()
                + " failed: " + why);
    }

    private static UpstreamException invalid(Upstream upstream, String why) {
        return new UpstreamException(Failure.INVALID, "the upstream registry " + upstream.base().getHost() + " broke the protocol: " + why);
    }
}
