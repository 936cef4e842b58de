package dev.wharf.oci;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

/** The two range syntaxes of the Distribution API: {@code Range: bytes=a-b} on GET, {@code Content-Range: a-b} on PATCH. */
final class ByteRange {
    private ByteRange() {}

    /**
     * Parses one RFC 9110 byte range against a representation of {@code size} bytes.
     *
     * @return {first, last} inclusive, or null when unsatisfiable or not a single range
     */
    static long[] parse(String header, long size) {
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) return null;
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) return null;
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            }
            if (first < 0 || first >= size || last < first) return null;
            return new long[]{first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first byte of a PATCH's {@code Content-Range: <start>-<end>} (also accepts a {@code bytes } prefix), or null when absent. */
    static Long contentRangeStart(String header) {
        if (header == null || header.isBlank()) return null;
        String h = header.trim();
        if (h.startsWith("bytes ")) h = h.substring(6).trim();
        if (h.startsWith("bytes=")) h = h.substring(6).trim();
        int slash = h.indexOf('/');
        if (slash >= 0) h = h.substring(0, slash);
        int dash = h.indexOf('-');
        try {
            long start = Long.parseLong(dash < 0 ? h : h.substring(0, dash));
            if (dash >= 0 && Long.parseLong(h.substring(dash + 1)) < start) throw new NumberFormatException();
            return start;
        } catch (NumberFormatException e) {
            throw new WharfException(ErrorCode.UPLOAD_RANGE_INVALID, "The Content-Range header '" + header
                    + "' is not <start>-<end> with start ≤ end");
        }
    }

    /** The end of a PATCH's {@code Content-Range} ({@code <start>-<end>}), or null when it names none; malformed values are refused by {@link #contentRangeStart}. */
    static Long contentRangeEnd(String header) {
        if (header == null || contentRangeStart(header) == null) return null;
        String h = header.trim().replaceFirst("^bytes[ =]", "").trim();
        int slash = h.indexOf('/');
        if (slash >= 0) h = h.substring(0, slash);
        int dash = h.indexOf('-');
        return dash < 0 ? null : Long.parseLong(h.substring(dash + 1));
    }
}
