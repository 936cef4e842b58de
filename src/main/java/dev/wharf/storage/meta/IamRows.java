package dev.wharf.storage.meta;

import java.util.Map;

/** The records the {@link IamStore} reads and writes. Times are epoch milliseconds. */
public final class IamRows {
    private IamRows() {}

    /** What an attachment, inline policy or tag belongs to. Stored as its lower-case name. */
    public enum Kind {
        USER, GROUP, ROLE;

        String column() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public record User(String accountId, String userName, String userId, String path, long createdAt) {}

    public record Group(String accountId, String groupName, String groupId, String path, long createdAt) {}

    public record Role(String accountId, String roleName, String roleId, String path, String trustPolicy,
                       String description, int maxSessionSeconds, long createdAt) {}

    /** A customer managed policy; {@code defaultVersion} is e.g. {@code v1}. */
    public record Policy(String accountId, String policyName, String policyId, String path, String description,
                         String defaultVersion, long createdAt, long updatedAt) {}

    public record PolicyVersion(String versionId, String document, long createdAt) {}

    /**
     * Temporary credentials. {@code principalKind} is {@code role}, {@code user} or {@code root};
     * {@code principalName} names the role or user (null for root). {@code tokenHash} is the hex
     * SHA-256 of the session token; {@code secretEnc} the encrypted secret.
     */
    public record Session(String accessKeyId, String accountId, String principalKind, String principalName,
                          String sessionName, String secretEnc, String tokenHash, Map<String, String> tags,
                          long createdAt, long expiresAt) {
        public Session {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }
}
