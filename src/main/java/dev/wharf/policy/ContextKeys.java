package dev.wharf.policy;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The condition keys of one request: those the evaluator derives from the principal and time
 * (AWS global condition keys), overlaid by the keys the caller gave. Names are case-insensitive.
 */
final class ContextKeys {

    private final Map<String, List<String>> values;

    private ContextKeys(Map<String, List<String>> values) {
        this.values = values;
    }

    static ContextKeys of(RequestContext ctx) {
        TreeMap<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Principal p = ctx.principal();
        if (p.type() != PrincipalType.ANONYMOUS && p.type() != PrincipalType.SERVICE) {
            m.put("aws:PrincipalArn", List.of(p.principalArn()));
            m.put("aws:PrincipalAccount", List.of(p.accountId()));
        }
        if (p.type().keyValue() != null) {
            m.put("aws:PrincipalType", List.of(p.type().keyValue()));
        }
        if (p.type() == PrincipalType.SERVICE) {
            m.put("aws:PrincipalServiceName", List.of(p.arn()));
        }
        if (p.userId() != null) {
            m.put("aws:userid", List.of(p.userId()));
        }
        if (p.type() == PrincipalType.USER && p.userName() != null) {
            m.put("aws:username", List.of(p.userName()));
        }
        p.tags().forEach((k, v) -> m.put("aws:PrincipalTag/" + k, List.of(v)));
        m.put("aws:CurrentTime", List.of(ctx.time().truncatedTo(ChronoUnit.SECONDS).toString()));
        m.put("aws:EpochTime", List.of(Long.toString(ctx.time().getEpochSecond())));
        m.putAll(ctx.keys());
        return new ContextKeys(m);
    }

    /** The values of {@code key}; an empty list when the request has no such key. */
    List<String> get(String key) {
        List<String> v = values.get(key);
        return v == null ? List.of() : v;
    }

    /** The value of a single-valued key (for policy variables), or null when absent or multi-valued. */
    String single(String key) {
        List<String> v = values.get(key);
        return v != null && v.size() == 1 ? v.get(0) : null;
    }
}
