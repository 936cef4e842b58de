package dev.wharf.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds {@link WharfConfig}: defaults, overridden by the optional YAML file, overridden by
 * {@code WHARF_*} environment variables, overridden by command-line flags. Every key is listed in
 * docs/configuration.md. Unknown keys in the file are rejected so that a typo is not silently ignored.
 */
public final class ConfigLoader {

    /** Flag values given on the command line; null means "not given". */
    public record Flags(String host, Integer port, Path dataDir, Path configFile, Long minFreeBytes) {
        public Flags(String host, Integer port, Path dataDir, Path configFile) {
            this(host, port, dataDir, configFile, null);
        }

        public static Flags none() { return new Flags(null, null, null, null); }
    }

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public WharfConfig load(Flags flags) {
        JsonNode file = readFile(flags.configFile() != null ? flags.configFile() : pathOrNull(env.get("WHARF_CONFIG")));
        Source s = new Source(file, env);

        String host = firstNonNull(flags.host(), s.str("server.host", "WHARF_HOST", "127.0.0.1"));
        int port = flags.port() != null ? flags.port() : s.integer("server.port", "WHARF_PORT", 5000);
        if (port < 0 || port > 65535) throw new ConfigException("server.port must be between 0 and 65535, got " + port);
        String publicUrl = s.str("server.publicUrl", "WHARF_PUBLIC_URL", null);
        int maxThreads = s.integer("server.maxThreads", "WHARF_MAX_THREADS", 256);
        Duration headerTimeout = s.duration("server.headerTimeout", "WHARF_HEADER_TIMEOUT", Duration.ofSeconds(20));
        Duration idleTimeout = s.duration("server.idleTimeout", "WHARF_IDLE_TIMEOUT", Duration.ofSeconds(120));
        int maxConnections = s.integer("server.maxConnections", "WHARF_MAX_CONNECTIONS", 4096);
        boolean sendfile = s.bool("server.sendfile", "WHARF_SENDFILE", false);
        boolean readAhead = s.bool("server.readAhead", "WHARF_READ_AHEAD", false);
        if (headerTimeout.isZero() || headerTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.isNegative()) {
            throw new ConfigException("server.headerTimeout and server.idleTimeout must be positive");
        }
        if (maxConnections < 1) throw new ConfigException("server.maxConnections must be at least 1, got " + maxConnections);
        Path dataDir = flags.dataDir() != null ? flags.dataDir() : Path.of(s.str("dataDir", "WHARF_DATA_DIR", "./data"));
        String region = s.str("region", "WHARF_REGION", "us-east-1");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) throw new ConfigException("region '" + region + "' is not an AWS region name like us-east-1");
        String domain = s.str("domain", "WHARF_DOMAIN", "localhost:" + port);

        WharfConfig.Limits d = WharfConfig.defaultLimits();
        WharfConfig.Limits limits = new WharfConfig.Limits(
                s.integer("limits.repositoriesPerAccount", "WHARF_LIMITS_REPOSITORIES_PER_ACCOUNT", d.repositoriesPerAccount()),
                s.integer("limits.imagesPerRepository", "WHARF_LIMITS_IMAGES_PER_REPOSITORY", d.imagesPerRepository()),
                s.integer("limits.layersPerImage", "WHARF_LIMITS_LAYERS_PER_IMAGE", d.layersPerImage()),
                s.bytes("limits.maxManifestBytes", "WHARF_LIMITS_MAX_MANIFEST_BYTES", d.maxManifestBytes()),
                s.bytes("limits.minLayerPartBytes", "WHARF_LIMITS_MIN_LAYER_PART_BYTES", d.minLayerPartBytes()),
                s.bytes("limits.maxLayerPartBytes", "WHARF_LIMITS_MAX_LAYER_PART_BYTES", d.maxLayerPartBytes()),
                s.integer("limits.maxLayerParts", "WHARF_LIMITS_MAX_LAYER_PARTS", d.maxLayerParts()),
                s.bytes("limits.maxBlobBytes", "WHARF_LIMITS_MAX_BLOB_BYTES", d.maxBlobBytes()),
                s.bytes("limits.maxControlPlaneBodyBytes", "WHARF_LIMITS_MAX_CONTROL_PLANE_BODY_BYTES", d.maxControlPlaneBodyBytes()),
                s.integer("limits.openUploadsPerRepository", "WHARF_LIMITS_OPEN_UPLOADS_PER_REPOSITORY", d.openUploadsPerRepository()));

