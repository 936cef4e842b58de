package dev.wharf.auth.sigv4;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header. Each part may be null here; {@link SigV4Verifier} reports the missing ones together.
 */
record AuthorizationHeader(String credential, String signedHeaders, String signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    static AuthorizationHeader parse(String value) {
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!ALGORITHM.equals(scheme)) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "Unsupported AWS 'algorithm': '" + Texts.clip(scheme) + "'. Only '" + ALGORITHM + "' is supported.");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        String rest = space < 0 ? "" : trimmed.substring(space + 1);
        for (String piece : rest.split(",")) {
            String part = piece.strip();
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                        "Invalid key=value pair (missing equal-sign) in Authorization header: '" + Texts.clip(part) + "'.");
            }
            String key = part.substring(0, eq).strip();
            String val = part.substring(eq + 1).strip();
            switch (key) {
                case "Credential" -> credential = val;
                case "SignedHeaders" -> signedHeaders = val;
                case "Signature" -> signature = val;
                default -> { /* AWS ignores unknown parameters */ }
            }
        }
        return new AuthorizationHeader(emptyToNull(credential), emptyToNull(signedHeaders), emptyToNull(signature));
    }

    /** The words AWS uses for each missing part, in AWS's order; empty when nothing is missing. */
    List<String> missingParts() {
        List<String> missing = new ArrayList<>(3);
        if (credential == null) {
            missing.add("Authorization header requires 'Credential' parameter.");
        }
        if (signature == null) {
            missing.add("Authorization header requires 'Signature' parameter.");
        }
        if (signedHeaders == null) {
            missing.add("Authorization header requires 'SignedHeaders' parameter.");
        }
        return missing;
    }

    /** {@code host;x-amz-date} as lower-case names, in the client's order. */
    static List<String> splitSignedHeaders(String signedHeaders) {
        List<String> names = new ArrayList<>();
        for (String name : signedHeaders.split(";", -1)) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                        "SignedHeaders must be a ';'-separated list of header names, got '" + Texts.clip(signedHeaders) + "'.");
            }
            names.add(n);
        }
        return names;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
