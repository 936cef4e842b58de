package dev.wharf.config;

import java.net.URI;

/** What makes a {@code storage.*} section usable, checked at start-up with the key to fix. */
final class StorageChecks {
    private StorageChecks() {}

    static void check(WharfConfig.Storage storage) {
        switch (storage.metadata()) {
            case "sqlite" -> { }
            case "postgres" -> {
                String url = storage.postgres().url();
                if (url == null || url.isBlank()) {
                    throw new ConfigException("storage.metadata is postgres: set storage.postgres.url (WHARF_POSTGRES_URL), "
                            + "a JDBC URL such as jdbc:postgresql://db.example:5432/wharf");
                }
                if (!url.startsWith("jdbc:postgresql:")) {
                    throw new ConfigException("storage.postgres.url (WHARF_POSTGRES_URL) must be a JDBC URL starting with jdbc:postgresql:");
                }
                if (storage.postgres().poolSize() < 1) {
                    throw new ConfigException("storage.postgres.poolSize (WHARF_POSTGRES_POOL_SIZE) must be at least 1");
                }
            }
            default -> throw new ConfigException("storage.metadata (WHARF_STORAGE_METADATA) must be sqlite or postgres, got '"
                    + storage.metadata() + "'");
        }
        switch (storage.blobs()) {
            case "filesystem" -> { }
            case "s3" -> {
                WharfConfig.S3 s3 = storage.s3();
                if (s3.bucket() == null || s3.bucket().isBlank()) {
                    throw new ConfigException("storage.blobs is s3: set storage.s3.bucket (WHARF_S3_BUCKET)");
                }
                if ((s3.accessKeyId() == null) != (s3.secretAccessKey() == null)) {
                    throw new ConfigException("set both storage.s3.accessKeyId (WHARF_S3_ACCESS_KEY_ID) and storage.s3.secretAccessKey "
                            + "(WHARF_S3_SECRET_ACCESS_KEY), or neither to use the AWS SDK's default credentials");
                }
                if (s3.endpoint() != null) {
                    URI e;
                    try {
                        e = URI.create(s3.endpoint());
                    } catch (IllegalArgumentException bad) {
                        e = null;
                    }
                    if (e == null || e.getHost() == null || !("http".equals(e.getScheme()) || "https".equals(e.getScheme()))) {
                        throw new ConfigException("storage.s3.endpoint (WHARF_S3_ENDPOINT) must be an http or https URL, got '"
                                + s3.endpoint() + "'");
                    }
                }
            }
            default -> throw new ConfigException("storage.blobs (WHARF_STORAGE_BLOBS) must be filesystem or s3, got '"
                    + storage.blobs() + "'");
        }
        if (!storage.s3Blobs() && storage.s3().redirect()) {
            throw new ConfigException("storage.s3.redirect (WHARF_S3_REDIRECT) needs storage.blobs s3");
        }
    }
}
