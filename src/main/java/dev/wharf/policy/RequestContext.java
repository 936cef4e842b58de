package dev.wharf.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything evaluation looks at for one request.
 *
 * @param principal   who calls
 * @param action      the action, {@code service:ActionName}, e.g. {@code ecr:BatchGetImage}
 * @param resourceArn the resource acted on, e.g. {@code arn:aws:ecr:us-east-1:111122223333:repository/app},
 *                    or {@code *} for actions without resource-level permissions
 * @param keys        request condition keys ({@code aws:SourceIp}, {@code aws:SecureTransport},
 *                    {@code aws:RequestTag/...}, {@code aws:TagKeys}, {@code ecr:ResourceTag/...}, ...);
 *                    names are case-insensitive; a key given here wins over the one the evaluator derives
 * @param time        the request time, for {@code aws:CurrentTime} and {@code aws:EpochTime}
 */
public record RequestContext(Principal principal, String action, String resourceArn,
                             Map<String, List<String>> keys, Instant time) {

    public RequestContext {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceArn, "resourceArn");
        Objects.requireNonNull(time, "time");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (keys != null) {
            keys.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        keys = java.util.Collections.unmodifiableMap(copy);
    }

    /** A context with no request keys. */
    public static RequestContext of(Principal principal, String action, String resourceArn, Instant time) {
        return new RequestContext(principal, action, resourceArn, Map.of(), time);
    }

    /** This context with one more request key. */
    public RequestContext withKey(String key, String... values) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(keys);
        copy.put(key, List.of(values));
        return new RequestContext(principal, action, resourceArn, copy, time);
    }
}
