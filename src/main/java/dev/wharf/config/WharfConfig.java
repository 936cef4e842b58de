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
        boolean createOnPush,
        Management management, Tls tls, Events events,
        Throttling throttling,
        Audit audit,
        Replication replication, PullThroughCache pullThroughCache) {

    /**
     * @param allowHttp whether a pull through cache rule may name a plain {@code http://} upstream
     *     ({@code pullThroughCache.allowHttp}); ECR, and Wharf by default, reach upstreams over HTTPS only
     */
    public record PullThroughCache(boolean allowHttp) {
    }

    /**
     * @param headerTimeout the longest a client may take to send a request's line and headers
     *     ({@code server.headerTimeout}); a slower connection is closed
     * @param idleTimeout the longest a connection may stay silent, between or within requests
     *     ({@code server.idleTimeout})
     * @param maxConnections open connections at most ({@code server.maxConnections}); beyond it new
     *     connections wait in the accept queue until one closes
     * @param sendfile whether plain-HTTP blob GETs are sent with {@code sendfile(2)} ({@code server.sendfile});
     *     off, they are copied through a pooled buffer as over TLS
     * @param readAhead whether a large copied GET tells the kernel which bytes of the file come next
     *     ({@code server.readAhead}); off, the kernel's own readahead reads them
     */
    public record Server(String host, int port, String publicUrl, int maxThreads,
                         Duration headerTimeout, Duration idleTimeout, int maxConnections, boolean sendfile,
                         boolean readAhead) {
        /** The same settings on another port (the one actually bound when {@code port} was 0). */
        public Server withPort(int newPort) {
            return new Server(host, newPort, publicUrl, maxThreads, headerTimeout, idleTimeout, maxConnections, sendfile, readAhead);
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

    /**
     * Where metadata ({@code sqlite} in the data directory, or {@code postgres}) and blobs
     * ({@code filesystem} in the data directory, or {@code s3}) live. With both remote the node
     * keeps nothing on its own disk. {@code minFreeBytes}: below this much free space where blobs
     * live, new uploads are refused (0 = no floor). {@code inlineBlobBytes}: with {@code filesystem}
     * blobs, a blob no larger than this that arrives whole in one request is kept in the metadata
     * database instead of as a file (0 = never; docs/design.md, "Small blobs in the database").
     */
    public record Storage(String metadata, String blobs, long minFreeBytes, long inlineBlobBytes, Postgres postgres, S3 s3) {
        public static final long DEFAULT_INLINE_BLOB_BYTES = 64 << 10;
        public static final long MAX_INLINE_BLOB_BYTES = 1 << 20;

        public boolean postgresMetadata() {
            return metadata.equals("postgres");
        }

        public boolean s3Blobs() {
            return blobs.equals("s3");
        }

        /** True when nothing is kept in the data directory. */
        public boolean remoteOnly() {
            return postgresMetadata() && s3Blobs();
        }
    }

    /** {@code storage.postgres.*}: the shared metadata database (a JDBC URL), used when storage.metadata is postgres. */
    public record Postgres(String url, String user, String password, int poolSize) {
        @Override
        public String toString() {
            return "Postgres[" + url + " as " + user + "]"; // never the password
        }
    }

    /**
     * {@code storage.s3.*}: the shared bucket, used when storage.blobs is s3. No endpoint means AWS
     * itself; no access key means the AWS SDK's default credential chain.
     */
    public record S3(String endpoint, String region, String bucket, String prefix, boolean pathStyle,
                     String accessKeyId, String secretAccessKey, boolean redirect) {
        @Override
        public String toString() {
            return "S3[" + endpoint + " " + region + " " + bucket + "/" + prefix + "]"; // never the secret
        }
    }

    public record Auth(Duration tokenLifetime, Duration clockSkew, Duration uploadExpiry) {
    }

    /**
     * How often lifecycle policies run ({@code lifecycle.interval}, {@code WHARF_LIFECYCLE_INTERVAL}; default 1d),
     * and how long restoring an archived image takes ({@code lifecycle.archiveRestoreDelay},
     * {@code WHARF_ARCHIVE_RESTORE_DELAY}; default 20m, as ECR's restores take).
     */
    public record Lifecycle(Duration interval, Duration archiveRestoreDelay) {
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
                limits, storage, auth, lifecycle, gc, createOnPush, management, tls, events, throttling, audit, replication, pullThroughCache);
    }

    /** This configuration with the management listener on an ephemeral port ({@link Management#onEphemeralPort}). */
    public WharfConfig withEphemeralManagementPort() {
        return new WharfConfig(server, dataDir, region, domain, limits, storage, auth, lifecycle, gc, createOnPush,
                Management.onEphemeralPort(management.host(), management.repositorySeries()), tls, events, throttling, audit, replication, pullThroughCache);
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
    public record Management(String host, int port, int repositorySeries, boolean enabled) {
        public Management {
            if (!enabled && port != 0) throw new IllegalArgumentException("a disabled management listener has no port");
        }

        /** As configured: port 0 turns the listener off. */
        public Management(String host, int port, int repositorySeries) {
            this(host, port, repositorySeries, port != 0);
        }

        /**
         * On a port the listener binds itself, read back from {@code Application.managementPort()}:
         * for tests running side by side, which no configuration value can ask for (0 means off).
         */
        public static Management onEphemeralPort(String host, int repositorySeries) {
            return new Management(host, 0, repositorySeries, true);
        }
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

    /**
     * Replication ({@code replication.*}, docs/configuration.md): how often the queue is polled, the
     * backoff between attempts of a copy (doubling from {@code retryBase} up to {@code retryMax}), how
     * many attempts a copy gets before it is FAILED, and the other Wharf deployments that stand for
     * other regions, by region name.
     */
    public record Replication(Duration pollInterval, Duration retryBase, Duration retryMax, int maxAttempts,
                              java.util.Map<String, RemoteRegion> regions) {
        public Replication {
            regions = java.util.Map.copyOf(regions);
        }

        public static Replication defaults() {
            return new Replication(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMinutes(10), 10, java.util.Map.of());
        }
    }

    /**
     * Another Wharf deployment that is region {@code region} to this one: its public URL
     * ({@code {registryId}} in it is replaced by the destination registry's id, so that a host name
     * like {@code {registryId}.dkr.ecr.eu-west-1.example.com} picks the registry there) and the
     * access key replicated images are pushed with. The secret is never printed.
     */
    public record RemoteRegion(String region, String endpoint, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "RemoteRegion[" + region + " at " + endpoint + " as " + accessKeyId + "]";
        }
    }

    public static Limits defaultLimits() {
        return new Limits(1000, 1000, 127, 4L << 20, 5L << 20, 20L << 20, 1000, 10_000L << 20, 32L << 20, 1000);
    }
}
