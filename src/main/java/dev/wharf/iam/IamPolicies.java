package dev.wharf.iam;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.policy.ManagedPolicies;
import dev.wharf.policy.ManagedPolicy;
import dev.wharf.policy.PolicyKind;
import dev.wharf.storage.meta.ConflictException;
import dev.wharf.storage.meta.DuplicateException;
import dev.wharf.storage.meta.IamRows;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.LimitException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.wharf.iam.IamEntities.account;
import static dev.wharf.iam.IamEntities.arn;
import static dev.wharf.iam.IamEntities.kindWord;
import static dev.wharf.iam.IamEntities.validate;

/**
 * IAM's managed policies (AWS's, read-only, and the account's, with up to
 * {@value #VERSIONS_PER_POLICY} versions), their attachment to users, groups and roles, and inline
 * policies. Every method authorizes its IAM action first and acts in the caller's account only.
 */
public final class IamPolicies {
    /** IAM quota (IAM User Guide, "IAM and AWS STS quotas"). */
    public static final int VERSIONS_PER_POLICY = 5;

    private final IamEntities entities;
    private final IamStore iam;
    private final Clock clock;

    public IamPolicies(IamEntities entities, Clock clock) {
        this.entities = entities;
        this.iam = entities.store();
        this.clock = clock;
    }

    // ---------------------------------------------------------------- managed policies

    /** A managed policy as the API shows it: AWS's or the account's. */
    public record Managed(String name, String policyId, String arn, String path, String description, String defaultVersion,
                          int attachmentCount, long createdAt, long updatedAt, boolean awsManaged) {}

    public Managed createPolicy(IamCaller c, String policyName, String path, String document, String description) {
        String arn = PolicyArn.of(account(c), path, policyName);
        entities.authorize(c, "iam:CreatePolicy", arn);
        validate(document, PolicyKind.IDENTITY);
        long now = clock.millis();
        IamRows.Policy p = new IamRows.Policy(account(c), policyName, Identities.newUniqueId("ANPA"), path, description, "v1", now, now);
        try {
            iam.createPolicy(p, document);
        } catch (DuplicateException e) {
            throw new WharfException(ErrorCode.ENTITY_ALREADY_EXISTS, "A policy called " + policyName
                    + " already exists. Duplicate names are not allowed.");
        }
        return managed(p);
    }

    public Managed getPolicy(IamCaller c, String policyArn) {
        entities.authorize(c, "iam:GetPolicy", policyArn);
        return findManaged(policyArn).orElseThrow(() -> noSuchPolicy(policyArn));
    }

    /** @param scope {@code All}, {@code AWS} or {@code Local} */
    public List<Managed> listPolicies(IamCaller c, String scope, boolean onlyAttached, String pathPrefix) {
        entities.authorize(c, "iam:ListPolicies", arn(c, "policy", "/", ""));
        List<Managed> out = new ArrayList<>();
        if (!scope.equals("Local")) {
            for (ManagedPolicy m : ManagedPolicies.all()) out.add(awsManaged(m));
        }
        if (!scope.equals("AWS")) {
            for (IamRows.Policy p : iam.listPolicies(account(c))) out.add(managed(p));
        }
        return out.stream().filter(m -> !onlyAttached || m.attachmentCount() > 0)
                .filter(m -> pathPrefix == null || m.path().startsWith(pathPrefix)).toList();
    }

