package dev.wharf.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.wharf.policy.Fixtures.ACCOUNT;
import static dev.wharf.policy.Fixtures.ALICE;
import static dev.wharf.policy.Fixtures.CAROL_ELSEWHERE;
import static dev.wharf.policy.Fixtures.DEPLOYER;
import static dev.wharf.policy.Fixtures.OTHER_ROOT;
import static dev.wharf.policy.Fixtures.REPO_ARN;
import static dev.wharf.policy.Fixtures.ROOT;
import static dev.wharf.policy.Fixtures.ctx;
import static dev.wharf.policy.Fixtures.decide;
import static dev.wharf.policy.Fixtures.identityStatement;
import static org.assertj.core.api.Assertions.assertThat;

class DecisionTest {

    private static PolicyDocument guide(String name) {
        return PolicyDocument.parse(PolicyCorpusTest.load(name), PolicyKind.RESOURCE);
    }

    private static Principal user(String name) {
        return Principal.user(ACCOUNT, name, "AIDA" + name.toUpperCase(java.util.Locale.ROOT).replace("-", ""), Map.of());
    }

    @Test
    void explicitDenyBeatsAllowInAnotherPolicy() {
        AuthorizationDecision d = decide(ctx(ALICE, "ecr:PutImage"),
                List.of(identityStatement("Allow", "ecr:*", "*"), identityStatement("Deny", "ecr:Put*", REPO_ARN)), List.of());
        assertThat(d.allowed()).isFalse();
        assertThat(d.denialReason()).isEqualTo("with an explicit deny in an identity-based policy");
    }

    @Test
    void noPolicyMeansImplicitDenyWithAwsMessage() {
        AuthorizationDecision d = decide(ctx(ALICE, "ecr:InitiateLayerUpload"), List.of(), List.of());
        assertThat(d.allowed()).isFalse();
        assertThat(d.message("ecr:InitiateLayerUpload", REPO_ARN)).isEqualTo(
                "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ecr:InitiateLayerUpload"
                        + " on resource: " + REPO_ARN + " because no identity-based policy allows the ecr:InitiateLayerUpload action");
    }

    @Test
    void identityAllowSufficesWithinTheAccount() {
        assertThat(decide(ctx(ALICE, "ecr:PutImage"), List.of(identityStatement("Allow", "ecr:*", "*")), List.of()).allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability",
            "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"})
    void guideAllowIamUsersWithinYourAccountLetsNamedUsersPushAndPull(String action) {
        PolicyDocument repo = guide("resource-guide-allow-users-push-pull.json");
        assertThat(decide(ctx(user("push-pull-user-1"), action), List.of(), List.of(repo)).allowed()).isTrue();
        assertThat(decide(ctx(user("push-pull-user-2"), action), List.of(), List.of(repo)).allowed()).isTrue();
        assertThat(decide(ctx(user("someone-else"), action), List.of(), List.of(repo)).allowed()).isFalse();
    }

    @Test
    void guideAllowIamUsersWithinYourAccountDoesNotGrantDelete() {
        PolicyDocument repo = guide("resource-guide-allow-users-push-pull.json");
        assertThat(decide(ctx(user("push-pull-user-1"), "ecr:BatchDeleteImage"), List.of(), List.of(repo)).allowed()).isFalse();
    }

    @Test
    void guideAllowOtherAccountLetsItPushWhenItsIdentityPolicyAllows() {
        PolicyDocument repo = guide("resource-guide-allow-other-account-push.json");
        PolicyDocument carolPolicy = identityStatement("Allow", "ecr:*", "*");
        assertThat(decide(ctx(CAROL_ELSEWHERE, "ecr:PutImage"), List.of(carolPolicy), List.of(repo)).allowed()).isTrue();
        assertThat(decide(ctx(OTHER_ROOT, "ecr:PutImage"), List.of(), List.of(repo)).allowed()).isTrue();
    }

    @Test
    void crossAccountNeedsTheIdentitySideToo() {
        PolicyDocument repo = guide("resource-guide-allow-other-account-push.json");
        AuthorizationDecision d = decide(ctx(CAROL_ELSEWHERE, "ecr:PutImage"), List.of(), List.of(repo));
        assertThat(d.allowed()).isFalse();
        assertThat(d.denialReason()).isEqualTo("because no identity-based policy allows the ecr:PutImage action");
    }

