package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.util.regex.Pattern;

/** An image tag as the OCI distribution-spec defines it: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}. */
public record ImageTag(String value) {
    private static final Pattern PATTERN = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public ImageTag {
        if (value == null || !PATTERN.matcher(value).matches()) {
            String shown = value == null ? "" : value.length() > 140 ? value.substring(0, 140) + "..." : value;
            throw new WharfException(ErrorCode.TAG_INVALID, "Invalid image tag '" + shown
                    + "': a tag is 1 to 128 characters of letters, digits, '_', '.' and '-', and does not start with '.' or '-'");
        }
    }

    public static ImageTag of(String value) {
        return new ImageTag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
