package dev.wharf.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Repositories: create, find, describe, delete, and which registry (account) a request addresses. */
public final class Repositories {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ECR's ImageTagMutability values. */
    public static final Set<String> MUTABILITY = Set.of("MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION", "MUTABLE_WITH_EXCLUSION");
    /** ECR's EncryptionType values. */
    public static final Set<String> ENCRYPTION_TYPES = Set.of("AES256", "KMS", "KMS_DSSE");
    private static final Pattern HOST_REGISTRY = Pattern.compile("^(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\..+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REPOSITORY_ARN = Pattern.compile("arn:aws:ecr:([a-z0-9-]+):(\\d{12}):repository/(.+)");

    private final MetadataStore meta;
    private final AccessControl access;
    private final RegistrySettings settings;
    private final ServiceLimits limits;
    private final CreationTemplates templates;

    public Repositories(MetadataStore meta, AccessControl access, RegistrySettings settings, CreationTemplates templates) {
        this.meta = meta;
        this.access = access;
        this.settings = settings;
        this.limits = new ServiceLimits(meta, settings.limits());
        this.templates = templates;
    }

    /** The service limits in force, per account. */
    public ServiceLimits limits() {
        return limits;
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** The settings a new repository is created with. */
    public record CreateRequest(String name, String tagMutability, List<RepositoryInfo.TagFilter> exclusions,
                                boolean scanOnPush, String encryptionType, String kmsKey, Map<String, String> tags) {}

    /**
     * The account whose registry a {@code /v2/} request addresses: {@code <account>.dkr.ecr.<region>.<anything>}
     * in the Host header when that account exists, else the default account.
     */
    public String registryForHost(String host) {
        if (host != null) {
            var m = HOST_REGISTRY.matcher(host);
            if (m.matches() && meta.findAccount(m.group(1)).isPresent()) {
                return m.group(1);
            }
        }
        return meta.defaultAccount().map(Rows.Account::accountId)
                .orElseThrow(() -> new WharfException(ErrorCode.SERVER, "This Wharf has no default account"));
    }

    /** Validates a {@code registryId} parameter: 12 digits. */
    public static String registryId(String registryId, String callerAccount) {
        if (registryId == null) return callerAccount;
        if (!ACCOUNT_ID.matcher(registryId).matches()) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER,
                    "Invalid parameter at 'registryId' failed to satisfy constraint: 'must satisfy regular expression '[0-9]{12}''");
        }
        return registryId;
    }

