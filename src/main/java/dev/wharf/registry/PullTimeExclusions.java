package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.Principal;
import dev.wharf.policy.PrincipalType;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.PullTimeExclusionStore.ExclusionRow;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Pull-time update exclusions (ECR API reference, RegisterPullTimeUpdateExclusion): IAM users and
 * roles of a registry whose pulls leave an image's {@code lastRecordedPullTime} where it was, so a
 * scanner's or a mirror's pulls do not keep images alive under {@code sinceImagePulled} lifecycle
 * rules. A role session is its role: excluding {@code role/scanner} covers every session of it.
 */
public final class PullTimeExclusions {
    public static final String REGISTER_ACTION = "ecr:RegisterPullTimeUpdateExclusion";
    public static final String DEREGISTER_ACTION = "ecr:DeregisterPullTimeUpdateExclusion";
    public static final String LIST_ACTION = "ecr:ListPullTimeUpdateExclusions";
    /** Wharf's bound per registry (the model's list shape holds at most 100). */
    public static final int MAX_PER_REGISTRY = 100;
    /** ECR model: PrincipalArn. */
    private static final Pattern PRINCIPAL_ARN = Pattern.compile("^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$");

    private final MetadataStore meta;
    private final AccessControl access;
    private final RegistrySettings settings;

    public PullTimeExclusions(MetadataStore meta, AccessControl access, RegistrySettings settings) {
        this.meta = meta;
        this.access = access;
        this.settings = settings;
    }

    /** One excluded principal and when it was excluded (epoch millis). */
    public record Exclusion(String principalArn, long createdAt) {}

    /** A page of a registry's exclusions by ARN. */
    public record Page(List<String> principalArns, String lastArn, boolean more) {}

    public Exclusion register(Caller caller, String accountId, String principalArn) {
        access.check(caller, REGISTER_ACTION, "*", accountId);
        String arn = principalArn(principalArn);
        long now = settings.clock().millis();
        try {
            meta.createPullTimeExclusion(new ExclusionRow(accountId, arn, now), MAX_PER_REGISTRY);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.EXCLUSION_ALREADY_EXISTS, "The principal '" + arn
                    + "' is already excluded from pull time updates in the registry with id '" + accountId + "'");
        } catch (LimitException e) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "The maximum number of pull time update exclusions per registry ("
                    + e.limit() + ") has been reached for the registry with id '" + accountId + "'");
        }
        return new Exclusion(arn, now);
    }

    public String deregister(Caller caller, String accountId, String principalArn) {
        access.check(caller, DEREGISTER_ACTION, "*", accountId);
        String arn = principalArn(principalArn);
        if (!meta.deletePullTimeExclusion(accountId, arn)) {
            throw new WharfException(ErrorCode.EXCLUSION_NOT_FOUND, "The principal '" + arn
                    + "' is not excluded from pull time updates in the registry with id '" + accountId + "'");
        }
        return arn;
    }

    public Page list(Caller caller, String accountId, String afterArn, int limit) {
        access.check(caller, LIST_ACTION, "*", accountId);
        List<ExclusionRow> rows = meta.listPullTimeExclusions(accountId, afterArn, limit + 1);
        boolean more = rows.size() > limit;
        List<String> arns = rows.stream().limit(limit).map(ExclusionRow::principalArn).toList();
        return new Page(arns, more ? arns.get(arns.size() - 1) : null, more);
    }

    /** True when a pull by {@code principal} from {@code registryAccount} must not be recorded. Only users and roles can be excluded. */
    public boolean excluded(String registryAccount, Principal principal) {
        if (principal.type() != PrincipalType.USER && principal.type() != PrincipalType.ASSUMED_ROLE) return false;
        String arn = principal.principalArn();
        return arn != null && meta.findPullTimeExclusion(registryAccount, arn).isPresent();
    }

    private static String principalArn(String arn) {
        if (arn == null) throw new WharfException(ErrorCode.INVALID_PARAMETER, "Missing required parameter 'principalArn'");
        if (arn.length() > 200 || !PRINCIPAL_ARN.matcher(arn).matches()) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'principalArn' failed to satisfy constraint: "
                    + "'Member must satisfy regular expression pattern: ^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$'");
        }
        return arn;
    }
}
