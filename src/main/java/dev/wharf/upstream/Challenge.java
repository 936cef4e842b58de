package dev.wharf.upstream;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a {@code WWW-Authenticate} challenge (RFC 7235 §2.1 auth-params): comma-separated
 * {@code name=value} or {@code name="quoted value"} pairs, names case-insensitive.
 */
final class Challenge {
    private Challenge() {}

    static Map<String, String> parse(String params) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = params.length();
        while (i < n) {
            while (i < n && (params.charAt(i) == ',' || params.charAt(i) == ' ')) i++;
            int eq = params.indexOf('=', i);
            if (eq < 0) break;
            String name = params.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && params.charAt(i) == '"') {
                i++;
                while (i < n && params.charAt(i) != '"') {
                    if (params.charAt(i) == '\\' && i + 1 < n) i++;
                    value.append(params.charAt(i++));
                }
                i++; // the closing quote
            } else {
                while (i < n && params.charAt(i) != ',') value.append(params.charAt(i++));
            }
            out.putIfAbsent(name, value.toString().trim());
        }
        return out;
    }
}
