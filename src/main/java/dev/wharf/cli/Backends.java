package dev.wharf.cli;

import dev.wharf.config.ConfigException;
import dev.wharf.config.WharfConfig;
import dev.wharf.iam.SecretCipher;
import dev.wharf.registry.InlineBlobStore;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.FileSystemBlobStore;
import dev.wharf.storage.blob.S3BlobStore;
import dev.wharf.storage.meta.BlobContentStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.MetadataStores;
import dev.wharf.storage.meta.PostgresMetadataStores;
import dev.wharf.storage.meta.SqliteMetadataStores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Picks and opens the storage backends the configuration names: SQLite or PostgreSQL for
 * metadata, the filesystem or S3 for blobs, and the master key every node of a deployment shares.
 */
final class Backends {
    /** The setting that remembers which master key the metadata database was set up with. */
    static final String MASTER_KEY_CHECK = "master_key_check";

    private Backends() {}

    static MetadataStores openStores(WharfConfig config) {
        WharfConfig.Storage storage = config.storage();
        if (storage.postgresMetadata()) {
            WharfConfig.Postgres pg = storage.postgres();
            return PostgresMetadataStores.openAll(new PostgresMetadataStores.Connection(pg.url(), pg.user(), pg.password(), pg.poolSize()));
        }
        return SqliteMetadataStores.openAll(config.dataDir().resolve("wharf.db"));
    }

    /** Where metadata and blobs live, for the start-up log (never a password or secret key). */
    static String describe(WharfConfig config) {
        WharfConfig.Storage s = config.storage();
        String meta = s.postgresMetadata() ? s.postgres().toString() : "SQLite " + config.dataDir().resolve("wharf.db");
        String blobs = s.s3Blobs() ? s.s3() + (s.s3().redirect() ? " with redirects" : "") : "files under " + config.dataDir();
        return "metadata in " + meta + ", blobs in " + blobs;
    }

    /**
     * The configured blob store over the metadata store that keeps small blobs' bytes: with files,
     * an {@link InlineBlobStore} (reads and deletions find a small blob wherever it was kept, also
     * when {@code storage.inlineBlobBytes} is 0 now and was not before); with S3, the bucket alone.
     */
    static BlobStore openBlobs(WharfConfig config, BlobContentStore contents) {
        BlobStore store = openBlobs(config);
        return store instanceof FileSystemBlobStore files
                ? new InlineBlobStore(files, contents, (int) config.storage().inlineBlobBytes())
                : store;
    }

    static BlobStore openBlobs(WharfConfig config) {
        WharfConfig.Storage storage = config.storage();
        try {
            if (storage.s3Blobs()) {
                WharfConfig.S3 s3 = storage.s3();
                return S3BlobStore.open(new S3BlobStore.Settings(Optional.ofNullable(s3.endpoint()).map(URI::create), s3.region(),
                        s3.bucket(), s3.prefix(), s3.pathStyle(), Optional.ofNullable(s3.accessKeyId()), Optional.ofNullable(s3.secretAccessKey()),
                        s3.redirect()));
            }
            return new FileSystemBlobStore(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the blob store: " + e.getMessage(), e);
        }
    }

    /**
     * The master key: from {@code WHARF_MASTER_KEY}, else from the data directory. A shared
     * database needs the key from the environment, since a key file on one node's disk is not
     * shared with the others.
     */
    static SecretCipher masterKey(WharfConfig config, Map<String, String> env) {
        String key = env.get("WHARF_MASTER_KEY");
        if (config.storage().postgresMetadata() && (key == null || key.isBlank())) {
            throw new ConfigException("storage.metadata is postgres: set WHARF_MASTER_KEY (base64 of 32 random bytes, "
                    + "e.g. `openssl rand -base64 32`), the same on every node of the deployment");
        }
        return SecretCipher.load(key, config.dataDir());
    }

    /**
     * Refuses a master key other than the one the metadata database was set up with: secrets
     * encrypted with the first key could not be read, and tokens signed by other nodes would fail.
     * The database keeps only a value derived one-way from the key.
     */
    static void checkMasterKey(MetadataStore meta, SecretCipher cipher) {
        String mine = HexFormat.of().formatHex(cipher.deriveKey("master-key-check"));
        Optional<String> recorded = meta.setting(MASTER_KEY_CHECK);
        if (recorded.isEmpty()) {
            meta.putSetting(MASTER_KEY_CHECK, mine);
            return;
        }
        if (!MessageDigest.isEqual(recorded.get().getBytes(StandardCharsets.US_ASCII), mine.getBytes(StandardCharsets.US_ASCII))) {
            throw new ConfigException("WHARF_MASTER_KEY is not the key this metadata database was set up with: every node of a "
                    + "deployment must start with the same WHARF_MASTER_KEY (secrets and tokens made with the first key could not be read)");
        }
    }
}
