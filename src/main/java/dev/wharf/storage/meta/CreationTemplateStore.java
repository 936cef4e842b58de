package dev.wharf.storage.meta;

import java.util.List;
import java.util.Optional;

/**
 * Repository creation templates, and the one write that applies a template: a repository created
 * together with its repository policy and lifecycle policy. Part of {@link MetadataStore}; same
 * transactional promises. The template's settings are an opaque document here; their meaning and
 * validation belong to {@code registry.CreationTemplates}.
 */
public interface CreationTemplateStore {

    /** One template: the registry it belongs to, its prefix ({@code ROOT} or a namespace) and its settings document. */
    record TemplateRow(String accountId, String prefix, String settings, long createdAt, long updatedAt) {}

    /**
     * @throws DuplicateException the registry already has a template with this prefix
     * @throws LimitException the registry already has {@code maxPerAccount} templates
     */
    void createCreationTemplate(TemplateRow template, int maxPerAccount);

    Optional<TemplateRow> findCreationTemplate(String accountId, String prefix);

    /** The registry's templates with a prefix after {@code afterPrefix} (null: from the first), by prefix, at most {@code limit}. */
    List<TemplateRow> listCreationTemplates(String accountId, String afterPrefix, int limit);

    /** Replaces the settings and {@code updatedAt} of the template with this account and prefix; false when there is none. */
    boolean updateCreationTemplate(TemplateRow template);

    /** @return true when a template was removed */
    boolean deleteCreationTemplate(String accountId, String prefix);

    /**
     * Creates a repository exactly as {@link RepositoryStore#createRepository} does and, in the same
     * transaction, gives it a repository policy and a lifecycle policy when these are not null: either
     * all of it is visible or none.
     *
     * @throws DuplicateException the repository exists
     * @throws LimitException the account already has {@code maxPerAccount} repositories
     */
    Rows.Repository createRepositoryWithPolicies(Rows.NewRepository repository, int maxPerAccount, String repositoryPolicy,
                                                 String lifecyclePolicy);
}
