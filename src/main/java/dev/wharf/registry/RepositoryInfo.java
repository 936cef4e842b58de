package dev.wharf.registry;

import java.util.List;

/** A repository as both doors describe it. */
public record RepositoryInfo(long id, String accountId, String name, String arn, String uri, long createdAtMillis,
                             String tagMutability, List<TagFilter> mutabilityExclusions, boolean scanOnPush,
                             String encryptionType, String kmsKey) {

    /** An {@code imageTagMutabilityExclusionFilters} entry: {@code filterType} is always WILDCARD today. */
    public record TagFilter(String filterType, String filter) {}

    /** True when pushing {@code tag} may not move it (ECR's four mutability settings). */
    public boolean tagIsImmutable(String tag) {
        boolean excluded = mutabilityExclusions.stream().anyMatch(f -> Wildcard.matches(f.filter(), tag));
        return switch (tagMutability) {
            case "IMMUTABLE" -> true;
            case "IMMUTABLE_WITH_EXCLUSION" -> !excluded;
            case "MUTABLE_WITH_EXCLUSION" -> excluded;
            default -> false;
        };
    }
}
