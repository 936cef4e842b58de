package dev.wharf.secrets;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

/**
 * Secret names and ARNs: {@code arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random
 * characters>}. A SecretId is a name (in the caller's account), a full ARN, or a partial ARN (the ARN
 * without the suffix), as Secrets Manager accepts.
 */
final class SecretIds {
    static final int MAX_NAME = 512;
    private static final String ARN_START = "arn:aws:secretsmanager:";

    private SecretIds() {}

    /**
     * What a SecretId can name: the secret with exactly {@code fullArn}, else the secret named
     * {@code name} in {@code account} (null when the id cannot name one here, e.g. another Region).
     * {@code authArn} is what a caller is authorized on when neither exists.
     */
    record Id(String account, String fullArn, String name, String authArn) {}

    static String arnPrefix(String region, String account) {
        return ARN_START + region + ":" + account + ":secret:";
    }

    /**
     * A valid secret name: 1 to 512 of ASCII letters, digits and {@code /_+=.@-}.
     *
     * @throws WharfException ValidationException for the length, InvalidParameterException for a character
     */
    static String name(String name) {
        if (name == null) throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at 'name' failed to satisfy "
                + "constraint: Member must not be null");
        SecretsManager.Validation.length("name", name, 1, MAX_NAME);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/_+=.@-".indexOf(c) >= 0;
            if (!ok) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER,
                        "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
            }
        }
        return name;
    }

    static Id parse(String secretId, String region, String callerAccount) {
        if (secretId == null) throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at 'secretId' failed to "
                + "satisfy constraint: Member must not be null");
        SecretsManager.Validation.length("secretId", secretId, 1, 2048);
        if (!secretId.startsWith("arn:")) {
            return new Id(callerAccount, null, secretId, arnPrefix(region, callerAccount) + secretId);
        }
        // arn:aws:secretsmanager:<region>:<account>:secret:<name>[-<suffix>]
        String[] parts = secretId.split(":", 7);
        if (parts.length < 7 || !secretId.startsWith(ARN_START) || !parts[5].equals("secret") || parts[6].isEmpty()
                || parts[4].length() != 12 || !parts[4].chars().allMatch(Character::isDigit)) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "The SecretId is not a valid Secrets Manager secret ARN");
        }
        String account = parts[4];
        if (!parts[3].equals(region)) return new Id(account, secretId, null, secretId);
        return new Id(account, secretId, parts[6], secretId);
    }
}
