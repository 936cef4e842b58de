package dev.wharf.auth.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The pieces of the SigV4 canonical request (AWS General Reference, "Create a canonical request
 * for Signature Version 4"): canonical URI, canonical query string, canonical header values.
 */
final class Canonical {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Canonical() {}

    /**
     * The canonical URI.
     *
     * <p>For every service but S3 the server signs the path as it arrived on the wire, with dot
     * segments and empty segments removed (test suite "normalize-path" cases), then URI-encodes each
     * segment once more. Since clients send an already encoded path, this is the "double encoding"
     * the AWS SDKs do for non-S3 services: a space sent as {@code %20} is signed as {@code %2520}.
     * The test suite's requests, whose paths are written unencoded on the request line, are the
     * same rule applied to that line.
     *
     * <p>S3 signs the path without normalisation and encoded once: decode what arrived, encode again.
     */
    static String uri(String rawPath, String service) {
        String path = rawPath.isEmpty() ? "/" : rawPath;
        if ("s3".equals(service)) {
            return encode(decode(path), false);
        }
        return encode(normalize(path), false);
    }

    /**
     * Removes {@code .} and {@code ..} segments and empty segments (RFC 3986 §5.2.4, plus the
     * collapsing of {@code //} that the test suite's "get-slashes" case shows); keeps one leading
     * slash, and a trailing slash when the path ended in one or in a dot segment.
     */
    static String normalize(String path) {
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.split("/", -1);
        boolean trailingSlash = false;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            switch (part) {
                case "", "." -> trailingSlash = last && i > 0;
                case ".." -> {
                    segments.pollLast();
                    trailingSlash = last;
                }
                default -> {
                    segments.addLast(part);
                    trailingSlash = false;
                }
            }
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String s : segments) {
            out.append('/').append(s);
        }
        if (trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }

    /**
     * The canonical query string: each {@code name=value} pair percent-decoded and re-encoded with
     * the RFC 3986 unreserved set, a name without {@code =} given an empty value, pairs sorted by
     * encoded name and then encoded value. {@code skipName} (already decoded) is left out: the
     * {@code X-Amz-Signature} of a presigned URL.
     */
    static String query(String rawQuery, String skipName) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (QueryParam p : QueryParam.parse(rawQuery)) {
            if (skipName != null && skipName.equals(p.name())) {
                continue;
            }
            pairs.add(new String[] {encode(p.name(), true), encode(p.value(), true)});
        }
        pairs.sort((a, b) -> {
            int c = a[0].compareTo(b[0]);
            return c != 0 ? c : a[1].compareTo(b[1]);
        });
        StringBuilder out = new StringBuilder(rawQuery.length() + 16);
        for (String[] p : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** One decoded query parameter. */
    record QueryParam(String name, String value) {
        static List<QueryParam> parse(String rawQuery) {
            List<QueryParam> params = new ArrayList<>();
            if (rawQuery == null) {
                return params;
            }
            for (String piece : rawQuery.split("&")) {
                if (piece.isEmpty()) {
                    continue;
                }
                int eq = piece.indexOf('=');
                String name = eq < 0 ? piece : piece.substring(0, eq);
                String value = eq < 0 ? "" : piece.substring(eq + 1);
                params.add(new QueryParam(decode(name), decode(value)));
            }
            return params;
        }
    }

    /**
     * A header value as it enters the canonical request: leading and trailing whitespace removed,
     * every run of inner whitespace replaced by one space (test suite "get-header-value-trim").
     */
    static void appendTrimmed(StringBuilder out, String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        boolean inSpace = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                if (!inSpace) {
                    out.append(' ');
                    inSpace = true;
                }
            } else {
                out.append(c);
                inSpace = false;
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
    }

    /**
     * SigV4's UriEncode: UTF-8 bytes, every byte outside {@code A-Z a-z 0-9 - . _ ~} as {@code %XY}
     * with upper-case hex; {@code /} kept unless {@code encodeSlash}.
     */
    static String encode(String s, boolean encodeSlash) {
        StringBuilder out = null;
        byte[] bytes = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUnreserved(c) && (encodeSlash || c != '/')) {
                bytes = s.getBytes(StandardCharsets.UTF_8);
                out = new StringBuilder(bytes.length + 16);
                break;
            }
        }
        if (out == null) {
            return s;
        }
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || (!encodeSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * Percent-decoding to UTF-8. A {@code %} not followed by two hex digits stays literal; {@code +}
     * stays {@code +} (SigV4 clients encode a space as {@code %20}, never {@code +}).
     */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%' && i + 2 < raw.length && hexValue(raw[i + 1]) >= 0 && hexValue(raw[i + 2]) >= 0) {
                bytes.write(hexValue(raw[i + 1]) << 4 | hexValue(raw[i + 2]));
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
