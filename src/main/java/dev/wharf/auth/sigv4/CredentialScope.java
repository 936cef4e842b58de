package dev.wharf.auth.sigv4;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.util.Objects;

/**
 * The {@code Credential} of a SigV4 request: {@code <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request}.
 * Validated at birth: every part is non-empty and the date is eight digits.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

    static final String TERMINATOR = "aws4_request";

    public CredentialScope {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(service, "service");
        if (accessKeyId.isEmpty() || region.isEmpty() || service.isEmpty() || !isEightDigits(date)) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "Credential must be keyid/YYYYMMDD/region/service/aws4_request with no empty element.");
        }
    }

    /**
     * Parses the value of {@code Credential=} or {@code X-Amz-Credential}. Malformed input is
     * INCOMPLETE_SIGNATURE, worded as AWS words it.
     */
    public static CredentialScope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                            + Texts.clip(credential) + "'");
        }
        if (!TERMINATOR.equals(parts[4])) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '" + Texts.clip(parts[4]) + "'.");
        }
        if (parts[0].isEmpty()) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE, "Credential should have an access key id.");
        }
        if (!isEightDigits(parts[1])) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "Credential should be scoped to a valid date in the format YYYYMMDD, not '" + Texts.clip(parts[1]) + "'.");
        }
        if (parts[2].isEmpty()) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE, "Credential should be scoped to a valid region.");
        }
        if (parts[3].isEmpty()) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE, "Credential should be scoped to a valid service.");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }

    /** {@code <date>/<region>/<service>/aws4_request}: the scope line of the string to sign. */
    public String scopeString() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    private static boolean isEightDigits(String s) {
        if (s.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
