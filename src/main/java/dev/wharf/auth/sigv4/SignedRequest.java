package dev.wharf.auth.sigv4;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the server received it, with everything SigV4 signs.
 *
 * @param method      the request method, e.g. {@code POST}
 * @param rawPath     the path exactly as on the request line, still percent-encoded (no query)
 * @param rawQuery    the query exactly as received, still percent-encoded, without {@code ?}; may be null
 * @param headers     every header occurrence separately, names as received (any case), in arrival order
 * @param body        the whole body, or null when it was not buffered (then {@code payloadHash} or the
 *                    {@code x-amz-content-sha256} header supplies the payload hash)
 * @param payloadHash lowercase hex SHA-256 of the body, computed by the caller while streaming it; may be null
 */
public record SignedRequest(String method, String rawPath, String rawQuery,
                            List<Map.Entry<String, String>> headers, byte[] body, String payloadHash) {

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        headers = List.copyOf(headers);
    }

    /** A request whose body, if any, is given whole. */
    public SignedRequest(String method, String rawPath, String rawQuery,
                         List<Map.Entry<String, String>> headers, byte[] body) {
        this(method, rawPath, rawQuery, headers, body, null);
    }

    /** Every value of the header {@code name} (case-insensitive), in arrival order. */
    List<String> headerValues(String name) {
        List<String> values = new java.util.ArrayList<>(1);
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue() == null ? "" : h.getValue());
            }
        }
        return values;
    }

    /** The first value of the header {@code name} (case-insensitive), or null. */
    String firstHeader(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue() == null ? "" : h.getValue();
            }
        }
        return null;
    }
}
