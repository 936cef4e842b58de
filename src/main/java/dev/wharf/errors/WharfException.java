package dev.wharf.errors;

import java.util.Map;

/**
 * A failure with a wire meaning. The message is written for a person and is sent to the client,
 * so it must never contain a secret. {@code detail} is optional structured context for the OCI
 * error body.
 */
public class WharfException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> detail;

    public WharfException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public WharfException(ErrorCode code, String message, Map<String, Object> detail) {
        this(code, message, detail, null);
    }

    public WharfException(ErrorCode code, String message, Map<String, Object> detail, Throwable cause) {
        super(message, cause, false, cause != null);
        this.code = code;
        this.detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    public ErrorCode code() { return code; }

    public Map<String, Object> detail() { return detail; }
}
