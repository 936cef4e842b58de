package dev.wharf.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The one immutable configuration tree, built once at start-up (file, then {@code WHARF_*}
 * environment variables, then flags: see {@link ConfigLoader}) and passed in through constructors.
 */
public record WharfConfig(
        Server server,
        Path dataDir,
        String region,
        /** The DNS suffix of repository URIs: {@code <account>.dkr.ecr.<region>.<domain>/<name>}. */
        String domain,
        Limits limits,
        Storage storage,
        Auth auth,
        Lifecycle lifecycle,
        /** Operator option: a push to a missing repository creates it (ECR answers 404 NAME_UNKNOWN; so does Wharf by default). */
        boolean createOnPush,
        Management management, Tls tls, Events events) {

    public record Server(String host, int port, String publicUrl, int maxThreads) {
        /** The URL clients reach this registry at; used in the Basic realm and {@code proxyEndpoint}. */
        public String effectivePublicUrl() {
            if (publicUrl != null && !publicUrl.isBlank()) {
                return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
            }
            String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
            if (h.contains(":")) h = "[" + h + "]";
            return "http://" + h + ":" + port;
        }
    }

    /** Service quotas (ECR's defaults). */
    public record Limits(
            int repositoriesPerAccount,
            int imagesPerRepository,
            int layersPerImage,
            long maxManifestBytes,
            long minLayerPartBytes,
            long maxLayerPartBytes,
            int maxLayerParts,
            long maxBlobBytes,
            long maxControlPlaneBodyBytes) {
    }

    public record Storage(String metadata, String blobs) {
    }

    public record Auth(Duration tokenLifetime, Duration clockSkew, Duration uploadExpiry) {
    }

    /** How often lifecycle policies run ({@code lifecycle.interval}, {@code WHARF_LIFECYCLE_INTERVAL}; default 1d). */
    public record Lifecycle(Duration interval) {
    }

    /**
     * The URL clients reach this registry at: {@code server.publicUrl} when set, else the listening
     * address, as {@code https} when Wharf serves TLS itself.
     */
    public String effectivePublicUrl() {
        String url = server.effectivePublicUrl();
        boolean explicit = server.publicUrl() != null && !server.publicUrl().isBlank();
        return !explicit && tls.enabled() ? "https" + url.substring("http".length()) : url;
    }

    /**
     * The management listener ({@code GET /metrics}); never the public port. Port 0 disables it.
     * {@code repositorySeries}: at most this many repositories (the largest) get their own
     * stored-bytes series.
     */
    public record Management(String host, int port, int repositorySeries) {
        public boolean enabled() { return port != 0; }
    }

    /**
     * TLS served by Wharf itself: PEM certificate (chain allowed) and key, re-read when they change
     * (checked every {@code reloadInterval}). {@code trustedProxies}: addresses or CIDR blocks of
     * TLS-terminating proxies whose {@code X-Forwarded-Proto} is believed; nobody else's is.
     */
    public record Tls(Path certFile, Path keyFile, Duration reloadInterval, java.util.List<String> trustedProxies) {
        public boolean enabled() { return certFile != null; }
    }

    /** Image events: webhook URLs (none: no events are kept) and how long an undelivered event is retried. */
    public record Events(java.util.List<java.net.URI> webhookUrls, Duration maxAge) {
        public boolean enabled() { return !webhookUrls.isEmpty(); }
    }

    public static Limits defaultLimits() {
        return new Limits(1000, 1000, 127, 4L << 20, 5L << 20, 20L << 20, 1000, 10_000L << 20, 32L << 20);
    }
}
