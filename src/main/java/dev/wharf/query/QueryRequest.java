package dev.wharf.query;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameters of an AWS Query request ({@code application/x-www-form-urlencoded}), with the
 * protocol's list ({@code Name.member.N}) and map conventions, and IAM's validation messages.
 */
public final class QueryRequest {
    private final Map<String, String> params;

    private QueryRequest(Map<String, String> params) {
        this.params = params;
    }

    public static QueryRequest parse(byte[] body) {
        Map<String, String> params = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                try {
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    params.put(k, v);
                } catch (IllegalArgumentException e) {
                    throw new WharfException(ErrorCode.SERIALIZATION, "The request body is not valid form data");
                }
            }
        }
        return new QueryRequest(params);
    }

    /** The parameters whose names start with {@code prefix + "."}, as a request of their own (for nested structures). */
    public QueryRequest nested(String prefix) {
        Map<String, String> sub = new HashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) sub.put(k.substring(prefix.length() + 1), v);
        });
        return new QueryRequest(sub);
    }

    /** Every parameter, as sent (for the audit record, which redacts them). */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(params);
    }

    public String string(String name) {
        return params.get(name);
    }

    public String required(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value null at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    /** A required name matching IAM's name pattern {@code [\w+=,.@-]+} of at most {@code max} characters. */
    public String name(String param, int max) {
        return checkName(param, required(param), max);
    }

    public static String checkName(String param, String v, int max) {
        if (v.isEmpty() || v.length() > max || !NAME.matcher(v).matches()) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + v + "' at '" + lowerFirst(param)
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
                    + " and have length between 1 and " + max);
        }
        return v;
    }

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("(/[\\x21-\\x7e]*/)|/");

    /** An IAM path: {@code /} or {@code /segments/}, at most 512 characters; {@code /} when absent. */
    public String path(String param) {
        String v = params.get(param);
        if (v == null) return "/";
        if (v.length() > 512 || !PATH.matcher(v).matches()) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + v + "' at '" + lowerFirst(param)
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
        }
        return v;
    }

    public Integer integer(String name, int min, int max) {
        String v = params.get(name);
        if (v == null) return null;
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + v + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must be a number");
        }
        if (n < min) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + n + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        if (n > max) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + n + "' at '" + lowerFirst(name)
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return n;
    }

    public boolean bool(String name) {
        return "true".equalsIgnoreCase(params.get(name));
    }

    /** {@code Name.member.1}, {@code Name.member.2}, ... in order; empty when absent. */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; params.containsKey(name + ".member." + i); i++) out.add(params.get(name + ".member." + i));
        return out;
    }

    /** {@code Name.member.N} structures, each as a nested request. */
    public List<QueryRequest> structs(String name) {
        List<QueryRequest> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            QueryRequest q = nested(name + ".member." + i);
            if (q.params.isEmpty()) return out;
            out.add(q);
        }
    }

    /** {@code Tags.member.N.Key/Value} as an ordered map. */
    public Map<String, String> tags(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (QueryRequest t : structs(name)) {
            String k = t.required("Key");
            if (k.isEmpty() || k.length() > 128) {
                throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + k
                        + "' at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128");
            }
            String v = t.string("Value");
            if (v == null) v = "";
            if (v.length() > 256) {
                throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at 'tags.member.value' "
                        + "failed to satisfy constraint: Member must have length less than or equal to 256");
            }
            out.put(k, v);
        }
        return out;
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