        WharfConfig.Storage storage = new WharfConfig.Storage(
                s.str("storage.metadata", "WHARF_STORAGE_METADATA", "sqlite"),
                s.str("storage.blobs", "WHARF_STORAGE_BLOBS", "filesystem"),
                flags.minFreeBytes() != null ? flags.minFreeBytes() : s.bytes("storage.minFreeBytes", "WHARF_STORAGE_MIN_FREE_BYTES", 0),
                s.bytes("storage.inlineBlobBytes", "WHARF_STORAGE_INLINE_BLOB_BYTES", WharfConfig.Storage.DEFAULT_INLINE_BLOB_BYTES),
                new WharfConfig.Postgres(
                        s.str("storage.postgres.url", "WHARF_POSTGRES_URL", null),
                        s.str("storage.postgres.user", "WHARF_POSTGRES_USER", null),
                        s.str("storage.postgres.password", "WHARF_POSTGRES_PASSWORD", null),
                        s.integer("storage.postgres.poolSize", "WHARF_POSTGRES_POOL_SIZE", 16)),
                new WharfConfig.S3(
                        s.str("storage.s3.endpoint", "WHARF_S3_ENDPOINT", null),
                        s.str("storage.s3.region", "WHARF_S3_REGION", region),
                        s.str("storage.s3.bucket", "WHARF_S3_BUCKET", null),
                        s.str("storage.s3.prefix", "WHARF_S3_PREFIX", ""),
                        s.bool("storage.s3.pathStyle", "WHARF_S3_PATH_STYLE", false),
                        s.str("storage.s3.accessKeyId", "WHARF_S3_ACCESS_KEY_ID", null),
                        s.str("storage.s3.secretAccessKey", "WHARF_S3_SECRET_ACCESS_KEY", null),
                        s.bool("storage.s3.redirect", "WHARF_S3_REDIRECT", false)));
        if (storage.minFreeBytes() < 0) throw new ConfigException("storage.minFreeBytes must not be negative");
        if (storage.inlineBlobBytes() < 0 || storage.inlineBlobBytes() > WharfConfig.Storage.MAX_INLINE_BLOB_BYTES) {
            throw new ConfigException("storage.inlineBlobBytes must be between 0 and " + WharfConfig.Storage.MAX_INLINE_BLOB_BYTES
                    + " (1 MiB); 0 keeps every blob in the blob store");
        }
        StorageChecks.check(storage);