    @Test
    void crossAccountWithoutRepositoryPolicyIsDeniedByTheResourceSide() {
        AuthorizationDecision d = decide(ctx(CAROL_ELSEWHERE, "ecr:BatchGetImage"),
                List.of(ManagedPolicies.FULL_ACCESS.document()), List.of());
        assertThat(d.allowed()).isFalse();
        assertThat(d.denialReason()).isEqualTo("because no resource-based policy allows the ecr:BatchGetImage action");
        assertThat(d.message("ecr:BatchGetImage", REPO_ARN)).startsWith(
                "User: arn:aws:iam::444455556666:user/carol is not authorized to perform: ecr:BatchGetImage on resource: ");
    }

    @Test
    void guideAllowOtherAccountDoesNotLetItPull() {
        PolicyDocument repo = guide("resource-guide-allow-other-account-push.json");
        assertThat(decide(ctx(CAROL_ELSEWHERE, "ecr:BatchGetImage"), List.of(identityStatement("Allow", "ecr:*", "*")),
                List.of(repo)).allowed()).isFalse();
    }

    @Test
    void guideAllowAllAccountsToPullLetsAnyAccountPullButNotPush() {
        PolicyDocument repo = guide("resource-guide-allow-all-pull.json");
        List<PolicyDocument> carolPolicies = List.of(identityStatement("Allow", "ecr:*", "*"));
        assertThat(decide(ctx(CAROL_ELSEWHERE, "ecr:BatchGetImage"), carolPolicies, List.of(repo)).allowed()).isTrue();
        assertThat(decide(ctx(CAROL_ELSEWHERE, "ecr:PutImage"), carolPolicies, List.of(repo)).allowed()).isFalse();
        assertThat(decide(ctx(ALICE, "ecr:BatchGetImage"), List.of(), List.of(repo)).allowed()).isTrue();
    }

    @Test
    void guidePullUsersAndAdminGivesPullToSomeAndEverythingToTheAdmin() {
        PolicyDocument repo = guide("resource-guide-pull-users-and-admin.json");
        assertThat(decide(ctx(user("pull-user-1"), "ecr:BatchGetImage"), List.of(), List.of(repo)).allowed()).isTrue();
        assertThat(decide(ctx(user("pull-user-2"), "ecr:PutImage"), List.of(), List.of(repo)).allowed()).isFalse();
        assertThat(decide(ctx(user("admin-user"), "ecr:DeleteRepository"), List.of(), List.of(repo)).allowed()).isTrue();
        assertThat(decide(ctx(user("admin-user"), "ecr:SetRepositoryPolicy"), List.of(), List.of(repo)).allowed()).isTrue();
    }

    @Test
    void guideDenyAllPullBeatsFullAccessAndEvenRoot() {
        PolicyDocument repo = guide("resource-guide-deny-all-pull.json");
        AuthorizationDecision d = decide(ctx(ALICE, "ecr:BatchGetImage"), List.of(ManagedPolicies.FULL_ACCESS.document()), List.of(repo));
        assertThat(d.allowed()).isFalse();
        assertThat(d.denialReason()).isEqualTo("with an explicit deny in a resource-based policy");
        assertThat(decide(ctx(ROOT, "ecr:BatchGetImage"), List.of(), List.of(repo)).allowed()).isFalse();
        assertThat(decide(ctx(ALICE, "ecr:PutImage"), List.of(ManagedPolicies.FULL_ACCESS.document()), List.of(repo)).allowed()).isTrue();
    }

    @Test
    void rootIsAllowedEverythingInItsOwnAccount() {
        assertThat(decide(ctx(ROOT, "ecr:DeleteRepository"), List.of(), List.of()).allowed()).isTrue();
    }

    @Test
    void otherAccountsRootStillNeedsTheRepositoryPolicy() {
        assertThat(decide(ctx(OTHER_ROOT, "ecr:BatchGetImage"), List.of(), List.of()).denialReason())
                .isEqualTo("because no resource-based policy allows the ecr:BatchGetImage action");
    }

