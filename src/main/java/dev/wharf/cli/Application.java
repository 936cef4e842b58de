package dev.wharf.cli;

import dev.wharf.audit.AuditTrail;
import dev.wharf.audit.api.CloudTrailApi;
import dev.wharf.auth.Authenticator;
import dev.wharf.auth.RegistryTokens;
import dev.wharf.config.WharfConfig;
import dev.wharf.ecr.EcrApi;
import dev.wharf.iam.IamService;
import dev.wharf.iam.Identities;
import dev.wharf.iam.IdentityPolicies;
import dev.wharf.iam.Sessions;
import dev.wharf.iam.api.IamApi;
import dev.wharf.iam.SecretCipher;
import dev.wharf.limits.Rate;
import dev.wharf.limits.RateTable;
import dev.wharf.limits.Throttle;
import dev.wharf.oci.OciApi;
import dev.wharf.registry.GuardedAccessControl;
import dev.wharf.registry.ThrottleOverrides;
import dev.wharf.registry.AccessControl;
import dev.wharf.registry.PolicyAccessControl;
import dev.wharf.registry.ResourcePolicies;
import dev.wharf.registry.AccountSettings;
import dev.wharf.registry.LayerUrls;
import dev.wharf.registry.Layers;
import dev.wharf.registry.Lifecycle;
import dev.wharf.registry.Blobs;
import dev.wharf.registry.Images;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.RegistrySettings;
import dev.wharf.registry.Repositories;
import dev.wharf.server.WharfServer;
import dev.wharf.sts.StsApi;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.FileSystemBlobStore;
import dev.wharf.storage.meta.CachingMetadataStore;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.JdbcAuditStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SqliteMetadataStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: opens the stores, builds the services and the server from one
 * {@link WharfConfig}. Nothing else constructs services.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final WharfConfig config;
    private final MetadataStore meta;
    private final Identities identities;
    private final Images images;
    private final Blobs blobs;
    private final WharfServer server;
    private final ScheduledExecutorService scheduler;
    private final IamStore sessions;
    private final Lifecycle lifecycle;
    private final Throttle throttle;
    private final JdbcAuditStore.Closeable auditStore;
    private final AuditTrail audit;
    /** How long a GetDownloadUrlForLayer URL stays valid (checked when the download starts). */
    private static final Duration LAYER_URL_LIFETIME = Duration.ofMinutes(15);

    private Application(WharfConfig config, Map<String, String> env, Clock clock) {
        this.config = config;
        SecretCipher cipher = SecretCipher.load(env.get("WHARF_MASTER_KEY"), config.dataDir());
        SqliteMetadataStores.Stores stores = openStores(config);
        // Pull-path rows cached for a second at most, with the multi-node rule of docs/design.md "Performance".
        this.meta = CachingMetadataStore.wrap(stores.meta());
        IamStore iamStore = stores.iam();
        BlobStore blobStore;
        try {
            blobStore = new FileSystemBlobStore(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the blob store in " + config.dataDir(), e);
        }
        this.identities = new Identities(meta, iamStore, cipher, clock);
        RegistrySettings settings = RegistrySettings.from(config, clock);
        IdentityPolicies identityPolicies = new IdentityPolicies(iamStore);
        this.throttle = throttle(config, meta, clock);
        // The one authorization point, with throttling and the audit record's naming beside it (ARCHITECTURE.md).
        AccessControl access = new GuardedAccessControl(new PolicyAccessControl(meta, iamStore, identityPolicies, settings), throttle);
        this.auditStore = JdbcAuditStore.openSqlite(config.dataDir().resolve("wharf.db"));
        this.audit = new AuditTrail(auditStore, config.region(), clock, config.audit().retention());
        Repositories repositories = new Repositories(meta, access, settings);
        this.blobs = new Blobs(meta, blobStore, repositories, settings);
        this.images = new Images(meta, repositories, settings);
        Authenticator authenticator = new Authenticator(identities, new RegistryTokens(cipher.deriveKey("registry-token"), clock),
                clock, config.auth().tokenLifetime(), config.auth().clockSkew());
        PageTokens pageTokens = new PageTokens(cipher.deriveKey("page-token"));
        String publicUrl = config.server().effectivePublicUrl();
        OciApi oci = new OciApi(authenticator, repositories, blobs, images, publicUrl, clock);
        this.lifecycle = new Lifecycle(meta, repositories, settings);
        Layers layers = new Layers(meta, blobs, repositories,
                new LayerUrls(cipher.deriveKey("layer-download-url"), clock, LAYER_URL_LIFETIME));
        EcrApi ecr = new EcrApi(authenticator, access, repositories, pageTokens, publicUrl,
                config.limits().maxControlPlaneBodyBytes(), clock, images, blobs, layers, lifecycle,
                new AccountSettings(meta, access), new ResourcePolicies(repositories, access, iamStore));
        IamService iamService = new IamService(iamStore, identityPolicies, cipher, clock);
        this.sessions = iamStore;
        List<WharfServer.AwsApi> queryApis = List.of(
                new IamApi(iamService, authenticator, config.region(), config.limits().maxControlPlaneBodyBytes(), clock)
                        .throttledBy(throttle),
                new StsApi(new Sessions(iamService, cipher, clock), authenticator, config.region(),
                        config.limits().maxControlPlaneBodyBytes(), clock).throttledBy(throttle),
                new CloudTrailApi(audit, authenticator, access, pageTokens, config.region(),
                        config.limits().maxControlPlaneBodyBytes(), clock));
        this.server = new WharfServer(config.server().host(), config.server().port(), config.server().maxThreads(),
                publicUrl, oci, ecr, queryApis, audit);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wharf-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The throttle of every door: ECR's published rates, the configured ones on top
     * ({@code DEFAULT} for operations without a published rate), and each account's own rates.
     */
    static Throttle throttle(WharfConfig config, MetadataStore meta, Clock clock) {
        return new Throttle(config.throttling().enabled(), rateTable(config), new ThrottleOverrides(meta), clock);
    }

    /** The published rates with the configured ones on top ({@code DEFAULT}: operations without a published rate). */
    static RateTable rateTable(WharfConfig config) {
        Map<String, Rate> configured = new java.util.HashMap<>();
        config.throttling().rates().forEach((op, rate) -> configured.put(op, Rate.parse(rate)));
        Rate fallback = configured.remove("DEFAULT");
        return RateTable.withOverrides(configured, fallback);
    }

    static MetadataStore openMetadata(WharfConfig config) {
        return openStores(config).meta();
    }

    static SqliteMetadataStores.Stores openStores(WharfConfig config) {
        return SqliteMetadataStores.openAll(config.dataDir().resolve("wharf.db"));
    }

    public static Application create(WharfConfig config, Map<String, String> env, Clock clock) {
        return new Application(config, env, clock);
    }

    public Identities identities() {
        return identities;
    }

    /** The throttle of every door (its counters are what an operator and the tests read). */
    public Throttle throttle() {
        return throttle;
    }

    /** Starts serving; returns once the port is bound and {@code /healthz} answers. */
    public void start() throws Exception {
        int cleaned = blobs.cleanAbandonedUploads(Clock.systemUTC().instant().minus(config.auth().uploadExpiry()));
        if (cleaned > 0) LOG.info("removed {} abandoned upload sessions", cleaned);
        server.start();
        scheduler.scheduleWithFixedDelay(this::flushPulls, 5, 5, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::cleanUploads, 1, 1, TimeUnit.HOURS);
        scheduler.scheduleWithFixedDelay(this::cleanSessions, 1, 1, TimeUnit.HOURS);
        scheduler.scheduleWithFixedDelay(this::pruneAudit, 0, 1, TimeUnit.HOURS);
        long every = config.lifecycle().interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runLifecycle, every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs the lifecycle policies; pull times are written first, so sinceImagePulled sees the latest pulls. */
    private void runLifecycle() {
        try {
            images.flushPulls();
            Lifecycle.RunReport r = lifecycle.runAll();
            if (r.expired() > 0) LOG.info("lifecycle policies of {} repositories expired {} images", r.repositories(), r.expired());
        } catch (RuntimeException e) {
            LOG.warn("running lifecycle policies failed: {}", e.toString());
        }
    }

    private void flushPulls() {
        try {
            images.flushPulls();
        } catch (RuntimeException e) {
            LOG.warn("recording pull times failed: {}", e.toString());
        }
    }

    private void cleanUploads() {
        try {
            blobs.cleanAbandonedUploads(Clock.systemUTC().instant().minus(config.auth().uploadExpiry()));
        } catch (RuntimeException e) {
            LOG.warn("cleaning abandoned uploads failed: {}", e.toString());
        }
    }

    /** Expired STS sessions are kept a day (so their use is answered ExpiredToken), then removed. */
    private void cleanSessions() {
        try {
            sessions.deleteSessionsExpiredBefore(Clock.systemUTC().millis() - Duration.ofDays(1).toMillis());
        } catch (RuntimeException e) {
            LOG.warn("removing expired sessions failed: {}", e.toString());
        }
    }

    /** Audit events older than the retention period (audit.retention) are deleted hourly. */
    private void pruneAudit() {
        try {
            int n = audit.prune();
            if (n > 0) LOG.info("removed {} audit events older than {}", n, config.audit().retention());
        } catch (RuntimeException e) {
            LOG.warn("pruning the audit trail failed: {}", e.toString());
        }
    }

    public int port() {
        return server.port();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        scheduler.shutdownNow();
        try {
            server.close();
        } finally {
            try {
                images.flushPulls();
            } finally {
                try {
                    audit.close();
                    auditStore.close();
                } finally {
                    meta.close();
                }
            }
        }
    }

    static Duration uptime(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
