package dev.wharf.cli;

import dev.wharf.auth.Authenticator;
import dev.wharf.auth.RegistryTokens;
import dev.wharf.config.WharfConfig;
import dev.wharf.ecr.EcrApi;
import dev.wharf.iam.Identities;
import dev.wharf.iam.SecretCipher;
import dev.wharf.oci.OciApi;
import dev.wharf.registry.AccessControl;
import dev.wharf.registry.AccountRootAccessControl;
import dev.wharf.registry.Blobs;
import dev.wharf.registry.Images;
import dev.wharf.registry.PageTokens;
import dev.wharf.registry.RegistrySettings;
import dev.wharf.registry.Repositories;
import dev.wharf.server.WharfServer;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.FileSystemBlobStore;
import dev.wharf.storage.meta.CachingMetadataStore;
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

    private Application(WharfConfig config, Map<String, String> env, Clock clock) {
        this.config = config;
        SecretCipher cipher = SecretCipher.load(env.get("WHARF_MASTER_KEY"), config.dataDir());
        this.meta = openMetadata(config);
        BlobStore blobStore;
        try {
            blobStore = new FileSystemBlobStore(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the blob store in " + config.dataDir(), e);
        }
        this.identities = new Identities(meta, cipher, clock);
        RegistrySettings settings = RegistrySettings.from(config, clock);
        AccessControl access = new AccountRootAccessControl();
        Repositories repositories = new Repositories(meta, access, settings);
        this.blobs = new Blobs(meta, blobStore, repositories, settings);
        this.images = new Images(meta, repositories, settings);
        Authenticator authenticator = new Authenticator(identities, new RegistryTokens(cipher.deriveKey("registry-token"), clock),
                clock, config.auth().tokenLifetime(), config.auth().clockSkew());
        PageTokens pageTokens = new PageTokens(cipher.deriveKey("page-token"));
        String publicUrl = config.server().effectivePublicUrl();
        OciApi oci = new OciApi(authenticator, repositories, blobs, images, publicUrl, clock);
        EcrApi ecr = new EcrApi(authenticator, access, repositories, pageTokens, publicUrl,
                config.limits().maxControlPlaneBodyBytes(), clock);
        this.server = new WharfServer(config.server().host(), config.server().port(), config.server().maxThreads(),
                publicUrl, oci, ecr, List.of());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wharf-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    static MetadataStore openMetadata(WharfConfig config) {
        return CachingMetadataStore.wrap(SqliteMetadataStores.open(config.dataDir().resolve("wharf.db")));
    }

    public static Application create(WharfConfig config, Map<String, String> env, Clock clock) {
        return new Application(config, env, clock);
    }

    public Identities identities() {
        return identities;
    }

    /** Starts serving; returns once the port is bound and {@code /healthz} answers. */
    public void start() throws Exception {
        int cleaned = blobs.cleanAbandonedUploads(Clock.systemUTC().instant().minus(config.auth().uploadExpiry()));
        if (cleaned > 0) LOG.info("removed {} abandoned upload sessions", cleaned);
        server.start();
        scheduler.scheduleWithFixedDelay(this::flushPulls, 5, 5, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(this::cleanUploads, 1, 1, TimeUnit.HOURS);
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
                meta.close();
            }
        }
    }

    static Duration uptime(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
