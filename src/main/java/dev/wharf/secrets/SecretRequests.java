package dev.wharf.secrets;

import java.util.List;
import java.util.Map;

/** The requests and answers of the Secrets Manager operations, as the door parses and renders them. */
public final class SecretRequests {
    private SecretRequests() {}

    /** A secret's tag. */
    public record Tag(String key, String value) {}

    /** A ListSecrets filter: a key of the model's enumeration and up to 10 values, each optionally negated with {@code !}. */
    public record Filter(String key, List<String> values) {}

    /**
     * CreateSecret's input. {@code value} is null for a secret created without one; {@code kmsKeyId},
     * {@code replicaRegions} and {@code type} name features this Secrets Manager does not offer.
     */
    public record Create(String name, String clientRequestToken, String description, SecretValue value, List<Tag> tags,
                         String kmsKeyId, boolean replicaRegions, String type) {}

    /** PutSecretValue's input; {@code stages} null for the default ({@code AWSCURRENT}). */
    public record Put(String secretId, String clientRequestToken, SecretValue value, List<String> stages) {}

    /** ListSecrets' input; null for what the caller left out. */
    public record ListQuery(Integer maxResults, String nextToken, List<Filter> filters, String sortOrder, String sortBy,
                            boolean includePlannedDeletion) {}

    /** What CreateSecret answers; {@code versionId} null when no value was given. */
    public record Created(String arn, String name, String versionId) {}

    /** One version's value, as GetSecretValue answers it. */
    public record Value(String arn, String name, String versionId, SecretValue value, List<String> stages, long createdAt) {}

    /** What PutSecretValue answers: the version and the labels now on it. */
    public record Stored(String arn, String name, String versionId, List<String> stages) {}

    /** A secret as DescribeSecret and ListSecrets show it (times in epoch milliseconds; null when never set). */
    public record Details(String arn, String name, String description, List<Tag> tags, long createdAt, long lastChangedAt,
                          Long lastAccessedAt, Long deletionDate, Map<String, List<String>> versionStages, String region) {}

    /** A page of ListSecrets; {@code nextToken} null on the last. */
    public record Page(List<Details> secrets, String nextToken) {}

    /** What DeleteSecret answers. */
    public record Deleted(String arn, String name, long deletionDate) {}
}
