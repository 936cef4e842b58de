package dev.wharf.limits;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The default rate of each operation: the published quotas of ECR (the "Amazon ECR service quotas"
 * page), of CloudTrail's LookupEvents and of STS, then the operator's configured rates on top, and
 * one rate for every operation nobody published a quota for. Operation names match without regard
 * to case or underscores, so {@code GET_AUTHORIZATION_TOKEN} names {@code GetAuthorizationToken}.
 */
public final class RateTable {
    /** ECR's published per-account, per-Region rates (requests per second). */
    public static final Map<String, Integer> ECR_DEFAULTS = ordered(
            "BatchCheckLayerAvailability", 1000,
            "BatchGetImage", 2000,
            "CompleteLayerUpload", 100,
            "GetAuthorizationToken", 500,
            "GetDownloadUrlForLayer", 3000,
            "InitiateLayerUpload", 100,
            "PutImage", 10,
            "UploadLayerPart", 500);
    /** Rates of the other services' operations that are published: CloudTrail's LookupEvents, and STS's shared request quota. */
    public static final Map<String, Integer> OTHER_DEFAULTS = ordered(
            "LookupEvents", 2,
            "AssumeRole", 600,
            "GetCallerIdentity", 600,
            "GetSessionToken", 600);
    /** The rate of an operation without a published quota. */
    public static final int UNPUBLISHED_DEFAULT = 100;

    private final Map<String, Rate> rates;
    private final Rate fallback;

    private RateTable(Map<String, Rate> rates, Rate fallback) {
        this.rates = rates;
        this.fallback = fallback;
    }

    /** The published defaults only. */
    public static RateTable defaults() {
        return withOverrides(Map.of(), null);
    }

    /**
     * The published defaults with the operator's rates on top.
     *
     * @param configured rates by operation name (any case, underscores ignored)
     * @param fallback   the rate of unlisted operations, or null for {@link #UNPUBLISHED_DEFAULT}
     */
    public static RateTable withOverrides(Map<String, Rate> configured, Rate fallback) {
        Map<String, Rate> all = new HashMap<>();
        ECR_DEFAULTS.forEach((op, r) -> all.put(normalize(op), Rate.of(r)));
        OTHER_DEFAULTS.forEach((op, r) -> all.put(normalize(op), Rate.of(r)));
        configured.forEach((op, r) -> all.put(normalize(op), r));
        return new RateTable(Map.copyOf(all), fallback != null ? fallback : Rate.of(UNPUBLISHED_DEFAULT));
    }

    /** The rate of the operation (the service is accepted for future per-service tables; names are unique today). */
    public Rate rate(String service, String operation) {
        Rate r = rates.get(normalize(operation));
        return r != null ? r : fallback;
    }

    /** The rate of operations that have none of their own. */
    public Rate fallback() {
        return fallback;
    }

    /** The key an operation name is compared by: upper case, no underscores. */
    static String normalize(String operation) {
        return operation.replace("_", "").toUpperCase(Locale.ROOT);
    }

    private static Map<String, Integer> ordered(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (Integer) pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
