package dev.wharf.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.PullThroughCacheStore.RuleRow;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pull through cache rules (ECR API reference, CreatePullThroughCacheRule and the user guide's
 * "Using pull through cache rules"): a registry's repositories under {@code <ecrRepositoryPrefix>/}
 * are copies of an upstream registry's, fetched on first pull by {@link CachedPulls}. One rule per
 * prefix, at most {@value #MAX_PER_REGISTRY} per registry. Upstream URLs are HTTPS, as in ECR; a
 * plain {@code http://} upstream only when the operator allows it.
 */
public final class PullThroughCache {
    public static final String CREATE_ACTION = "ecr:CreatePullThroughCacheRule";
    public static final String DESCRIBE_ACTION = "ecr:DescribePullThroughCacheRules";
    public static final String UPDATE_ACTION = "ecr:UpdatePullThroughCacheRule";
    public static final String DELETE_ACTION = "ecr:DeletePullThroughCacheRule";
    public static final String VALIDATE_ACTION = "ecr:ValidatePullThroughCacheRule";
    public static final String ROOT = "ROOT";
    /** ECR's quota "Pull through cache rules per registry". */
    public static final int MAX_PER_REGISTRY = 50;
    /** ECR model: UpstreamRegistry. */
    public static final List<String> UPSTREAM_REGISTRIES = List.of("ecr", "ecr-public", "quay", "k8s", "docker-hub",
            "github-container-registry", "azure-container-registry", "gitlab-container-registry", "chainguard");
    /** The upstreams ECR only reaches with credentials from a secret (user guide, "Using pull through cache rules"). */
    private static final Set<String> NEED_CREDENTIALS = Set.of("docker-hub", "github-container-registry",
            "azure-container-registry", "gitlab-container-registry", "chainguard");
    /** The upstreams that take no secret: public ones, and ECR, which is reached with customRoleArn. */
    private static final Set<String> NO_CREDENTIALS = Set.of("ecr-public", "k8s", "ecr");
    /** ECR model: PullThroughCacheRuleRepositoryPrefix (2 to 30 characters). */
    private static final Pattern PREFIX = Pattern.compile(
            "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*/?|ROOT)$");
    private static final String PREFIX_PATTERN = "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$";
    /** ECR model: CredentialArn (50 to 612 characters). */
    private static final Pattern CREDENTIAL_ARN = Pattern.compile(
            "^arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\\-pullthroughcache/[a-zA-Z0-9/_+=.@-]+$");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z0-9-]*:iam::([0-9]{12}):role/[\\w+=,.@/-]{1,512}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore meta;
    private final AccessControl access;
    private final RegistrySettings settings;
    private final SecretValues secrets;
    private final UpstreamRegistries upstreams;
    private final boolean allowHttp;

    /**
     * @param allowHttp whether a rule may name a plain {@code http://} upstream (operator switch
     *                  {@code pullThroughCache.allowHttp}; ECR takes HTTPS only)
     */
    public PullThroughCache(MetadataStore meta, AccessControl access, RegistrySettings settings, SecretValues secrets,
                            UpstreamRegistries upstreams, boolean allowHttp) {
        this.meta = meta;
        this.access = access;
        this.settings = settings;
        this.secrets = secrets;
        this.upstreams = upstreams;
        this.allowHttp = allowHttp;
    }

    /**
     * A rule as ECR describes it. {@code prefix} and {@code upstreamPrefix} are kept without a
     * trailing slash; {@code upstreamRegistry} is null for an upstream that is none of ECR's kinds
     * (a registry of one's own, which Wharf also serves from).
     */
    public record Rule(String accountId, String prefix, String upstreamUrl, String upstreamRegistry, String credentialArn,
                       String customRoleArn, String upstreamPrefix, long createdAt, long updatedAt) {

        /** True when the rule covers the repository name ({@code ROOT} covers every name). */
        public boolean covers(String repositoryName) {
            return prefix.equals(ROOT) || repositoryName.startsWith(prefix + "/");
        }

        /** The upstream repository that the repository {@code repositoryName} (covered by this rule) caches. */
        public String upstreamRepository(String repositoryName) {
            String rest = prefix.equals(ROOT) ? repositoryName : repositoryName.substring(prefix.length() + 1);
            return upstreamPrefix == null || upstreamPrefix.equals(ROOT) ? rest : upstreamPrefix + "/" + rest;
        }
    }

    /** The members of a Create request; null means "not given". */
    public record CreateRequest(String prefix, String upstreamUrl, String upstreamRegistry, String credentialArn,
                                String customRoleArn, String upstreamPrefix) {}

    /** ValidatePullThroughCacheRule's answer: the rule, whether the upstream accepted Wharf, and if not why. */
    public record Validation(Rule rule, boolean valid, String failure) {}

    public Rule create(Caller caller, String accountId, CreateRequest req) {
        access.check(caller, CREATE_ACTION, "*", accountId);
        String prefix = prefix("ecrRepositoryPrefix", req.prefix());
        if (req.upstreamUrl() == null) throw invalid("Missing required parameter 'upstreamRegistryUrl'");
        URI base = upstreamBase(req.upstreamUrl());
        String kind = upstreamRegistry(req.upstreamRegistry(), base);
        String credentialArn = credentialArn(accountId, req.credentialArn());
        if (credentialArn == null && kind != null && NEED_CREDENTIALS.contains(kind)) {
            throw invalid("Invalid parameter at 'credentialArn': the upstream registry " + kind
                    + " requires authentication; create an AWS Secrets Manager secret named ecr-pullthroughcache/... and give its ARN");
        }
        if (credentialArn != null && kind != null && NO_CREDENTIALS.contains(kind)) {
            throw invalid("Invalid parameter at 'credentialArn': the upstream registry " + kind + " does not take a credentialArn");
        }
        String role = customRoleArn(accountId, req.customRoleArn());
        String upstreamPrefix = req.upstreamPrefix() == null ? null : prefix("upstreamRepositoryPrefix", req.upstreamPrefix());
        if (upstreamPrefix != null && !upstreamPrefix.equals(ROOT) && prefix.equals(ROOT)) {
            // user guide, "Customizing repository prefixes for ECR to ECR pull through cache"
            throw invalid("Invalid parameter at 'upstreamRepositoryPrefix': an upstream repository prefix can only be set when "
                    + "the ecrRepositoryPrefix is not ROOT");
        }
        long now = settings.clock().millis();
        RuleRow row = new RuleRow(accountId, prefix, base.toString(), kind, credentialArn, role, upstreamPrefix, now, now);
        try {
            meta.createPullThroughCacheRule(row, MAX_PER_REGISTRY);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.PULL_THROUGH_CACHE_RULE_ALREADY_EXISTS, "A pull through cache rule with the prefix '"
                    + prefix + "' already exists in the registry with id '" + accountId + "'");
        } catch (LimitException e) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "The maximum number of pull through cache rules per registry ("
                    + e.limit() + ") has been reached for the registry with id '" + accountId + "'");
        }
        return rule(row);
    }

    /** UpdatePullThroughCacheRule: a new secret or role; the upstream of a rule never changes. */
    public Rule update(Caller caller, String accountId, String rawPrefix, String credentialArn, String customRoleArn) {
        access.check(caller, UPDATE_ACTION, "*", accountId);
        String prefix = prefix("ecrRepositoryPrefix", rawPrefix);
        RuleRow old = meta.findPullThroughCacheRule(accountId, prefix).orElseThrow(() -> notFound(accountId, prefix));
        if (credentialArn == null && customRoleArn == null) {
            throw invalid("Invalid request: give a credentialArn or a customRoleArn to update the pull through cache rule");
        }
        if (credentialArn != null && old.upstreamRegistry() != null && NO_CREDENTIALS.contains(old.upstreamRegistry())) {
            throw invalid("Invalid parameter at 'credentialArn': the upstream registry " + old.upstreamRegistry() + " does not take a credentialArn");
        }
        String arn = credentialArn == null ? old.credentialArn() : credentialArn(accountId, credentialArn);
        String role = customRoleArn == null ? old.customRoleArn() : customRoleArn(accountId, customRoleArn);
        RuleRow row = new RuleRow(accountId, prefix, old.upstreamUrl(), old.upstreamRegistry(), arn, role, old.upstreamPrefix(),
                old.createdAt(), settings.clock().millis());
        if (!meta.updatePullThroughCacheRule(row)) throw notFound(accountId, prefix); // deleted meanwhile
        return rule(row);
    }

    public Rule delete(Caller caller, String accountId, String rawPrefix) {
        access.check(caller, DELETE_ACTION, "*", accountId);
        String prefix = prefix("ecrRepositoryPrefix", rawPrefix);
        RuleRow row = meta.findPullThroughCacheRule(accountId, prefix).orElseThrow(() -> notFound(accountId, prefix));
        if (!meta.deletePullThroughCacheRule(accountId, prefix)) throw notFound(accountId, prefix);
        return rule(row);
    }

    /** A page of the registry's rules by prefix. */
    public record Page(List<Rule> rules, String lastPrefix, boolean more) {}

    public Page describeAll(Caller caller, String accountId, String afterPrefix, int limit) {
        access.check(caller, DESCRIBE_ACTION, "*", accountId);
        List<RuleRow> rows = meta.listPullThroughCacheRules(accountId, afterPrefix, limit + 1);
        boolean more = rows.size() > limit;
        List<Rule> out = rows.stream().limit(limit).map(PullThroughCache::rule).toList();
        return new Page(out, more ? out.get(out.size() - 1).prefix() : null, more);
    }

    /** Describe with prefixes: every one must name a rule (PullThroughCacheRuleNotFoundException otherwise). */
    public List<Rule> describe(Caller caller, String accountId, List<String> prefixes) {
        access.check(caller, DESCRIBE_ACTION, "*", accountId);
        List<Rule> out = new ArrayList<>();
        for (String p : new LinkedHashSet<>(prefixes.stream().map(x -> prefix("ecrRepositoryPrefixes", x)).toList())) {
            out.add(meta.findPullThroughCacheRule(accountId, p).map(PullThroughCache::rule).orElseThrow(() -> notFound(accountId, p)));
        }
        return out;
    }

    /**
     * ValidatePullThroughCacheRule: reads the rule's secret and signs in to the upstream with it.
     * A failure is an answer ({@code isValid} false with the reason), not an error.
     */
    public Validation validate(Caller caller, String accountId, String rawPrefix) {
        access.check(caller, VALIDATE_ACTION, "*", accountId);
        String prefix = prefix("ecrRepositoryPrefix", rawPrefix);
        Rule rule = meta.findPullThroughCacheRule(accountId, prefix).map(PullThroughCache::rule)
                .orElseThrow(() -> notFound(accountId, prefix));
        try {
            upstreams.ping(upstream(rule));
            return new Validation(rule, true, null);
        } catch (UpstreamRegistries.UpstreamException e) {
            return new Validation(rule, false, e.getMessage());
        } catch (WharfException e) {
            return new Validation(rule, false, e.getMessage());
        }
    }

    /** The registry's rule that covers the repository name: the longest prefix, {@code ROOT} last. */
    public Optional<Rule> match(String accountId, String repositoryName) {
        return meta.listPullThroughCacheRules(accountId, null, MAX_PER_REGISTRY).stream().map(PullThroughCache::rule)
                .filter(r -> r.covers(repositoryName))
                .max(Comparator.comparingInt(r -> r.prefix().equals(ROOT) ? -1 : r.prefix().length()));
    }

    /**
     * Where the rule's upstream is and who to be there: the credentials are read from the rule's
     * secret now, so a rotated secret takes effect at the next fetch.
     *
     * @throws WharfException SECRET_NOT_FOUND when the secret is gone, UNABLE_TO_DECRYPT_SECRET when
     *                        it is not ECR's {@code {"username": ..., "accessToken": ...}}
     */
    UpstreamRegistries.Upstream upstream(Rule rule) {
        URI base = URI.create(rule.upstreamUrl());
        if (rule.credentialArn() == null) return new UpstreamRegistries.Upstream(base, null);
        String value = secrets.secretString(rule.accountId(), rule.credentialArn()).orElseThrow(() -> secretNotFound(rule.credentialArn()));
        return new UpstreamRegistries.Upstream(base, credentials(rule.credentialArn(), value));
    }

    /** ECR's secret format for upstream credentials: {@code {"username": "...", "accessToken": "..."}}. */
    private static UpstreamRegistries.Credentials credentials(String arn, String value) {
        try {
            JsonNode n = JSON.readTree(value);
            JsonNode user = n == null ? null : n.get("username");
            JsonNode token = n == null ? null : n.get("accessToken");
            if (user == null || !user.isTextual() || token == null || !token.isTextual()) throw new IllegalArgumentException();
            return new UpstreamRegistries.Credentials(user.asText(), token.asText());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new WharfException(ErrorCode.UNABLE_TO_DECRYPT_SECRET, "The secret " + arn + " is accessible but its value cannot be read as "
                    + "upstream credentials: a JSON object with the string members username and accessToken");
        }
    }

    // ---------------------------------------------------------------- validation

    /** The model's prefix constraint; a trailing slash is implied, so {@code hub/} and {@code hub} are one prefix. */
    static String prefix(String member, String prefix) {
        if (prefix == null) throw invalid("Missing required parameter '" + member + "'");
        if (prefix.length() < 2 || prefix.length() > 30) {
            throw invalid("Invalid parameter at '" + member + "' failed to satisfy constraint: 'Member must have length "
                    + (prefix.length() < 2 ? "greater than or equal to 2'" : "less than or equal to 30'"));
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw invalid("Invalid parameter at '" + member + "' failed to satisfy constraint: 'Member must satisfy regular expression pattern: "
                    + PREFIX_PATTERN + "'");
        }
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** {@code host[:port]} (ECR's form) or an https URL; {@code http://} only when the operator allows it. */
    URI upstreamBase(String url) {
        if (url.isEmpty() || url.length() > 2048) throw invalid("Invalid parameter at 'upstreamRegistryUrl': it must be 1 to 2048 characters");
        String text = url.contains("://") ? url : "https://" + url;
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("Invalid parameter at 'upstreamRegistryUrl': '" + url + "' is not a registry URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null
                || !(u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))) {
            throw invalid("Invalid parameter at 'upstreamRegistryUrl': '" + url + "' is not a registry URL (host and optional port)");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw invalid("Invalid parameter at 'upstreamRegistryUrl': the upstream registry must be reached over HTTPS; "
                    + "this Wharf's operator has not allowed plain http upstreams (pullThroughCache.allowHttp)");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid("Invalid parameter at 'upstreamRegistryUrl': the scheme must be https");
        }
        return URI.create(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() == -1 ? "" : ":" + u.getPort()));
    }

    /** The upstream kind: as given (it must fit the URL's host), or ECR's kind for a known host, or null for any other registry. */
    static String upstreamRegistry(String given, URI base) {
        String known = knownKind(base.getHost());
        if (given == null) return known;
        if (!UPSTREAM_REGISTRIES.contains(given)) {
            throw new WharfException(ErrorCode.VALIDATION, "1 validation error detected: Value '" + given
                    + "' at 'upstreamRegistry' failed to satisfy constraint: Member must satisfy enum value set: " + UPSTREAM_REGISTRIES);
        }
        if (!given.equals(known)) {
            throw new WharfException(ErrorCode.UNSUPPORTED_UPSTREAM_REGISTRY, "The upstream registry URL '" + base.getHost()
                    + "' is not a URL of the upstream registry " + given);
        }
        return given;
    }

    private static String knownKind(String host) {
        Map<String, String> exact = Map.of("public.ecr.aws", "ecr-public", "quay.io", "quay", "registry.k8s.io", "k8s",
                "registry-1.docker.io", "docker-hub", "ghcr.io", "github-container-registry",
                "registry.gitlab.com", "gitlab-container-registry", "cgr.dev", "chainguard");
        if (exact.containsKey(host)) return exact.get(host);
        if (host.endsWith(".azurecr.io")) return "azure-container-registry";
        if (host.matches("[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?")) return "ecr";
        return null;
    }

    /** The model's CredentialArn constraint, and a secret of this registry's account that exists. */
    private String credentialArn(String accountId, String arn) {
        if (arn == null) return null;
        if (arn.length() < 50 || arn.length() > 612 || !CREDENTIAL_ARN.matcher(arn).matches()) {
            throw invalid("Invalid parameter at 'credentialArn' failed to satisfy constraint: 'Member must satisfy regular expression pattern: "
                    + "^arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\\-pullthroughcache\\/[a-zA-Z0-9\\/_+=.@-]+$' "
                    + "and have length between 50 and 612");
        }
        String[] parts = arn.split(":", 7);
        if (!parts[3].equals(settings.region()) || !parts[4].equals(accountId)) {
            throw new WharfException(ErrorCode.UNABLE_TO_ACCESS_SECRET, "The secret " + arn + " is unable to be accessed: "
                    + "a pull through cache rule reads a secret of its own registry's account and region");
        }
        String value = secrets.secretString(accountId, arn).orElseThrow(() -> secretNotFound(arn));
        credentials(arn, value); // a secret that cannot be read as credentials now will not be at the first pull either
        return arn;
    }

    private static String customRoleArn(String accountId, String arn) {
        if (arn == null || arn.isEmpty()) return null;
        var m = ROLE_ARN.matcher(arn);
        if (arn.length() > 2048 || !m.matches()) {
            throw invalid("Invalid parameter at 'customRoleArn': '" + arn + "' is not the ARN of an IAM role");
        }
        if (!m.group(1).equals(accountId)) {
            throw invalid("Invalid parameter at 'customRoleArn': the role must be in the same account as the registry (" + accountId + ")");
        }
        return arn;
    }

    private static WharfException secretNotFound(String arn) {
        return new WharfException(ErrorCode.SECRET_NOT_FOUND, "The secret " + arn + " was not found: create it in AWS Secrets Manager, "
                + "or update the pull through cache rule with the ARN of a secret that exists");
    }

    static Rule rule(RuleRow r) {
        return new Rule(r.accountId(), r.prefix(), r.upstreamUrl(), r.upstreamRegistry(), r.credentialArn(), r.customRoleArn(),
                r.upstreamPrefix(), r.createdAt(), r.updatedAt());
    }

    private static WharfException notFound(String accountId, String prefix) {
        return new WharfException(ErrorCode.PULL_THROUGH_CACHE_RULE_NOT_FOUND, "The pull through cache rule with prefix '" + prefix
                + "' does not exist in the registry with id '" + accountId + "'");
    }

    private static WharfException invalid(String message) {
        return new WharfException(ErrorCode.INVALID_PARAMETER, message);
    }
}
