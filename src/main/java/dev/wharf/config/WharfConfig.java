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
        Gc gc,
        /** Operator option: a push to a missing repository creates it (ECR answers 404 NAME_UNKNOWN; so does Wharf by default). */
        boolean createOnPush) {

    /**
     * @param headerTimeout the longest a client may take to send a request's line and headers
     *     ({@code server.headerTimeout}); a slower connection is closed
     * @param idleTimeout the longest a connection may stay silent, between or within requests
     *     ({@code server.idleTimeout})
     * @param maxConnections open connections at most ({@code server.maxConnections}); beyond it new
     *     connections wait in the accept queue until one closes
     */
    public record Server(String host, int port, String publicUrl, int maxThreads,
                         Duration headerTimeout, Duration idleTimeout, int maxConnections) {
        /** The same settings on another port (the one actually bound when {@code port} was 0). */
        public Server withPort(int newPort) {
            return new Server(host, newPort, publicUrl, maxThreads, headerTimeout, idleTimeout, maxConnections);
        }

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
            long maxControlPlaneBodyBytes,
            /** Upload sessions a repository may have open at once; abandoned ones expire after {@code auth.uploadExpiry}. */
            int openUploadsPerRepository) {
    }

    /** {@code minFreeBytes}: below this much free space where blobs live, new uploads are refused (0 = no floor). */
    public record Storage(String metadata, String blobs, long minFreeBytes) {
    }

    public record Auth(Duration tokenLifetime, Duration clockSkew, Duration uploadExpiry) {
    }

    /** How often lifecycle policies run ({@code lifecycle.interval}, {@code WHARF_LIFECYCLE_INTERVAL}; default 1d). */
    public record Lifecycle(Duration interval) {
    }

    /**
     * Garbage collection: a pass every {@code interval} ({@code gc.interval}, {@code WHARF_GC_INTERVAL};
     * default 1h); what became garbage less than {@code grace} ago is kept ({@code gc.grace},
     * {@code WHARF_GC_GRACE}; default 24h, the longest a push may take between its layers and its manifest).
     */
    public record Gc(Duration interval, Duration grace) {
    }

    /**
     * This configuration once the server has bound {@code boundPort} (it asked for port 0, "any free
     * port"): the port, and the defaults derived from it (the public URL, a default domain), follow
     * the port actually bound.
     */
    public WharfConfig withBoundPort(int boundPort) {
        if (boundPort == server.port()) return this;
        String d = domain.equals("localhost:" + server.port()) ? "localhost:" + boundPort : domain;
        return new WharfConfig(server.withPort(boundPort), dataDir, region, d,
                limits, storage, auth, lifecycle, gc, createOnPush);
    }

    public static Limits defaultLimits() {
        return new Limits(1000, 1000, 127, 4L << 20, 5L << 20, 20L << 20, 1000, 10_000L << 20, 32L << 20, 1000);
    }
}
