package dev.wharf.storage.meta;

import java.util.List;

/**
 * Read-only figures about what the registry holds, for the metrics endpoint. Each call is one
 * aggregate query over the shared store, so every node reports the same totals; callers ask
 * rarely (once per scrape at most) and never on a request path.
 */
public interface UsageStore {

    /** Bytes held by one account: every blob linked to any of its repositories, each counted once. */
    record AccountBytes(String accountId, long bytes) {}

    /** Bytes linked to one repository (a blob shared by two repositories counts in both). */
    record RepositoryBytes(String accountId, String repositoryName, long bytes) {}

    /** Upload sessions started and neither completed, cancelled nor expired yet (both doors). */
    long openUploads();

    /** Every account that holds at least one blob. */
    List<AccountBytes> storedBytesByAccount();

    /** The {@code limit} repositories holding the most bytes, largest first. */
    List<RepositoryBytes> largestRepositories(int limit);
}