    public void deletePolicy(IamCaller c, String policyArn) {
        entities.authorize(c, "iam:DeletePolicy", policyArn);
        PolicyArn a = customerPolicy(c, policyArn);
        if (iam.attachmentCount(policyArn) > 0) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete a policy attached to entities.");
        }
        iam.deletePolicy(a.accountId(), a.name());
    }

    public IamRows.PolicyVersion createPolicyVersion(IamCaller c, String policyArn, String document, boolean setAsDefault) {
        entities.authorize(c, "iam:CreatePolicyVersion", policyArn);
        PolicyArn a = customerPolicy(c, policyArn);
        validate(document, PolicyKind.IDENTITY);
        try {
            String id = iam.createPolicyVersion(a.accountId(), a.name(), document, setAsDefault, VERSIONS_PER_POLICY, clock.millis());
            return iam.findPolicyVersion(a.accountId(), a.name(), id).orElseThrow();
        } catch (LimitException e) {
            throw new WharfException(ErrorCode.IAM_LIMIT_EXCEEDED, "A managed policy can have up to " + VERSIONS_PER_POLICY
                    + " versions. Before you create a new version, you must delete an existing version.");
        } catch (ConflictException e) {
            throw noSuchPolicy(policyArn);
        }
    }

    /** A version and whether it is the default. */
    public record Version(IamRows.PolicyVersion version, boolean isDefault) {}

    public Version getPolicyVersion(IamCaller c, String policyArn, String versionId) {
        entities.authorize(c, "iam:GetPolicyVersion", policyArn);
        Optional<ManagedPolicy> aws = ManagedPolicies.byArn(policyArn);
        if (aws.isPresent()) {
            if (!versionId.equals("v1")) throw noSuchVersion(policyArn, versionId);
            return new Version(new IamRows.PolicyVersion("v1", aws.get().json(), 0), true);
        }
        PolicyArn a = customerPolicy(c, policyArn);
        IamRows.Policy p = iam.findPolicy(a.accountId(), a.name()).orElseThrow(() -> noSuchPolicy(policyArn));
        IamRows.PolicyVersion v = iam.findPolicyVersion(a.accountId(), a.name(), versionId)
                .orElseThrow(() -> noSuchVersion(policyArn, versionId));
        return new Version(v, v.versionId().equals(p.defaultVersion()));
    }

    public List<Version> listPolicyVersions(IamCaller c, String policyArn) {
        entities.authorize(c, "iam:ListPolicyVersions", policyArn);
        Optional<ManagedPolicy> aws = ManagedPolicies.byArn(policyArn);
        if (aws.isPresent()) return List.of(new Version(new IamRows.PolicyVersion("v1", aws.get().json(), 0), true));
        PolicyArn a = customerPolicy(c, policyArn);
        IamRows.Policy p = iam.findPolicy(a.accountId(), a.name()).orElseThrow(() -> noSuchPolicy(policyArn));
        return iam.listPolicyVersions(a.accountId(), a.name()).stream()
                .map(v -> new Version(v, v.versionId().equals(p.defaultVersion()))).toList();
    }

    public void setDefaultPolicyVersion(IamCaller c, String policyArn, String versionId) {
        entities.authorize(c, "iam:SetDefaultPolicyVersion", policyArn);
        PolicyArn a = customerPolicy(c, policyArn);
        if (!iam.setDefaultPolicyVersion(a.accountId(), a.name(), versionId, clock.millis())) throw noSuchVersion(policyArn, versionId);
    }

    public void deletePolicyVersion(IamCaller c, String policyArn, String versionId) {
        entities.authorize(c, "iam:DeletePolicyVersion", policyArn);
        PolicyArn a = customerPolicy(c, policyArn);
        IamRows.Policy p = iam.findPolicy(a.accountId(), a.name()).orElseThrow(() -> noSuchPolicy(policyArn));
        if (p.defaultVersion().equals(versionId)) {
            throw new WharfException(ErrorCode.DELETE_CONFLICT, "Cannot delete the default version of a policy.");
        }
        if (!iam.deletePolicyVersion(a.accountId(), a.name(), versionId)) throw noSuchVersion(policyArn, versionId);
    }

    private Optional<Managed> findManaged(String policyArn) {
        Optional<ManagedPolicy> aws = ManagedPolicies.byArn(policyArn);
        if (aws.isPresent()) return Optional.of(awsManaged(aws.get()));
        return PolicyArn.parse(policyArn).flatMap(a -> iam.findPolicy(a.accountId(), a.name()))
                .filter(p -> PolicyArn.of(p.accountId(), p.path(), p.policyName()).equals(policyArn)).map(this::managed);
    }

    private PolicyArn customerPolicy(IamCaller c, String policyArn) {
        if (ManagedPolicies.byArn(policyArn).isPresent()) {
            throw new WharfException(ErrorCode.QUERY_ACCESS_DENIED, "User: " + c.principal().arn()
                    + " is not authorized to modify the AWS managed policy " + policyArn);
        }
        return PolicyArn.parse(policyArn).filter(a -> a.accountId().equals(account(c)))
                .filter(a -> iam.findPolicy(a.accountId(), a.name()).isPresent())
                .orElseThrow(() -> noSuchPolicy(policyArn));
    }

    private Managed awsManaged(ManagedPolicy m) {
        return new Managed(m.name(), m.policyId(), m.arn(), "/", null, "v1",
                iam.attachmentCount(m.arn()), m.createdAt().toEpochMilli(), m.updatedAt().toEpochMilli(), true);
    }

    private Managed managed(IamRows.Policy p) {
        String arn = PolicyArn.of(p.accountId(), p.path(), p.policyName());
        return new Managed(p.policyName(), p.policyId(), arn, p.path(), p.description(), p.defaultVersion(),
                iam.attachmentCount(arn), p.createdAt(), p.updatedAt(), false);
    }

    private static WharfException noSuchPolicy(String policyArn) {
        return new WharfException(ErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " does not exist or is not attachable.");
    }

    private static WharfException noSuchVersion(String policyArn, String versionId) {
        return new WharfException(ErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " version " + versionId + " does not exist or is not attachable.");
    }

    // ---------------------------------------------------------------- attachments and inline policies

    public void attachPolicy(IamCaller c, IamRows.Kind kind, String name, String policyArn) {
        entities.entity(c, kind, name, "iam:Attach" + kindWord(kind) + "Policy");
        if (findManaged(policyArn).filter(m -> m.awsManaged() || PolicyArn.parse(policyArn)
                .map(a -> a.accountId().equals(account(c))).orElse(false)).isEmpty()) {
            throw noSuchPolicy(policyArn);
        }
        iam.attach(account(c), kind, name, policyArn);
    }

    public void detachPolicy(IamCaller c, IamRows.Kind kind, String name, String policyArn) {
        entities.entity(c, kind, name, "iam:Detach" + kindWord(kind) + "Policy");
        if (!iam.detach(account(c), kind, name, policyArn)) {
            throw new WharfException(ErrorCode.NO_SUCH_ENTITY, "Policy " + policyArn + " was not found.");
        }
    }

    /** The attached policies as (name, ARN). */
    public List<Map.Entry<String, String>> listAttachedPolicies(IamCaller c, IamRows.Kind kind, String name, String pathPrefix) {
        entities.entity(c, kind, name, "iam:ListAttached" + kindWord(kind) + "Policies");
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String arn : iam.attachedPolicies(account(c), kind, name)) {
            findManaged(arn).filter(m -> pathPrefix == null || m.path().startsWith(pathPrefix))
                    .ifPresent(m -> out.add(Map.entry(m.name(), arn)));
        }
        return out;
    }

    public void putInlinePolicy(IamCaller c, IamRows.Kind kind, String name, String policyName, String document) {
        entities.entity(c, kind, name, "iam:Put" + kindWord(kind) + "Policy");
        validate(document, PolicyKind.IDENTITY);
        iam.putInlinePolicy(account(c), kind, name, policyName, document);
    }

    public String getInlinePolicy(IamCaller c, IamRows.Kind kind, String name, String policyName) {
        entities.entity(c, kind, name, "iam:Get" + kindWord(kind) + "Policy");
        return iam.inlinePolicy(account(c), kind, name, policyName).orElseThrow(() -> noSuchInline(kind, policyName));
    }

    public List<String> listInlinePolicies(IamCaller c, IamRows.Kind kind, String name) {
        entities.entity(c, kind, name, "iam:List" + kindWord(kind) + "Policies");
        return List.copyOf(iam.inlinePolicies(account(c), kind, name).keySet());
    }

    public void deleteInlinePolicy(IamCaller c, IamRows.Kind kind, String name, String policyName) {
        entities.entity(c, kind, name, "iam:Delete" + kindWord(kind) + "Policy");
        if (!iam.deleteInlinePolicy(account(c), kind, name, policyName)) throw noSuchInline(kind, policyName);
    }

    private static WharfException noSuchInline(IamRows.Kind kind, String policyName) {
        return new WharfException(ErrorCode.NO_SUCH_ENTITY, "The " + kindWord(kind).toLowerCase() + " policy with name "
                + policyName + " cannot be found.");
    }
}
