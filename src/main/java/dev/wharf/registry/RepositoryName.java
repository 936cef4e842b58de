package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.util.regex.Pattern;

/**
 * A repository name as the ECR API reference constrains it (2–256 characters, lowercase
 * path components separated by {@code /}, each of {@code [a-z0-9]} runs joined by single
 * {@code .}, {@code _}, {@code __} or {@code -}s), which is also a valid OCI name. Validated at birth.
 */
public record RepositoryName(String value) {
    // ECR API reference, CreateRepository repositoryName pattern.
    private static final Pattern PATTERN =
            Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

    public RepositoryName {
        if (value == null || value.length() < 2 || value.length() > 256 || !PATTERN.matcher(value).matches()) {
            throw new WharfException(ErrorCode.NAME_INVALID, invalidMessage(value));
        }
    }

    public static RepositoryName of(String value) {
        return new RepositoryName(value);
    }

    static String invalidMessage(String value) {
        String shown = value == null ? "" : value.length() > 300 ? value.substring(0, 300) + "..." : value;
        return "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression "
                + "'(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*' and have length between 2 and 256' "
                + "(got '" + shown + "')";
    }

    @Override
    public String toString() {
        return value;
    }
}
