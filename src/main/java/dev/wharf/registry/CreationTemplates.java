package dev.wharf.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.PolicyValidationException;
import dev.wharf.storage.meta.CreationTemplateStore.TemplateRow;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.MetadataStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Repository creation templates (ECR API reference, CreateRepositoryCreationTemplate and the user
 * guide's "Repository creation templates"): the settings a repository gets when Wharf creates it on
 * the caller's behalf — by a pull through cache, by replication, or on push. A template belongs to
 * a registry and is keyed by a namespace prefix ({@code prod} matches {@code prod/...}, never
 * {@code production}) or {@code ROOT}, which matches every name no other template matches. Among
 * the templates that apply to the scenario, the longest matching prefix wins.
 */
public final class CreationTemplates {
    public static final String CREATE_ACTION = "ecr:CreateRepositoryCreationTemplate";
    public static final String DESCRIBE_ACTION = "ecr:DescribeRepositoryCreationTemplates";
    public static final String UPDATE_ACTION = "ecr:UpdateRepositoryCreationTemplate";
    public static final String DELETE_ACTION = "ecr:DeleteRepositoryCreationTemplate";
    public static final String ROOT = "ROOT";
    /** ECR's RCTAppliedFor values. */
    public enum AppliedFor { PULL_THROUGH_CACHE, REPLICATION, CREATE_ON_PUSH }

    /** Wharf's bound on templates per registry (ECR documents no quota; every store here is bounded). */
    public static final int MAX_PER_REGISTRY = 100;
    /** ECR model: Prefix. */
    private static final Pattern PREFIX = Pattern.compile(
            "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*/?|ROOT)$");
    /** ECR model: KmsKeyForRepositoryCreationTemplate. */
    private static final Pattern KMS_KEY = Pattern.compile("^$|arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-z0-9-]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z0-9-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore meta;
    private final AccessControl access;
    private final RegistrySettings settings;

    public CreationTemplates(MetadataStore meta, AccessControl access, RegistrySettings settings) {
        this.meta = meta;
        this.access = access;
        this.settings = settings;
    }

    /** A template as ECR describes it; {@code prefix} is stored without a trailing slash. */
    public record Template(String accountId, String prefix, String description, String encryptionType, String kmsKey,
                           Map<String, String> resourceTags, String tagMutability, List<RepositoryInfo.TagFilter> exclusions,
                           String repositoryPolicy, String lifecyclePolicy, List<AppliedFor> appliedFor, String customRoleArn,
                           long createdAt, long updatedAt) {

        /** True when this template's prefix covers {@code repositoryName} ({@code ROOT} covers every name). */
        public boolean covers(String repositoryName) {
            return prefix.equals(ROOT) || repositoryName.startsWith(prefix + "/");
        }
    }

    /**
     * The members of a Create or Update request; null means "not given". {@code encryptionType}
     * null with {@code kmsKey} null leaves encryption as it was (Update) or AES256 (Create).
     */
    public record Request(String prefix, String description, String encryptionType, String kmsKey, Map<String, String> resourceTags,
                          String tagMutability, List<RepositoryInfo.TagFilter> exclusions, String repositoryPolicy,
                          String lifecyclePolicy, List<String> appliedFor, String customRoleArn) {}

    /** The document kept in the store: the settings of a template besides its key and times. */
    private record Stored(String description, String encryptionType, String kmsKey, Map<String, String> resourceTags,
                          String tagMutability, List<RepositoryInfo.TagFilter> exclusions, String repositoryPolicy,
                          String lifecyclePolicy, List<AppliedFor> appliedFor, String customRoleArn) {}

    public Template create(Caller caller, String accountId, Request req) {
        access.check(caller, CREATE_ACTION, "*", accountId);
        String prefix = prefix(req.prefix());
        if (req.appliedFor() == null) throw invalid("Missing required parameter 'appliedFor'");
        long now = settings.clock().millis();
        Stored s = validate(new Stored(req.description(), req.encryptionType() == null ? "AES256" : req.encryptionType(), req.kmsKey(),
                req.resourceTags() == null ? Map.of() : req.resourceTags(), req.tagMutability() == null ? "MUTABLE" : req.tagMutability(),
                req.exclusions() == null ? List.of() : req.exclusions(), req.repositoryPolicy(), req.lifecyclePolicy(),
                appliedFor(req.appliedFor()), req.customRoleArn()));
        try {
            meta.createCreationTemplate(new TemplateRow(accountId, prefix, write(s), now, now), MAX_PER_REGISTRY);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.TEMPLATE_ALREADY_EXISTS, "The repository creation template with prefix '" + prefix
                    + "' already exists in the registry with id '" + accountId + "'");
        } catch (LimitException e) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "The maximum number of repository creation templates per registry ("
                    + e.limit() + ") has been reached for the registry with id '" + accountId + "'");
        }
        return template(accountId, prefix, s, now, now);
    }

    /** Update: each member given replaces the template's; the result is validated as a whole. */
    public Template update(Caller caller, String accountId, Request req) {
        access.check(caller, UPDATE_ACTION, "*", accountId);
        String prefix = prefix(req.prefix());
        TemplateRow row = meta.findCreationTemplate(accountId, prefix).orElseThrow(() -> notFound(accountId, prefix));
        Stored old = read(row.settings());
        String mutability = req.tagMutability() == null ? old.tagMutability() : req.tagMutability();
        List<RepositoryInfo.TagFilter> exclusions = req.exclusions() != null ? req.exclusions()
                : req.tagMutability() == null ? old.exclusions() : List.of();
        boolean encryptionGiven = req.encryptionType() != null;
        Stored s = validate(new Stored(
                req.description() == null ? old.description() : req.description(),
                encryptionGiven ? req.encryptionType() : old.encryptionType(),
                encryptionGiven ? req.kmsKey() : old.kmsKey(),
                req.resourceTags() == null ? old.resourceTags() : req.resourceTags(),
                mutability, exclusions,
                req.repositoryPolicy() == null ? old.repositoryPolicy() : req.repositoryPolicy(),
                req.lifecyclePolicy() == null ? old.lifecyclePolicy() : req.lifecyclePolicy(),
                req.appliedFor() == null ? old.appliedFor() : appliedFor(req.appliedFor()),
                req.customRoleArn() == null ? old.customRoleArn() : req.customRoleArn()));
        long now = settings.clock().millis();
        if (!meta.updateCreationTemplate(new TemplateRow(accountId, prefix, write(s), row.createdAt(), now))) {
            throw notFound(accountId, prefix); // deleted meanwhile
        }
        return template(accountId, prefix, s, row.createdAt(), now);
    }

    public Template delete(Caller caller, String accountId, String rawPrefix) {
        access.check(caller, DELETE_ACTION, "*", accountId);
        String prefix = prefix(rawPrefix);
        TemplateRow row = meta.findCreationTemplate(accountId, prefix).orElseThrow(() -> notFound(accountId, prefix));
        if (!meta.deleteCreationTemplate(accountId, prefix)) throw notFound(accountId, prefix);
        return template(row);
    }

    /** A page of the registry's templates by prefix. */
    public record Page(List<Template> templates, String lastPrefix, boolean more) {}

    /** Describe without prefixes: the registry's templates in prefix order, {@code limit} at a time. */
    public Page describeAll(Caller caller, String accountId, String afterPrefix, int limit) {
        access.check(caller, DESCRIBE_ACTION, "*", accountId);
        List<TemplateRow> rows = meta.listCreationTemplates(accountId, afterPrefix, limit + 1);
        boolean more = rows.size() > limit;
        List<Template> out = rows.stream().limit(limit).map(this::template).toList();
        return new Page(out, more ? out.get(out.size() - 1).prefix() : null, more);
    }

    /** Describe with prefixes: the templates of those prefixes that exist, in the order asked. */
    public List<Template> describe(Caller caller, String accountId, List<String> prefixes) {
        access.check(caller, DESCRIBE_ACTION, "*", accountId);
        List<Template> out = new ArrayList<>();
        for (String p : new LinkedHashSet<>(prefixes.stream().map(CreationTemplates::prefix).toList())) {
            meta.findCreationTemplate(accountId, p).map(this::template).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The template a repository created by {@code scenario} gets: of the registry's templates that
     * apply to the scenario and cover the name, the one with the longest prefix, {@code ROOT} last.
     */
    public Optional<Template> match(String accountId, String repositoryName, AppliedFor scenario) {
        return meta.listCreationTemplates(accountId, null, MAX_PER_REGISTRY).stream().map(this::template)
                .filter(t -> t.appliedFor().contains(scenario) && t.covers(repositoryName))
                .max(Comparator.comparingInt(t -> t.prefix().equals(ROOT) ? -1 : t.prefix().length()));
    }

    // ---------------------------------------------------------------- validation

    /** The model's Prefix constraint; a trailing slash is implied, so {@code prod/} and {@code prod} are one prefix. */
    static String prefix(String prefix) {
        if (prefix == null) throw invalid("Missing required parameter 'prefix'");
        if (prefix.isEmpty() || prefix.length() > 256 || !PREFIX.matcher(prefix).matches()) {
            throw invalid("Invalid parameter at 'prefix' failed to satisfy constraint: 'Member must satisfy regular expression pattern: "
                    + "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$'");
        }
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static List<AppliedFor> appliedFor(List<String> values) {
        if (values.isEmpty()) {
            throw invalid("Invalid parameter at 'appliedFor' failed to satisfy constraint: 'Member must have length greater than or equal to 1'");
        }
        Set<AppliedFor> out = new LinkedHashSet<>();
        for (String v : values) {
            try {
                out.add(AppliedFor.valueOf(v == null ? "" : v));
            } catch (IllegalArgumentException e) {
                throw invalid("Invalid parameter at 'appliedFor' failed to satisfy constraint: "
                        + "'Member must satisfy enum value set: [REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH]'");
            }
        }
        return List.copyOf(out);
    }

    private static Stored validate(Stored s) {
        if (s.description() != null && s.description().length() > 256) {
            throw invalid("Invalid parameter at 'description' failed to satisfy constraint: 'Member must have length less than or equal to 256'");
        }
        if (!Repositories.ENCRYPTION_TYPES.contains(s.encryptionType())) {
            throw invalid("Invalid parameter at 'encryptionType' failed to satisfy constraint: "
                    + "'Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]'");
        }
        String kmsKey = s.kmsKey() == null || s.kmsKey().isEmpty() ? null : s.kmsKey();
        if (kmsKey != null) {
            if (kmsKey.length() > 2048 || !KMS_KEY.matcher(kmsKey).matches()) {
                throw invalid("Invalid parameter at 'kmsKey' failed to satisfy constraint: 'Member must satisfy regular expression pattern: "
                        + "^$|arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\\/[a-z0-9-]+'");
            }
            if (s.encryptionType().equals("AES256")) {
                throw invalid("Invalid parameter at 'kmsKey': a KMS key can only be specified with the KMS or KMS_DSSE encryption type");
            }
        }
        if (!Repositories.MUTABILITY.contains(s.tagMutability())) {
            throw invalid("Invalid parameter at 'imageTagMutability' failed to satisfy constraint: "
                    + "'Member must satisfy enum value set: [MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]'");
        }
        List<RepositoryInfo.TagFilter> exclusions = Repositories.validateExclusions(s.tagMutability(), s.exclusions());
        Map<String, String> tags = ResourceTags.validate(s.resourceTags());
        String repositoryPolicy = s.repositoryPolicy() == null || s.repositoryPolicy().isEmpty() ? null : s.repositoryPolicy();
        if (repositoryPolicy != null) {
            if (repositoryPolicy.length() > 10240) {
                throw invalid("Invalid parameter at 'repositoryPolicy' failed to satisfy constraint: 'Member must have length less than or equal to 10240'");
            }
            try {
                PolicyDocument.parse(repositoryPolicy, PolicyKind.RESOURCE);
            } catch (PolicyValidationException e) {
                throw invalid("Invalid parameter at 'repositoryPolicy' failed to satisfy constraint: 'Invalid repository policy provided: "
                        + e.getMessage() + "'");
            }
        }
        String lifecyclePolicy = s.lifecyclePolicy() == null || s.lifecyclePolicy().isEmpty() ? null : s.lifecyclePolicy();
        if (lifecyclePolicy != null) {
            if (lifecyclePolicy.length() > 30720) {
                throw invalid("Invalid parameter at 'lifecyclePolicy' failed to satisfy constraint: 'Member must have length less than or equal to 30720'");
            }
            LifecyclePolicy.parse(lifecyclePolicy);
        }
        String role = s.customRoleArn() == null || s.customRoleArn().isEmpty() ? null : s.customRoleArn();
        if (role != null && (role.length() > 2048 || !ROLE_ARN.matcher(role).matches())) {
            throw invalid("Invalid parameter at 'customRoleArn' failed to satisfy constraint: 'Member must be the ARN of an IAM role'");
        }
        String description = s.description() == null || s.description().isEmpty() ? null : s.description();
        return new Stored(description, s.encryptionType(), kmsKey, tags, s.tagMutability(), exclusions, repositoryPolicy,
                lifecyclePolicy, s.appliedFor(), role);
    }

    // ---------------------------------------------------------------- rows

    private Template template(TemplateRow row) {
        return template(row.accountId(), row.prefix(), read(row.settings()), row.createdAt(), row.updatedAt());
    }

    private static Template template(String accountId, String prefix, Stored s, long createdAt, long updatedAt) {
        return new Template(accountId, prefix, s.description(), s.encryptionType(), s.kmsKey(), java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(s.resourceTags())),
                s.tagMutability(), List.copyOf(s.exclusions()), s.repositoryPolicy(), s.lifecyclePolicy(), s.appliedFor(),
                s.customRoleArn(), createdAt, updatedAt);
    }

    private static String write(Stored s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stored read(String json) {
        try {
            return JSON.readValue(json, Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored creation template is not JSON", e);
        }
    }

    private static WharfException notFound(String accountId, String prefix) {
        return new WharfException(ErrorCode.TEMPLATE_NOT_FOUND, "The repository creation template with prefix '" + prefix
                + "' does not exist in the registry with id '" + accountId + "'");
    }

    private static WharfException invalid(String message) {
        return new WharfException(ErrorCode.INVALID_PARAMETER, message);
    }
}
