package dev.wharf.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.audit.CallRecord;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.http.Exchange;

import java.nio.charset.StandardCharsets;

/** Writes errors on the OCI door: distribution-spec §"Error Codes" bodies with the status of {@link ErrorCode}. */
public final class OciErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciErrors() {}

    public static void write(Exchange ex, WharfException e, String publicUrl) {
        ErrorCode code = e.code();
        CallRecord.failed(code.ecrType(), e.getMessage());
        if (code == ErrorCode.MISSING_AUTHENTICATION) {
            ex.header("WWW-Authenticate", dev.wharf.auth.Authenticator.basicChallenge(publicUrl));
        }
        if (code == ErrorCode.THROTTLED) {
            ex.header("Retry-After", "1");
        }
        if (code == ErrorCode.UPLOAD_RANGE_INVALID && e.detail().get("size") instanceof Long size) {
            ex.header("Range", "0-" + Math.max(0, size - 1));
        }
        ObjectNode err = JSON.createObjectNode();
        err.put("code", code.ociCode());
        err.put("message", e.getMessage());
        if (e.detail().isEmpty()) {
            err.putNull("detail");
        } else {
            err.set("detail", JSON.valueToTree(e.detail()));
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode errors = root.putArray("errors");
        errors.add(err);
        ex.send(code.ociStatus(), "application/json", root.toString().getBytes(StandardCharsets.UTF_8));
    }
}
