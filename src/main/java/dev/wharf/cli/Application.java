package dev.wharf.cli;

import dev.wharf.audit.AuditTrail;
import dev.wharf.audit.CallRecord;
import dev.wharf.audit.api.CloudTrailApi;
import dev.wharf.auth.Authenticator;
import dev.wharf.auth.RegistryTokens;
import dev.wharf.config.WharfConfig;
import dev.wharf.ecr.EcrApi;
import dev.wharf.http.AwsApi;
import dev.wharf.events.WebhookDelivery;
import dev.wharf.events.WebhookEvents;
import dev.wharf.iam.IamServices;
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
import dev.wharf.query.QueryDoor;
import dev.wharf.registry.AccessControl;
import dev.wharf.registry.PolicyAccessControl;
import dev.wharf.registry.ResourcePolicies;
import dev.wharf.registry.AccountSettings;
import dev.wharf.registry.Archive;
import dev.wharf.registry.LayerUrls;
import dev.wharf.registry.Layers;
import dev.wharf.registry.Lifecycle;
import dev.wharf.registry.AuditAccess;
import dev.wharf.registry.SecretValues;
import dev.wharf.registry.SecretsAccess;
import dev.wharf.secrets.SecretListing;
import dev.wharf.secrets.SecretValueCipher;
import dev.wharf.secrets.SecretsManager;
import dev.wharf.secrets.StoredSecretValues;
import dev.wharf.secrets.api.SecretsManagerApi;
import dev.wharf.registry.Blobs;
import dev.wharf.registry.CachedPulls;
import dev.wharf.registry.ImageEvents;
import dev.wharf.registry.CreationTemplates;
import dev.wharf.registry.GarbageCollector;
import dev.wharf.registry.LeaseExclusive;
import dev.wharf.registry.Images;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.PullThroughCache;
import dev.wharf.registry.PullTimeExclusions;
import dev.wharf.registry.RegistrySettings;
import dev.wharf.registry.RemoteRegistries;
import dev.wharf.registry.Replication;
import dev.wharf.registry.ReplicationWorker;
import dev.wharf.replication.WharfRemotes;
import dev.wharf.registry.StorageFaults;
import dev.wharf.registry.Repositories;
import dev.wharf.server.ConsoleAssets;
import dev.wharf.metrics.WharfMetrics;
import dev.wharf.server.ManagementServer;
import dev.wharf.server.WharfServer;
import dev.wharf.sts.StsApi;
import dev.wharf.upstream.OciUpstream;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.meta.CachingMetadataStore;
import dev.wharf.storage.meta.EventOutbox;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.JdbcEventOutbox;
import dev.wharf.storage.meta.JdbcUsageStore;
import dev.wharf.storage.meta.JdbcAuditStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.MetadataStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
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
    private final BlobStore blobStore;
    private final GarbageCollector gc;
    private final Clock clock;
    /** The listening socket, bound before anything that names the server's URL is built. */
    private final ServerSocketChannel listener;
    /** Connections the kernel queues before the server accepts them. */
    private static final int ACCEPT_QUEUE = 1024;
    private final WharfMetrics metrics;
    /** Null when the management listener is off (management.port 0). */
    private final ManagementServer management;
    /** Null when no webhook is configured. */
    private final WebhookDelivery webhooks;
    private final ReplicationWorker replicationWorker;
    private final Throttle throttle;
    private final SecretValues secretValues;
    private final JdbcAuditStore.Closeable auditStore;
    private final AuditTrail audit;
    private final OciUpstream upstreams;
    private final CachedPulls cachedPulls;
    /** How long a GetDownloadUrlForLayer URL stays valid (checked when the download starts). */
    private static final Duration LAYER_URL_LIFETIME = Duration.ofMinutes(15);
    /** How long a collector holding the lease may go silent before another may collect: longer than any pass. */
    private static final Duration GC_LEASE = Duration.ofHours(1);
    /** Whether this node runs the deployment's scheduled work (one node at a time). */
    private final ScheduledWorkRunner runner;
    /** How long a pull through cache waits for an upstream to accept a connection, and then for its answer's headers. */
    private static final Duration UPSTREAM_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration UPSTREAM_RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private Application(ServerSocketChannel listener, WharfConfig requested, Map<String, String> env, Clock clock) {
        this.listener = listener;
        this.clock = clock;
        WharfConfig config = requested.withBoundPort(((InetSocketAddress) localAddress(listener)).getPort());
        this.config = config;
        SecretCipher cipher = Backends.masterKey(config, env);
        MetadataStores stores = openStores(config);
        // Meters are kept even when nobody can scrape them: they cost little, and every service can count unconditionally.
        this.metrics = new WharfMetrics(JdbcUsageStore.sharing(stores.meta()), config.management().repositorySeries(), Clock.systemUTC());
        try {
            Backends.checkMasterKey(stores.meta(), cipher);
        } catch (RuntimeException e) {
            stores.meta().close();
            throw e;
        }
        // Pull-path rows cached, checked once per request against the shared generation: exact across nodes
        // (docs/design.md "Caches across nodes"). A full disk under either store is answered as "out of storage" wherever it strikes.
        // One cache for both stores: an IAM write (a key deactivated, a policy deleted) empties it at once on this node.
        MetadataStores cached = CachingMetadataStore.wrap(stores, CallRecord::requestScope);
        this.meta = StorageFaults.translate(MetadataStore.class, cached.meta());
        IamStore iamStore = StorageFaults.translate(IamStore.class, cached.iam());
        BlobStore blobStore = Backends.openBlobs(config, meta);
        this.blobStore = blobStore;
        this.identities = new Identities(meta, iamStore, cipher, clock);
        RegistrySettings settings = RegistrySettings.from(config, clock);
        IdentityPolicies identityPolicies = new IdentityPolicies(iamStore);
        this.throttle = throttle(config, meta, clock);
        // The one authorization point, with throttling and the audit record's naming beside it (ARCHITECTURE.md).
        AccessControl access = new GuardedAccessControl(new PolicyAccessControl(meta, iamStore, identityPolicies, settings), throttle);
        this.auditStore = JdbcAuditStore.open(stores.meta(), config.dataDir() == null ? null : config.dataDir().resolve("wharf.db"));
        this.audit = new AuditTrail(auditStore, config.region(), clock, config.audit().retention());
        CreationTemplates templates = new CreationTemplates(meta, access, settings);
        Repositories repositories = new Repositories(meta, access, settings, templates);
        this.blobs = new Blobs(meta, blobStore, repositories, settings, config.storage().minFreeBytes(), cipher.deriveKey("upload-id"));
        WharfConfig.Events ev = config.events();
        EventOutbox outbox = JdbcEventOutbox.sharing(stores.meta());
        this.webhooks = ev.enabled() ? new WebhookDelivery(outbox, ev.maxAge(), Clock.systemUTC()) : null;
        if (ev.enabled()) metrics.watch(outbox);
        WharfConfig.Replication rc = config.replication();
        RemoteRegistries remotes = rc.regions().isEmpty() ? RemoteRegistries.NONE : new WharfRemotes(rc.regions().values());
        Replication replication = new Replication(meta, iamStore, repositories, blobStore, access, settings, remotes,
                new Replication.Retry(rc.retryBase(), rc.retryMax(), rc.maxAttempts()));
        this.replicationWorker = new ReplicationWorker(replication, rc.pollInterval());
        ImageEvents imageEvents = withReplication(ev.enabled()
                ? webhookEvents(new WebhookEvents(outbox, ev.webhookUrls(), config.region(), clock, Clock.systemUTC(), webhooks::wake))
                : ImageEvents.NONE, replication);
        PullTimeExclusions pullTimeExclusions = new PullTimeExclusions(meta, access, settings);
        Archive archive = new Archive(meta, repositories, settings, config.lifecycle().archiveRestoreDelay());
        this.images = new Images(meta, repositories, settings, pullTimeExclusions, archive, imageEvents);
        Authenticator authenticator = new Authenticator(identities, new RegistryTokens(cipher.deriveKey("registry-token"), clock),
                clock, config.auth().tokenLifetime(), config.auth().clockSkew());
        PageTokens pageTokens = new PageTokens(cipher.deriveKey("page-token"));
        String publicUrl = config.effectivePublicUrl();
        this.upstreams = new OciUpstream(UPSTREAM_CONNECT_TIMEOUT, UPSTREAM_RESPONSE_TIMEOUT, clock);
        this.secretValues = new StoredSecretValues(meta, new SecretValueCipher(cipher));
        PullThroughCache pullThroughCache = new PullThroughCache(meta, access, settings, secretValues, upstreams,
                config.pullThroughCache().allowHttp());
        this.cachedPulls = new CachedPulls(pullThroughCache, meta, repositories, blobs, access, settings, upstreams);
        OciApi oci = new OciApi(authenticator, repositories, blobs, images, publicUrl, clock, cachedPulls);
        this.lifecycle = new Lifecycle(meta, repositories, settings, archive);
        this.gc = collector(meta, blobStore, clock);
        Layers layers = new Layers(meta, blobs, repositories,
                new LayerUrls(cipher.deriveKey("layer-download-url"), clock, LAYER_URL_LIFETIME));
        EcrApi ecr = new EcrApi(authenticator, repositories, pageTokens, publicUrl,
                config.limits().maxControlPlaneBodyBytes(), clock, images, blobs, layers, lifecycle,
                new AccountSettings(meta, access), new ResourcePolicies(repositories, access, iamStore), templates, pullTimeExclusions, archive, replication,
                pullThroughCache, cachedPulls);
        IamServices iamServices = IamServices.create(iamStore, identityPolicies, cipher, clock);
        this.sessions = iamStore;
        List<AwsApi> queryApis = List.of(
                new QueryDoor(List.of(
                        new IamApi(iamServices, authenticator, config.region(), config.limits().maxControlPlaneBodyBytes(), clock)
                                .throttledBy(throttle),
                        new StsApi(new Sessions(iamServices.entities(), cipher, clock), authenticator, config.region(),
                                config.limits().maxControlPlaneBodyBytes(), clock).throttledBy(throttle))),
                new CloudTrailApi(audit, authenticator, new AuditAccess(access), pageTokens, config.region(),
                        config.limits().maxControlPlaneBodyBytes(), clock),
                secretsApi(meta, access, cipher, pageTokens, authenticator, config, clock));
        WharfConfig.Management mgmt = config.management();
        this.management = mgmt.enabled() ? new ManagementServer(mgmt.host(), mgmt.port(), metrics) : null;
        this.server = new WharfServer(config.server(), publicUrl, oci, ecr, queryApis, new ConsoleAssets(config.region()),
                blobs::storageWarning, config.tls(), metrics, audit);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wharf-maintenance");
            t.setDaemon(true);
            return t;
        });
        this.runner = new ScheduledWorkRunner(meta, clock);
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

    /** The garbage collector over the stores, one in a cluster at a time (a lease row in the shared database). */
    static GarbageCollector collector(MetadataStore meta, BlobStore blobStore, Clock clock) {
        return new GarbageCollector(meta, blobStore, clock, new LeaseExclusive(meta, "gc", GC_LEASE, clock));
    }

    static MetadataStore openMetadata(WharfConfig config) {
        return openStores(config).meta();
    }

    static MetadataStores openStores(WharfConfig config) {
        return Backends.openStores(config);
    }

    /**
     * Binds the server's port at once (with port 0, any free one: {@link #config()} then holds the
     * port bound, so URLs the server hands out name it) and builds everything on it.
     */
    public static Application create(WharfConfig config, Map<String, String> env, Clock clock) {
        ServerSocketChannel listener = bind(config.server());
        try {
            Application app = new Application(listener, config, env, clock);
            app.server.open(listener);
            return app;
        } catch (IOException e) {
            closeQuietly(listener);
            throw new UncheckedIOException("cannot listen on " + config.server().host() + ":" + config.server().port(), e);
        } catch (RuntimeException | Error e) {
            closeQuietly(listener);
            throw e;
        }
    }

    private static ServerSocketChannel bind(WharfConfig.Server server) {
        try {
            ServerSocketChannel ch = ServerSocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(new InetSocketAddress(server.host(), server.port()), ACCEPT_QUEUE);
                return ch;
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + server.host() + ":" + server.port() + ": " + e.getMessage(), e);
        }
    }

    private static java.net.SocketAddress localAddress(ServerSocketChannel ch) {
        try {
            return ch.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(ServerSocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was served on it
        }
    }

    /** The configuration in force: the one given, with the port actually bound. */
    public WharfConfig config() {
        return config;
    }

    public Identities identities() {
        return identities;
    }

    /** The Secrets Manager door: its services over the metadata store, authorized at the one authorization point. */
    private static SecretsManagerApi secretsApi(MetadataStore meta, AccessControl access, SecretCipher cipher, PageTokens pageTokens,
                                                Authenticator authenticator, WharfConfig config, Clock clock) {
        SecretsAccess secretsAccess = new SecretsAccess(access);
        SecretsManager secrets = new SecretsManager(meta, secretsAccess, new SecretValueCipher(cipher), config.region(), clock);
        return new SecretsManagerApi(secrets, new SecretListing(meta, secrets, secretsAccess, pageTokens), authenticator, config.region(),
                config.limits().maxControlPlaneBodyBytes(), clock);
    }

    /** The stored secrets as the registry reads them (pull-through cache credentials). */
    public SecretValues secretValues() {
        return secretValues;
    }

    /** The throttle of every door (its counters are what an operator and the tests read). */
    public Throttle throttle() {
        return throttle;
    }

    /** Starts serving; returns once the port is bound and {@code /healthz} answers. */
    public void start() throws Exception {
        LOG.info("storage: {}", Backends.describe(config));
        if (runner.renew()) {
            int cleaned = blobs.cleanAbandonedUploads(clock.instant().minus(config.auth().uploadExpiry()));
            if (cleaned > 0) LOG.info("removed {} abandoned upload sessions", cleaned);
        }
        // The management listener first: a taken management port fails the start before /healthz ever answers.
        if (management != null) management.start();
        server.start();
        metrics.bindJvmMetersInBackground(); // read only by a scrape, which waits for them: not worth delaying /healthz
        if (webhooks != null) webhooks.start();
        replicationWorker.start(); // every node copies; claims keep two nodes off one copy
        // Pull times are this node's own; everything else is the deployment's, run by one node (the runner).
        scheduler.scheduleWithFixedDelay(this::flushPulls, 5, 5, TimeUnit.SECONDS);
        runner.start();
        scheduler.scheduleWithFixedDelay(runner.ifRunner(this::cleanUploads), 1, 1, TimeUnit.HOURS);
        scheduler.scheduleWithFixedDelay(runner.ifRunner(this::cleanSessions), 1, 1, TimeUnit.HOURS);
        scheduler.scheduleWithFixedDelay(runner.ifRunner(this::pruneAudit), 0, 1, TimeUnit.HOURS);
        long every = config.lifecycle().interval().toMillis();
        scheduler.scheduleWithFixedDelay(runner.ifRunner(this::runLifecycle), every, every, TimeUnit.MILLISECONDS);
        long gcEvery = config.gc().interval().toMillis();
        scheduler.scheduleWithFixedDelay(runner.ifRunner(this::collectGarbage), gcEvery, gcEvery, TimeUnit.MILLISECONDS);
    }

    /**
     * Whether this node runs the deployment's scheduled work (lifecycle policies, upload and session
     * expiry, audit pruning, garbage collection) as of its last renewal.
     */
    public boolean runsScheduledWork() {
        return runner.runs();
    }

    /** One garbage-collection pass, one summary line (docs/operations.md). */
    private void collectGarbage() {
        try {
            GarbageCollector.Report r = gc.run(config.gc().grace(), false);
            LOG.info("{}", r.summary());
            if (r.ran()) {
                metrics.gcPass(System.currentTimeMillis(), r.took(), r.candidates(), r.blobs(), r.bytes(), r.manifests(), r.failed());
            } else {
                metrics.gcSkipped();
            }
        } catch (RuntimeException e) {
            metrics.gcFailed();
            LOG.warn("garbage collection failed; the next pass resumes it: {}", e.toString());
        }
    }

    /** Runs the lifecycle policies; pull times are written first, so sinceImagePulled sees the latest pulls. */
    private void runLifecycle() {
        try {
            images.flushPulls();
            Lifecycle.RunReport r = lifecycle.runAll();
            metrics.maintenanceRun(WharfMetrics.Task.LIFECYCLE, r.expired(), 0);
            if (r.expired() > 0 || r.archived() > 0) {
                LOG.info("lifecycle policies of {} repositories expired {} images and archived {}", r.repositories(), r.expired(), r.archived());
            }
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
            blobs.cleanAbandonedUploads(clock.instant().minus(config.auth().uploadExpiry()));
        } catch (RuntimeException e) {
            LOG.warn("cleaning abandoned uploads failed: {}", e.toString());
        }
    }

    /** Expired STS sessions are kept a day (so their use is answered ExpiredToken), then removed. */
    private void cleanSessions() {
        try {
            sessions.deleteSessionsExpiredBefore(clock.millis() - Duration.ofDays(1).toMillis());
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

    /** The management listener's port, or -1 when it is off. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** Plugs the webhook outbox into the registry's event port (neither package knows the other). */
    private static ImageEvents webhookEvents(WebhookEvents hook) {
        return new ImageEvents() {
            @Override
            public void pushed(String account, String repository, String digest, String tag) {
                hook.pushed(account, repository, digest, tag);
            }

            @Override
            public void deleted(String account, String repository, String digest, String tag) {
                hook.deleted(account, repository, digest, tag);
            }
        };
    }

    /** Adds replication to the event port: a push is also queued for the registry's replication rules (deletes are not replicated). */
    private static ImageEvents withReplication(ImageEvents events, Replication replication) {
        return new ImageEvents() {
            @Override
            public void pushed(String account, String repository, String digest, String tag) {
                events.pushed(account, repository, digest, tag);
                try {
                    replication.pushed(account, repository, digest, tag);
                } catch (RuntimeException e) {
                    LOG.warn("replication: the push of {}/{}@{} could not be queued: {}", account, repository, digest, e.toString());
                }
            }

            @Override
            public void deleted(String account, String repository, String digest, String tag) {
                events.deleted(account, repository, digest, tag);
            }
        };
    }

    @Override
    public void close() throws Exception {
        close(false);
    }

    /** Closes without waiting for idle client connections to go (tests: nothing is in flight when they stop a server). */
    public void closeNow() throws Exception {
        close(true);
    }

    private void close(boolean now) throws Exception {
        scheduler.shutdownNow();
        try {
            if (management != null) management.close();
            if (webhooks != null) webhooks.close();
            replicationWorker.close();
            if (now) server.closeNow();
            else server.close();
        } finally {
            cachedPulls.close();
            upstreams.close();
            closeQuietly(listener);
            metrics.close();
            try {
                images.flushPulls();
            } finally {
                try {
                    audit.close();
                    auditStore.close();
                } finally {
                    runner.close();
                    meta.close();
                    if (blobStore instanceof AutoCloseable c) c.close();
                }
            }
        }
    }

    static Duration uptime(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
