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
                s.str("storage.metadata", "WHARF_METADATA", "sqlite"),
                s.str("storage.blobs", "WHARF_BLOBS", "filesystem"),
                flags.minFreeBytes() != null ? flags.minFreeBytes() : s.bytes("storage.minFreeBytes", "WHARF_STORAGE_MIN_FREE_BYTES", 0));
        if (storage.minFreeBytes() < 0) throw new ConfigException("storage.minFreeBytes must not be negative");
        if (!storage.metadata().equals("sqlite")) {
            throw new ConfigException("storage.metadata '" + storage.metadata() + "' is not available in this build; use sqlite");
        }
        if (!storage.blobs().equals("filesystem")) {
            throw new ConfigException("storage.blobs '" + storage.blobs() + "' is not available in this build; use filesystem");
        }

        WharfConfig.Auth auth = new WharfConfig.Auth(
                s.duration("auth.tokenLifetime", "WHARF_TOKEN_LIFETIME", Duration.ofHours(12)),
                s.duration("auth.clockSkew", "WHARF_CLOCK_SKEW", Duration.ofMinutes(15)),
                s.duration("auth.uploadExpiry", "WHARF_UPLOAD_EXPIRY", Duration.ofHours(24)));
        if (auth.tokenLifetime().compareTo(Duration.ofHours(12)) > 0) {
            throw new ConfigException("auth.tokenLifetime may not exceed 12h (ECR's maximum)");
        }
        WharfConfig.Lifecycle lifecycle = new WharfConfig.Lifecycle(
                s.duration("lifecycle.interval", "WHARF_LIFECYCLE_INTERVAL", Duration.ofDays(1)));
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
        s.rejectUnknown();
        return new WharfConfig(new WharfConfig.Server(host, port, publicUrl, maxThreads, headerTimeout, idleTimeout, maxConnections), dataDir, region, domain, limits, storage, auth,
                lifecycle, gc, createOnPush);
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
