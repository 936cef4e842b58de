package dev.wharf.secrets;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret's value: text ({@code SecretString}) or bytes ({@code SecretBinary}), never both, at
 * most {@value #MAX_BYTES} bytes (Secrets Manager's quota on a secret value). It never shows itself:
 * {@link #toString} hides the value, so no log or error message can carry it by accident.
 */
public final class SecretValue {
    public static final int MAX_BYTES = 65_536;
    private final String text;
    private final byte[] binary;

    private SecretValue(String text, byte[] binary) {
        this.text = text;
        this.binary = binary;
    }

    /**
     * The value of a request, or null when it names none.
     *
     * @throws WharfException InvalidParameterException when it names both; ValidationException when either is empty or too large
     */
    public static SecretValue of(String text, byte[] binary) {
        if (text != null && binary != null) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER,
                    "You can't specify both a binary secret value and a string secret value in the same secret.");
        }
        if (text != null) {
            checkSize("secretString", text.getBytes(StandardCharsets.UTF_8).length);
            return new SecretValue(text, null);
        }
        if (binary != null) {
            checkSize("secretBinary", binary.length);
            return new SecretValue(null, binary.clone());
        }
        return null;
    }

    private static void checkSize(String field, int bytes) {
        if (bytes < 1 || bytes > MAX_BYTES) {
            // the model's constraint message, without the value (it is sensitive)
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value at '" + field
                    + "' failed to satisfy constraint: Member must have length between 1 and " + MAX_BYTES + " bytes");
        }
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** The text, or null for a binary value. */
    public String text() {
        return text;
    }

    /** A copy of the bytes, or null for a text value. */
    public byte[] binary() {
        return binary == null ? null : binary.clone();
    }

    /** Whether both are the same kind and the same bytes, compared in constant time. */
    public boolean sameAs(SecretValue other) {
        if (isBinary() != other.isBinary()) return false;
        return MessageDigest.isEqual(bytes(), other.bytes());
    }

    private byte[] bytes() {
        return binary != null ? binary : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretValue[hidden]";
    }
}