    public RepositoryInfo create(Caller caller, String accountId, CreateRequest req) {
        RepositoryName name = RepositoryName.of(req.name());
        String arn = settings.repositoryArn(accountId, name.value());
        access.check(caller, EcrAction.CREATE_REPOSITORY, arn, accountId);
        String mutability = req.tagMutability() == null ? "MUTABLE" : req.tagMutability();
        if (!MUTABILITY.contains(mutability)) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'imageTagMutability' failed to satisfy constraint: "
                    + "'Member must satisfy enum value set: [MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]'");
        }
        List<RepositoryInfo.TagFilter> exclusions = validateExclusions(mutability, req.exclusions());
        String encryption = req.encryptionType() == null ? "AES256" : req.encryptionType();
        if (!ENCRYPTION_TYPES.contains(encryption)) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'encryptionType' failed to satisfy constraint: "
                    + "'Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]'");
        }
        if (meta.findAccount(accountId).isEmpty()) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "The registry with id '" + accountId + "' does not exist");
        }
        Map<String, String> tags = ResourceTags.validate(req.tags() == null ? Map.of() : req.tags());
        try {
            Rows.Repository row = meta.createRepository(new Rows.NewRepository(accountId, name.value(), mutability,
                    exclusionsJson(exclusions), req.scanOnPush(), encryption, req.kmsKey(), settings.clock().millis(),
                    tags), limits.forAccount(accountId).repositoriesPerAccount());
            return info(row);
        } catch (DuplicateException e) {
            throw alreadyExists(accountId, name.toString());
        } catch (LimitException e) {
            throw tooMany(accountId, e);
        }
    }

    static List<RepositoryInfo.TagFilter> validateExclusions(String mutability, List<RepositoryInfo.TagFilter> exclusions) {
        List<RepositoryInfo.TagFilter> list = exclusions == null ? List.of() : exclusions;
        boolean withExclusion = mutability.endsWith("_WITH_EXCLUSION");
        if (withExclusion && list.isEmpty()) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "imageTagMutabilityExclusionFilters must be provided when imageTagMutability is " + mutability);
        }
        if (!withExclusion && !list.isEmpty()) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "imageTagMutabilityExclusionFilters can only be used with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION");
        }
        if (list.size() > 5) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'imageTagMutabilityExclusionFilters': at most 5 filters are allowed");
        }
        for (RepositoryInfo.TagFilter f : list) {
            if (!"WILDCARD".equals(f.filterType())) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'filterType': the only supported value is WILDCARD");
            }
            if (f.filter() == null || f.filter().isEmpty() || f.filter().length() > 128 || !f.filter().matches("[0-9a-zA-Z._*-]+")) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'filter': a filter is 1 to 128 characters of letters, digits, '.', '_', '-' and '*'");
            }
        }
        return list;
    }

    private static String exclusionsJson(List<RepositoryInfo.TagFilter> exclusions) {
        if (exclusions.isEmpty()) return null;
        try {
            return JSON.writeValueAsString(exclusions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    RepositoryInfo info(Rows.Repository row) {
        List<RepositoryInfo.TagFilter> ex = List.of();
        if (row.mutabilityExclusions() != null) {
            try {
                ex = JSON.readValue(row.mutabilityExclusions(), new TypeReference<List<RepositoryInfo.TagFilter>>() {});
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored exclusion filters are not JSON", e);
            }
        }
        return new RepositoryInfo(row.id(), row.accountId(), row.name(), settings.repositoryArn(row.accountId(), row.name()),
                settings.repositoryUri(row.accountId(), row.name()), row.createdAt(), row.tagMutability(), ex,
                row.scanOnPush(), row.encryptionType(), row.kmsKey());
    }

    /**
     * Authorizes {@code action} on the repository, then finds it.
     *
     * @throws WharfException ACCESS_DENIED, NAME_INVALID or REPOSITORY_NOT_FOUND
     */
    public RepositoryInfo require(Caller caller, String accountId, String name, String action) {
        RepositoryName rn = RepositoryName.of(name);
        access.check(caller, action, settings.repositoryArn(accountId, rn.value()), accountId);
        Optional<RepositoryInfo> repo = find(accountId, rn.value());
        if (repo.isEmpty() && (action.equals(EcrAction.INITIATE_LAYER_UPLOAD) || action.equals(EcrAction.PUT_IMAGE))) {
            Optional<CreationTemplates.Template> template = templates.match(accountId, rn.value(), CreationTemplates.AppliedFor.CREATE_ON_PUSH);
            if (template.isPresent() || settings.createOnPush()) {
                return createOnPush(caller, accountId, rn.value(), template);
            }
        }
        return repo.orElseThrow(() -> notFound(accountId, rn.value()));
    }

    /** DescribeRepositories with repositoryNames: one repository, authorized as ecr:DescribeRepositories. */
    public RepositoryInfo describe(Caller caller, String accountId, String name) {
        return require(caller, accountId, name, EcrAction.DESCRIBE_REPOSITORIES);
    }

    /**
     * Create on push (authorized as ecr:CreateRepository): ECR's, when a {@code CREATE_ON_PUSH}
     * creation template covers the name (the repository gets the template's settings), or the
     * operator's registry-wide {@code createOnPush} default (ECR's defaults) when none does.
     */
    private RepositoryInfo createOnPush(Caller caller, String accountId, String name, Optional<CreationTemplates.Template> template) {
        access.check(caller, EcrAction.CREATE_REPOSITORY, settings.repositoryArn(accountId, name), accountId);
        try {
            return createFromTemplate(accountId, name, template.orElse(null));
        } catch (WharfException e) {
            if (e.code() != ErrorCode.REPOSITORY_ALREADY_EXISTS) throw e;
            return find(accountId, name).orElseThrow(() -> notFound(accountId, name)); // a concurrent push created it
        }
    }

    /**
     * The repository replication creates in a destination registry (authorized there by the registry
     * policy, not by a caller): with the {@code REPLICATION} creation template that covers the name, if
     * any. One created meanwhile is returned as it is.
     */
    RepositoryInfo createForReplication(String accountId, String name) {
        try {
            return createFromTemplate(accountId, name, templates.match(accountId, name, CreationTemplates.AppliedFor.REPLICATION).orElse(null));
        } catch (WharfException e) {
            if (e.code() != ErrorCode.REPOSITORY_ALREADY_EXISTS) throw e;
            return find(accountId, name).orElseThrow(() -> notFound(accountId, name));
        }
    }

    /**
     * Creation on the caller's behalf by a service of the registry (a pull through cache's first pull),
     * authorized as ecr:CreateRepository, with the creation template of {@code scenario} that matches.
     */
    RepositoryInfo createFor(Caller caller, String accountId, String name, CreationTemplates.AppliedFor scenario) {
        return createOnPush(caller, accountId, name, templates.match(accountId, name, scenario));
    }

    /** The repository, its resource tags, repository policy and lifecycle policy in one write; {@code template} null: defaults. */
    private RepositoryInfo createFromTemplate(String accountId, String name, CreationTemplates.Template template) {
        Rows.NewRepository row = template == null
                ? new Rows.NewRepository(accountId, name, "MUTABLE", null, false, "AES256", null, settings.clock().millis(), Map.of())
                : new Rows.NewRepository(accountId, name, template.tagMutability(), exclusionsJson(template.exclusions()), false,
                        template.encryptionType(), template.kmsKey(), settings.clock().millis(), template.resourceTags());
        try {
            return info(meta.createRepositoryWithPolicies(row, limits.forAccount(accountId).repositoriesPerAccount(),
                    template == null ? null : template.repositoryPolicy(), template == null ? null : template.lifecyclePolicy()));
        } catch (DuplicateException e) {
            throw alreadyExists(accountId, name);
        } catch (LimitException e) {
            throw tooMany(accountId, e);
        }
    }

    private static WharfException alreadyExists(String accountId, String name) {
        return new WharfException(ErrorCode.REPOSITORY_ALREADY_EXISTS, "The repository with name '" + name
                + "' already exists in the registry with id '" + accountId + "'");
    }

    private static WharfException tooMany(String accountId, LimitException e) {
        return new WharfException(ErrorCode.LIMIT_EXCEEDED, "The maximum number of repositories per registry ("
                + e.limit() + ") has been reached for the registry with id '" + accountId + "'");
    }

    public Optional<RepositoryInfo> find(String accountId, String name) {
        return meta.findRepository(accountId, name).map(this::info);
    }

    public static WharfException notFound(String accountId, String name) {
        return new WharfException(ErrorCode.REPOSITORY_NOT_FOUND, "The repository with name '" + name
                + "' does not exist in the registry with id '" + accountId + "'");
    }

    /** A page of repositories (sorted by name) that the caller may describe. */
    public record Page(List<RepositoryInfo> repositories, String lastName, boolean more) {}

    /**
     * DescribeRepositories without repositoryNames. ECR authorizes the listing itself against
     * {@code arn:aws:ecr:<region>:<account>:repository/*} (its denial names that resource), so a
     * caller allowed only some repositories by name is denied, not shown an empty page.
     */
    public Page describeAll(Caller caller, String accountId, String afterName, int limit) {
        access.check(caller, EcrAction.DESCRIBE_REPOSITORIES, settings.repositoryArn(accountId, "*"), accountId);
        return list(caller, accountId, afterName, limit, EcrAction.DESCRIBE_REPOSITORIES);
    }

    public Page list(Caller caller, String accountId, String afterName, int limit, String action) {
        List<RepositoryInfo> out = new ArrayList<>();
        String after = afterName;
        int batch = Math.max(limit, 100);
        while (true) {
            List<Rows.Repository> rows = meta.listRepositories(accountId, after, batch);
            for (Rows.Repository r : rows) {
                if (access.allows(caller, action, settings.repositoryArn(accountId, r.name()), accountId)) {
                    if (out.size() == limit) return new Page(out, out.get(out.size() - 1).name(), true);
                    out.add(info(r));
                }
                after = r.name();
            }
            if (rows.size() < batch) return new Page(out, null, false);
        }
    }

    /** Repository tags (resource tags, not image tags). */
    public Map<String, String> tags(RepositoryInfo repo) {
        return new LinkedHashMap<>(meta.repositoryTags(repo.id()));
    }

    public RepositoryInfo delete(Caller caller, String accountId, String name, boolean force) {
        RepositoryInfo repo = require(caller, accountId, name, EcrAction.DELETE_REPOSITORY);
        if (!force && meta.countManifests(repo.id()) > 0) {
            throw new WharfException(ErrorCode.REPOSITORY_NOT_EMPTY, "The repository with name '" + repo.name()
                    + "' in registry with id '" + accountId + "' cannot be deleted because it still contains images");
        }
        meta.deleteRepository(repo.id());
        return repo;
    }

    // ---------------------------------------------------------------- settings of a repository

    /** PutImageTagMutability: the four mutability settings and their wildcard exclusions. */
    public RepositoryInfo putTagMutability(Caller caller, String accountId, String name, String mutability,
                                           List<RepositoryInfo.TagFilter> exclusions) {
        RepositoryInfo repo = require(caller, accountId, name, EcrAction.PUT_IMAGE_TAG_MUTABILITY);
        if (!MUTABILITY.contains(mutability)) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'imageTagMutability' failed to satisfy constraint: "
                    + "'Member must satisfy enum value set: [MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]'");
        }
        List<RepositoryInfo.TagFilter> ex = validateExclusions(mutability, exclusions);
        Rows.Repository row = meta.findRepository(accountId, repo.name()).orElseThrow(() -> notFound(accountId, repo.name()));
        meta.updateRepository(new Rows.Repository(row.id(), row.accountId(), row.name(), mutability, exclusionsJson(ex),
                row.scanOnPush(), row.encryptionType(), row.kmsKey(), row.createdAt()));
        return find(accountId, repo.name()).orElseThrow(() -> notFound(accountId, repo.name()));
    }

    /** PutImageScanningConfiguration: stores scanOnPush (Wharf runs no scanner; see docs/compatibility.md). */
    public RepositoryInfo putScanOnPush(Caller caller, String accountId, String name, boolean scanOnPush) {
        RepositoryInfo repo = require(caller, accountId, name, EcrAction.PUT_IMAGE_SCANNING_CONFIGURATION);
        Rows.Repository row = meta.findRepository(accountId, repo.name()).orElseThrow(() -> notFound(accountId, repo.name()));
        meta.updateRepository(new Rows.Repository(row.id(), row.accountId(), row.name(), row.tagMutability(),
                row.mutabilityExclusions(), scanOnPush, row.encryptionType(), row.kmsKey(), row.createdAt()));
        return find(accountId, repo.name()).orElseThrow(() -> notFound(accountId, repo.name()));
    }

    // ---------------------------------------------------------------- resource tags

    /** The repository a {@code resourceArn} names; InvalidParameterException when it is not a repository ARN of this region. */
    private RepositoryInfo byArn(Caller caller, String resourceArn, String action) {
        var m = REPOSITORY_ARN.matcher(resourceArn == null ? "" : resourceArn);
        if (!m.matches() || !m.group(1).equals(settings.region())) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'resourceArn' failed to satisfy constraint: "
                    + "'Invalid ARN: expected arn:aws:ecr:" + settings.region() + ":<account>:repository/<name>'");
        }
        return require(caller, m.group(2), m.group(3), action);
    }

    public Map<String, String> listTags(Caller caller, String resourceArn) {
        return tags(byArn(caller, resourceArn, EcrAction.LIST_TAGS_FOR_RESOURCE));
    }

    public void tagResource(Caller caller, String resourceArn, Map<String, String> tags) {
        RepositoryInfo repo = byArn(caller, resourceArn, EcrAction.TAG_RESOURCE);
        try {
            meta.putRepositoryTags(repo.id(), ResourceTags.validate(tags), ResourceTags.MAX_TAGS);
        } catch (LimitException e) {
            throw ResourceTags.tooMany();
        }
    }

    public void untagResource(Caller caller, String resourceArn, List<String> keys) {
        RepositoryInfo repo = byArn(caller, resourceArn, EcrAction.UNTAG_RESOURCE);
        for (String k : keys) ResourceTags.validateKey(k);
        meta.removeRepositoryTags(repo.id(), keys);
    }
}
