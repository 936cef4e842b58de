package dev.wharf.storage.meta;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Repositories, their settings and their resource tags. Part of {@link MetadataStore}; same transactional promises. */
public interface RepositoryStore {

    /**
     * Creates a repository unless the account already has {@code maxPerAccount} of them.
     *
     * @throws DuplicateException when the name is taken in the account
     * @throws LimitException     when the account is at its limit
     */
    Rows.Repository createRepository(Rows.NewRepository repository, int maxPerAccount);

    Optional<Rows.Repository> findRepository(String accountId, String name);

    /** Repositories of the account ordered by name, starting after {@code afterName} (exclusive; null = from the start). */
    List<Rows.Repository> listRepositories(String accountId, String afterName, int limit);

    int countRepositories(String accountId);

    /** Deletes the repository with its images, tags, links and uploads. */
    boolean deleteRepository(long repositoryId);

    /** @return the number of images (manifests) in the repository */
    int countManifests(long repositoryId);

    Map<String, String> repositoryTags(long repositoryId);

    void updateRepository(Rows.Repository repository);

    /**
     * Adds or overwrites resource tags of a repository, unless the result would have more than
     * {@code maxTags}: then nothing is written and {@link LimitException} is thrown.
     */
    void putRepositoryTags(long repositoryId, Map<String, String> tags, int maxTags);

    /** Removes the named resource tags (absent keys are ignored). */
    void removeRepositoryTags(long repositoryId, List<String> keys);
}