        WharfConfig.Auth auth = new WharfConfig.Auth(
                s.duration("auth.tokenLifetime", "WHARF_TOKEN_LIFETIME", Duration.ofHours(12)),
                s.duration("auth.clockSkew", "WHARF_CLOCK_SKEW", Duration.ofMinutes(15)),
                s.duration("auth.uploadExpiry", "WHARF_UPLOAD_EXPIRY", Duration.ofHours(24)));
        if (auth.tokenLifetime().compareTo(Duration.ofHours(12)) > 0) {
            throw new ConfigException("auth.tokenLifetime may not exceed 12h (ECR's maximum)");
        }
        WharfConfig.Lifecycle lifecycle = new WharfConfig.Lifecycle(
                s.duration("lifecycle.interval", "WHARF_LIFECYCLE_INTERVAL", Duration.ofDays(1)),
                s.duration("lifecycle.archiveRestoreDelay", "WHARF_ARCHIVE_RESTORE_DELAY", Duration.ofMinutes(20)));
        if (lifecycle.archiveRestoreDelay().isNegative()) {
            throw new ConfigException("lifecycle.archiveRestoreDelay may not be negative, got " + lifecycle.archiveRestoreDelay());
        }
        if (lifecycle.interval().isZero() || lifecycle.interval().isNegative()) {
            throw new ConfigException("lifecycle.interval must be positive, got " + lifecycle.interval());
        }
        WharfConfig.Gc gc = new WharfConfig.Gc(
                s.duration("gc.interval", "WHARF_GC_INTERVAL", Duration.ofHours(1)),
                s.duration("gc.grace", "WHARF_GC_GRACE", Duration.ofHours(24)));
        if (gc.interval().isZero() || gc.interval().isNegative()) throw new ConfigException("gc.interval must be positive, got " + gc.interval());
        if (gc.grace().isNegative()) throw new ConfigException("gc.grace must not be negative, got " + gc.grace());
        if (limits.maxLayerPartBytes() > 20L << 20) {
            throw new ConfigException("limits.maxLayerPartBytes may not exceed 20MiB (UploadLayerPart's layerPartBlob maximum)");
        }
        boolean createOnPush = s.bool("createOnPush", "WHARF_CREATE_ON_PUSH", false);
        WharfConfig.Management management = management(s, port);
        WharfConfig.Tls tls = tls(s);
        WharfConfig.Events events = events(s);
        logFormat(env.get("WHARF_LOG_FORMAT"));
        WharfConfig.Throttling throttling = new WharfConfig.Throttling(
                s.bool("throttling.enabled", "WHARF_THROTTLING_ENABLED", true), s.rates("throttling.rates", "WHARF_THROTTLING_"));
        WharfConfig.Audit audit = new WharfConfig.Audit(s.duration("audit.retention", "WHARF_AUDIT_RETENTION", Duration.ofDays(90)));
        if (audit.retention().isZero() || audit.retention().isNegative()) {
            throw new ConfigException("audit.retention must be positive, got " + audit.retention());
        }
        WharfConfig.Replication replication = replication(s, region);
        WharfConfig.PullThroughCache pullThroughCache = new WharfConfig.PullThroughCache(
                s.bool("pullThroughCache.allowHttp", "WHARF_PULL_THROUGH_CACHE_ALLOW_HTTP", false));
        s.rejectUnknown();
        return new WharfConfig(new WharfConfig.Server(host, port, publicUrl, maxThreads, headerTimeout, idleTimeout, maxConnections, sendfile, readAhead), dataDir, region, domain, limits, storage, auth,
                lifecycle, gc, createOnPush, management, tls, events, throttling, audit, replication,
                pullThroughCache);
    }

    /**
     * {@code replication.*}: the queue's timings, and per destination region another Wharf's endpoint
     * and the access key to push with ({@code replication.regions.<region>.endpoint|accessKeyId|secretAccessKey},
     * or {@code WHARF_REPLICATION_<REGION>_ENDPOINT|ACCESS_KEY_ID|SECRET_ACCESS_KEY} with the region in
     * upper case and {@code _} for {@code -}).
     */
    private static WharfConfig.Replication replication(Source s, String localRegion) {
        WharfConfig.Replication d = WharfConfig.Replication.defaults();
        Duration poll = s.duration("replication.pollInterval", "WHARF_REPLICATION_POLL_INTERVAL", d.pollInterval());
        Duration base = s.duration("replication.retryBase", "WHARF_REPLICATION_RETRY_BASE", d.retryBase());
        Duration max = s.duration("replication.retryMax", "WHARF_REPLICATION_RETRY_MAX", d.retryMax());
        int attempts = s.integer("replication.maxAttempts", "WHARF_REPLICATION_MAX_ATTEMPTS", d.maxAttempts());
        if (poll.isZero() || poll.isNegative() || base.isZero() || base.isNegative() || max.compareTo(base) < 0) {
            throw new ConfigException("replication.pollInterval and replication.retryBase must be positive, and replication.retryMax at least retryBase");
        }
        if (attempts < 1 || attempts > 100) throw new ConfigException("replication.maxAttempts must be between 1 and 100, got " + attempts);
        java.util.Map<String, WharfConfig.RemoteRegion> regions = new java.util.TreeMap<>();
        for (String region : s.replicationRegions()) {
            String at = "replication.regions." + region;
            String envPrefix = "WHARF_REPLICATION_" + region.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
            if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) throw new ConfigException(at + ": '" + region + "' is not an AWS region name like eu-west-1");
            if (region.equals(localRegion)) throw new ConfigException(at + ": " + region + " is this Wharf's own region");
            String endpoint = s.str(at + ".endpoint", envPrefix + "ENDPOINT", null);
            String keyId = s.str(at + ".accessKeyId", envPrefix + "ACCESS_KEY_ID", null);
            String secret = s.str(at + ".secretAccessKey", envPrefix + "SECRET_ACCESS_KEY", null);
            if (endpoint == null || keyId == null || secret == null) {
                throw new ConfigException(at + " needs endpoint, accessKeyId and secretAccessKey (" + envPrefix + "ENDPOINT, ...ACCESS_KEY_ID, ...SECRET_ACCESS_KEY)");
            }
            java.net.URI uri;
            try {
                uri = java.net.URI.create(endpoint.replace("{registryId}", "000000000000"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at + ".endpoint: '" + endpoint + "' is not a URL");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(at + ".endpoint: '" + endpoint + "' is not an http:// or https:// URL");
            }
            regions.put(region, new WharfConfig.RemoteRegion(region, endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint,
                    keyId, secret));
        }
        return new WharfConfig.Replication(poll, base, max, attempts, regions);
    }

    private static WharfConfig.Management management(Source s, int publicPort) {
        String host = s.str("management.host", "WHARF_MANAGEMENT_HOST", "127.0.0.1");
        int port = s.integer("management.port", "WHARF_MANAGEMENT_PORT", 5001);
        if (port < 0 || port > 65535) throw new ConfigException("management.port must be between 0 and 65535, got " + port);
        if (port != 0 && port == publicPort) {
            throw new ConfigException("management.port must differ from server.port: /metrics is never served on the public port");
        }
        int series = s.integer("management.repositorySeries", "WHARF_MANAGEMENT_REPOSITORY_SERIES", 100);
        if (series < 0 || series > 10_000) {
            throw new ConfigException("management.repositorySeries must be between 0 and 10000, got " + series);
        }
        return new WharfConfig.Management(host, port, series);
    }

    private static WharfConfig.Tls tls(Source s) {
        Path cert = pathOrNull(s.str("tls.certFile", "WHARF_TLS_CERT_FILE", null));
        Path key = pathOrNull(s.str("tls.keyFile", "WHARF_TLS_KEY_FILE", null));
        if ((cert == null) != (key == null)) {
            throw new ConfigException("tls.certFile (WHARF_TLS_CERT_FILE) and tls.keyFile (WHARF_TLS_KEY_FILE) go together: give both or neither");
        }
        Duration reload = s.duration("tls.reloadInterval", "WHARF_TLS_RELOAD_INTERVAL", Duration.ofSeconds(30));
        if (reload.isZero() || reload.isNegative()) throw new ConfigException("tls.reloadInterval must be positive, got " + reload);
        java.util.List<String> proxies = list(s.str("tls.trustedProxies", "WHARF_TRUSTED_PROXIES", ""));
        return new WharfConfig.Tls(cert, key, reload, proxies);
    }

    private static WharfConfig.Events events(Source s) {
        java.util.List<java.net.URI> urls = new java.util.ArrayList<>();
        for (String u : list(s.str("events.webhookUrls", "WHARF_EVENTS_WEBHOOK_URLS", ""))) {
            java.net.URI uri;
            try {
                uri = new java.net.URI(u);
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException("events.webhookUrls: '" + u + "' is not a URL");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException("events.webhookUrls: '" + u + "' is not an http:// or https:// URL");
            }
            urls.add(uri);
        }
        Duration maxAge = s.duration("events.maxAge", "WHARF_EVENTS_MAX_AGE", Duration.ofHours(24));
        if (maxAge.isZero() || maxAge.isNegative()) throw new ConfigException("events.maxAge must be positive, got " + maxAge);
        return new WharfConfig.Events(java.util.List.copyOf(urls), maxAge);
    }

    /** Logback reads {@code WHARF_LOG_FORMAT} itself (cli.LogConfigurator); a typo must still stop the start. */
    private static void logFormat(String format) {
        if (format != null && !format.isBlank() && !format.equals("text") && !format.equals("json")) {
            throw new ConfigException("WHARF_LOG_FORMAT must be text or json, got '" + format + "'");
        }
    }

    /** A comma-separated list; blanks dropped. */
    private static java.util.List<String> list(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String part : text.split(",")) if (!part.isBlank()) out.add(part.trim());
        return out;
    }

    private static Path pathOrNull(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }

    private static JsonNode readFile(Path file) {
        if (file == null) return null;
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
            if (node != null && !node.isObject() && !node.isMissingNode()) {
                throw new ConfigException("config file " + file + " must be a YAML mapping");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /** Parses {@code 3s}, {@code 15m}, {@code 12h}, {@code 1d}, {@code 250ms} or an ISO-8601 duration. */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) return Duration.parse(t.toUpperCase(Locale.ROOT));
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new ConfigException("'" + text + "' is not a duration: use e.g. 3s, 15m, 12h, 1d");
        }
    }

    /** Parses {@code 5242880}, {@code 5MiB}, {@code 20MiB}, {@code 1GiB}, {@code 512KiB}. */
    public static long parseBytes(String text) {
        String t = text.trim();
        long unit = 1;
        for (var e : Map.of("KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30).entrySet()) {
            if (t.endsWith(e.getKey())) {
                unit = e.getValue();
                t = t.substring(0, t.length() - 3).trim();
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (RuntimeException e) {
            throw new ConfigException("'" + text + "' is not a size: use bytes or e.g. 5MiB, 1GiB");
        }
    }

    /** One lookup place: file path a.b, then env var. */
    private static final class Source {
        private final JsonNode file;
        private final Map<String, String> env;
        private final java.util.Set<String> used = new java.util.HashSet<>();

        Source(JsonNode file, Map<String, String> env) {
            this.file = file;
            this.env = env;
        }

        String str(String path, String envName, String dflt) {
            return raw(path, envName, Function.identity(), dflt);
        }

        int integer(String path, String envName, int dflt) {
            return raw(path, envName, v -> {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    throw new ConfigException(path + " (" + envName + ") must be an integer, got '" + v + "'");
                }
            }, dflt);
        }

        long bytes(String path, String envName, long dflt) {
            return raw(path, envName, ConfigLoader::parseBytes, dflt);
        }

        boolean bool(String path, String envName, boolean dflt) {
            return raw(path, envName, v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new ConfigException(path + " (" + envName + ") must be true or false, got '" + v + "'");
            }, dflt);
        }

        /**
         * Operation rates: the file's {@code throttling.rates} mapping ({@code PutImage: 10/20}) and every
         * {@code WHARF_THROTTLING_<OPERATION>} variable but {@code _ENABLED}, the environment winning. Keys
         * are kept upper case without underscores, so that every spelling of an operation is one key.
         */
        java.util.Map<String, String> rates(String path, String envPrefix) {
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            JsonNode section = file == null ? null : file.path("throttling").get("rates");
            if (section != null && !section.isNull()) {
                if (!section.isObject()) throw new ConfigException(path + " must be a mapping of operation names to RATE[/BURST]");
                section.fieldNames().forEachRemaining(op -> {
                    used.add(path + "." + op);
                    out.put(key(op), rate(path + "." + op, section.get(op).asText()));
                });
            }
            env.forEach((k, v) -> {
                if (k.startsWith(envPrefix) && !k.equals(envPrefix + "ENABLED") && v != null && !v.isBlank()) {
                    String op = k.substring(envPrefix.length());
                    if (!op.matches("[A-Z0-9_]+")) throw new ConfigException(k + ": the operation must be written in upper snake case");
                    out.put(key(op), rate(k, v));
                }
            });
            return out;
        }

        /**
         * The regions named under {@code replication.regions} in the file and by
         * {@code WHARF_REPLICATION_<REGION>_ENDPOINT} variables (lower case, {@code -} for {@code _}).
         */
        java.util.Set<String> replicationRegions() {
            java.util.Set<String> out = new java.util.TreeSet<>();
            JsonNode section = file == null ? null : file.path("replication").get("regions");
            if (section != null && !section.isNull()) {
                if (!section.isObject()) throw new ConfigException("replication.regions must be a mapping of region names to endpoints");
                section.fieldNames().forEachRemaining(out::add);
            }
            env.keySet().forEach(k -> {
                if (k.startsWith("WHARF_REPLICATION_") && k.endsWith("_ENDPOINT") && k.length() > "WHARF_REPLICATION__ENDPOINT".length()) {
                    out.add(k.substring("WHARF_REPLICATION_".length(), k.length() - "_ENDPOINT".length()).toLowerCase(Locale.ROOT).replace('_', '-'));
                }
            });
            return out;
        }

        private static String key(String operation) {
            return operation.replace("_", "").toUpperCase(Locale.ROOT);
        }

        /** Checks {@code RATE[/BURST]}: whole requests per second between 1 and 1000000. */
        private static String rate(String where, String v) {
            String t = v.trim();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,7})\\s*(?:/\\s*(\\d{1,7}))?").matcher(t);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 1_000_000
                    || (m.group(2) != null && (Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 1_000_000))) {
                throw new ConfigException(where + " must be RATE or RATE/BURST in whole requests per second (1 to 1000000), got '" + v + "'");
            }
            return t;
        }

        Duration duration(String path, String envName, Duration dflt) {
            return raw(path, envName, ConfigLoader::parseDuration, dflt);
        }

        private <T> T raw(String path, String envName, Function<String, T> parse, T dflt) {
            used.add(path);
            String v = env.get(envName);
            if (v != null && !v.isBlank()) return parse.apply(v);
            if (file != null) {
                JsonNode n = file;
                for (String part : path.split("\\.")) {
                    n = n == null ? null : n.get(part);
                }
                if (n != null && !n.isNull()) return parse.apply(n.asText());
            }
            return dflt;
        }

        void rejectUnknown() {
            if (file == null) return;
            java.util.List<String> unknown = new java.util.ArrayList<>();
            collect(file, "", unknown);
            if (!unknown.isEmpty()) {
                throw new ConfigException("unknown configuration keys: " + String.join(", ", unknown) + " (see docs/configuration.md)");
            }
        }

        private void collect(JsonNode node, String prefix, java.util.List<String> unknown) {
            node.fieldNames().forEachRemaining(name -> {
                String p = prefix.isEmpty() ? name : prefix + "." + name;
                JsonNode child = node.get(name);
                if (child.isObject()) {
                    collect(child, p, unknown);
                } else if (!used.contains(p)) {
                    unknown.add(p);
                }
            });
        }
    }
}
