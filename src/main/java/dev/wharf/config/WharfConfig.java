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
        Throttling throttling,
        Audit audit) {

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
     * Throttling ({@code throttling.*}, {@code WHARF_THROTTLING_*}): on by default with ECR's published
     * rates; {@code rates} holds the operator's {@code RATE[/BURST]} by operation name (upper snake case
     * from the environment, e.g. {@code GET_AUTHORIZATION_TOKEN}), {@code DEFAULT} for operations
     * without a published rate.
     */
    public record Throttling(boolean enabled, java.util.Map<String, String> rates) {
        public Throttling {
            rates = java.util.Map.copyOf(rates);
        }
    }

    /** The audit trail ({@code audit.*}): how long events are kept ({@code WHARF_AUDIT_RETENTION}, default 90d). */
    public record Audit(Duration retention) {
    }

    public static Limits defaultLimits() {
        return new Limits(1000, 1000, 127, 4L << 20, 5L << 20, 20L << 20, 1000, 10_000L << 20, 32L << 20);
    }
}
