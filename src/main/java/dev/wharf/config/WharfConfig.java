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
        boolean createOnPush) {

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
     * This configuration once the server has bound {@code boundPort} (it asked for port 0, "any free
     * port"): the port, and the defaults derived from it (the public URL, a default domain), follow
     * the port actually bound.
     */
    public WharfConfig withBoundPort(int boundPort) {
        if (boundPort == server.port()) return this;
        String d = domain.equals("localhost:" + server.port()) ? "localhost:" + boundPort : domain;
        return new WharfConfig(new Server(server.host(), boundPort, server.publicUrl(), server.maxThreads()), dataDir, region, d,
                limits, storage, auth, lifecycle, createOnPush);
    }

    public static Limits defaultLimits() {
        return new Limits(1000, 1000, 127, 4L << 20, 5L << 20, 20L << 20, 1000, 10_000L << 20, 32L << 20);
    }
}
