package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.util.regex.Pattern;

/**
 * A repository name: the one definition every door uses (ECR parameters, {@code /v2/} paths,
 * resource ARNs). ECR's rule, aligned with the OCI distribution-spec's {@code <name>}: 2–256
 * characters, path components separated by {@code /}, each component runs of {@code [a-z0-9]}
 * joined by {@code .}, {@code _}, {@code __} or one or more {@code -}. Validated at birth.
 */
public record RepositoryName(String value) {
    /** The rule as a regular expression, as ECR's validation message quotes it. */
    static final String RULE = "(?:[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*/)*[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 256;
    // The separators never match [a-z0-9], so the possessive form accepts exactly the same names
    // and cannot backtrack.
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]++(?:(?:\\.|__?+|-++)[a-z0-9]++)*+");

    public RepositoryName {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH || !valid(value)) {
            throw new WharfException(ErrorCode.NAME_INVALID, invalidMessage(value));
        }
    }

    public static RepositoryName of(String value) {
        return new RepositoryName(value);
    }

    private static boolean valid(String value) {
        for (String component : value.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) return false;
        }
        return true;
    }

    static String invalidMessage(String value) {
        String shown = value == null ? "" : value.length() > 300 ? value.substring(0, 300) + "..." : value;
        return "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '"
                + RULE + "' and have length between " + MIN_LENGTH + " and " + MAX_LENGTH + "' (got '" + shown + "')";
    }

    @Override
    public String toString() {
        return value;
    }
}