    @Test
    void repositoryPolicyNamingOnlyTheOwnAccountGrantsNothingByItself() {
        PolicyDocument repo = Fixtures.resource("""
                {"Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "ecr:*"}}
                """);
        assertThat(decide(ctx(ALICE, "ecr:BatchGetImage"), List.of(), List.of(repo)).allowed()).isFalse();
        assertThat(decide(ctx(ALICE, "ecr:BatchGetImage"), List.of(identityStatement("Allow", "ecr:BatchGetImage", "*")),
                List.of(repo)).allowed()).isTrue();
    }

    @Test
    void accountPrincipalMatchesEveryPrincipalOfThatAccountForDeny() {
        PolicyDocument repo = Fixtures.resource("""
                {"Statement": {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "ecr:Put*"}}
                """);
        assertThat(decide(ctx(DEPLOYER, "ecr:PutImage"), List.of(identityStatement("Allow", "ecr:*", "*")), List.of(repo))
                .denialReason()).isEqualTo("with an explicit deny in a resource-based policy");
    }

    @Test
    void roleArnInRepositoryPolicyMatchesSessionsOfThatRole() {
        PolicyDocument repo = Fixtures.resource("""
                {"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/deployer"},
                 "Action": "ecr:PutImage"}}
                """);
        assertThat(decide(ctx(DEPLOYER, "ecr:PutImage"), List.of(), List.of(repo)).allowed()).isTrue();
        Principal otherRole = Principal.assumedRole(ACCOUNT, "reader", "s", "AROAREAD", Map.of());
        assertThat(decide(ctx(otherRole, "ecr:PutImage"), List.of(), List.of(repo)).allowed()).isFalse();
    }

    @Test
    void notPrincipalDenyExemptsTheNamedPrincipal() {
        PolicyDocument repo = Fixtures.resource("""
                {"Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"},
                 "Action": "ecr:BatchDeleteImage"}}
                """);
        List<PolicyDocument> full = List.of(ManagedPolicies.FULL_ACCESS.document());
        assertThat(decide(ctx(ALICE, "ecr:BatchDeleteImage"), full, List.of(repo)).allowed()).isTrue();
        assertThat(decide(ctx(Fixtures.BOB, "ecr:BatchDeleteImage"), full, List.of(repo)).allowed()).isFalse();
    }

    @Test
    void statementWhoseConditionFailsIsNotApplicableRatherThanDeny() {
        PolicyDocument doc = Fixtures.identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecr:*", "Resource": "*",
                 "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}}
                """);
        assertThat(new Evaluator().evaluate(doc, ctx(ALICE, "ecr:PutImage").withKey("aws:SourceIp", "192.0.2.1")))
                .isEqualTo(Effect3.NOT_APPLICABLE);
    }

    @Test
    void notActionAllowsEverythingElse() {
        PolicyDocument doc = Fixtures.identity("""
                {"Statement": {"Effect": "Allow", "NotAction": ["ecr:Delete*", "ecr:SetRepositoryPolicy"], "Resource": "*"}}
                """);
        Evaluator ev = new Evaluator();
        assertThat(ev.evaluate(doc, ctx(ALICE, "ecr:PutImage"))).isEqualTo(Effect3.ALLOW);
        assertThat(ev.evaluate(doc, ctx(ALICE, "ecr:DeleteRepository"))).isEqualTo(Effect3.NOT_APPLICABLE);
    }

    @Test
    void anonymousCallerNeedsAPublicRepositoryPolicy() {
        PolicyDocument repo = guide("resource-guide-allow-all-pull.json");
        RequestContext anon = ctx(Principal.anonymous(), "ecr:BatchGetImage");
        assertThat(decide(anon, List.of(), List.of(repo)).allowed()).isTrue();
        assertThat(decide(anon, List.of(), List.of()).denialReason())
                .isEqualTo("because no resource-based policy allows the ecr:BatchGetImage action");
    }

    @Test
    void allowedDecisionHasNoReason() {
        AuthorizationDecision d = decide(ctx(ROOT, "ecr:PutImage"), List.of(), List.of());
        assertThat(d.allowed()).isTrue();
        assertThat(d.denialReason()).isEmpty();
    }
}
