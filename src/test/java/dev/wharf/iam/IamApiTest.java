package dev.wharf.iam;

import dev.wharf.testing.WharfTest;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The IAM Query API through the AWS SDK v2 IamClient. */
@WharfTest
class IamApiTest {
    static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
    static final String ALLOW_PULL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"],\"Resource\":\"*\"}]}";
    static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    static TestServer server;
    static IamClient iam;

    @BeforeAll
    static void start(TestServer s, IamClient i) {
        server = s;
        iam = i;
    }

    @Test
    void aCreatedUserIsGotListedTaggedAndDeleted() {
        var created = iam.createUser(r -> r.userName("alice").path("/team/").tags(Tag.builder().key("team").value("a").build())).user();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::111122223333:user/team/alice");
        assertThat(created.userId()).startsWith("AIDA");
        var got = iam.getUser(r -> r.userName("alice")).user();
        assertThat(got.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(iam.listUsers(r -> {}).users()).extracting(u -> u.userName()).contains("alice");
        iam.tagUser(r -> r.userName("alice").tags(Tag.builder().key("cost").value("1").build()));
        assertThat(iam.listUserTags(r -> r.userName("alice")).tags()).extracting(Tag::key).containsExactly("cost", "team");
        iam.untagUser(r -> r.userName("alice").tagKeys("cost"));
        iam.deleteUser(r -> r.userName("alice"));
        assertThatThrownBy(() -> iam.getUser(r -> r.userName("alice")))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The user with name alice cannot be found.")
                .satisfies(e -> assertThat(((IamException) e).statusCode()).isEqualTo(404));
    }

    @Test
    void aSecondUserOfTheSameNameIsEntityAlreadyExists() {
        iam.createUser(r -> r.userName("bob"));
        assertThatThrownBy(() -> iam.createUser(r -> r.userName("bob")))
                .isInstanceOf(EntityAlreadyExistsException.class)
                .satisfies(e -> assertThat(((IamException) e).statusCode()).isEqualTo(409));
    }

    @Test
    void accessKeysAreCreatedListedDeactivatedAndLimitedToTwo() {
        iam.createUser(r -> r.userName("carol"));
        var k1 = iam.createAccessKey(r -> r.userName("carol")).accessKey();
        assertThat(k1.accessKeyId()).startsWith("AKIA");
        assertThat(k1.secretAccessKey()).hasSize(40);
        iam.createAccessKey(r -> r.userName("carol"));
        assertThatThrownBy(() -> iam.createAccessKey(r -> r.userName("carol")))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("AccessKeysPerUser: 2");
        iam.updateAccessKey(r -> r.userName("carol").accessKeyId(k1.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(iam.listAccessKeys(r -> r.userName("carol")).accessKeyMetadata())
                .filteredOn(m -> m.accessKeyId().equals(k1.accessKeyId())).extracting(m -> m.status())
                .containsExactly(StatusType.INACTIVE);
        assertThatThrownBy(() -> iam.deleteUser(r -> r.userName("carol")))
                .isInstanceOf(DeleteConflictException.class).hasMessageContaining("must delete access keys first");
    }

    @Test
    void groupsHoldMembersAndTheirPolicies() {
        iam.createUser(r -> r.userName("dave"));
        iam.createGroup(r -> r.groupName("readers"));
        iam.addUserToGroup(r -> r.groupName("readers").userName("dave"));
        iam.attachGroupPolicy(r -> r.groupName("readers").policyArn(READ_ONLY));
        iam.putGroupPolicy(r -> r.groupName("readers").policyName("pull").policyDocument(ALLOW_PULL));
        assertThat(iam.getGroup(r -> r.groupName("readers")).users()).extracting(u -> u.userName()).containsExactly("dave");
        assertThat(iam.listGroupsForUser(r -> r.userName("dave")).groups()).extracting(g -> g.groupName()).containsExactly("readers");
        assertThat(iam.listAttachedGroupPolicies(r -> r.groupName("readers")).attachedPolicies())
                .extracting(p -> p.policyName()).containsExactly("AmazonEC2ContainerRegistryReadOnly");
        assertThat(iam.listGroupPolicies(r -> r.groupName("readers")).policyNames()).containsExactly("pull");
        assertThat(URLDecoder.decode(iam.getGroupPolicy(r -> r.groupName("readers").policyName("pull")).policyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(ALLOW_PULL);
        assertThatThrownBy(() -> iam.deleteGroup(r -> r.groupName("readers"))).isInstanceOf(DeleteConflictException.class);
    }

    @Test
    void rolesKeepTheirTrustPolicyAndMaximumSessionDuration() {
        var role = iam.createRole(r -> r.roleName("puller").assumeRolePolicyDocument(TRUST_ACCOUNT).maxSessionDuration(7200)).role();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::111122223333:role/puller");
        assertThat(role.roleId()).startsWith("AROA");
        var got = iam.getRole(r -> r.roleName("puller")).role();
        assertThat(got.maxSessionDuration()).isEqualTo(7200);
        assertThat(URLDecoder.decode(got.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TRUST_ACCOUNT);
        String other = TRUST_ACCOUNT.replace("111122223333:root", "111122223333:user/bob");
        iam.updateAssumeRolePolicy(r -> r.roleName("puller").policyDocument(other));
        assertThat(URLDecoder.decode(iam.getRole(r -> r.roleName("puller")).role().assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .isEqualTo(other);
        iam.attachRolePolicy(r -> r.roleName("puller").policyArn(READ_ONLY));
        iam.putRolePolicy(r -> r.roleName("puller").policyName("extra").policyDocument(ALLOW_PULL));
        assertThat(iam.listRolePolicies(r -> r.roleName("puller")).policyNames()).containsExactly("extra");
        iam.tagRole(r -> r.roleName("puller").tags(Tag.builder().key("env").value("prod").build()));
        assertThat(iam.listRoleTags(r -> r.roleName("puller")).tags()).extracting(Tag::value).containsExactly("prod");
        assertThat(iam.listRoles(r -> {}).roles()).extracting(r -> r.roleName()).contains("puller");
    }

    @Test
    void aTrustPolicyWithAResourceIsMalformed() {
        String bad = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("bad").assumeRolePolicyDocument(bad)))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Resource");
    }

    @Test
    void managedPoliciesHaveVersionsWithOneDefault() {
        String arn = iam.createPolicy(r -> r.policyName("pull").policyDocument(ALLOW_PULL)).policy().arn();
        assertThat(arn).isEqualTo("arn:aws:iam::111122223333:policy/pull");
        String v2doc = ALLOW_PULL.replace("ecr:GetDownloadUrlForLayer", "ecr:ListImages");
        var v2 = iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(v2doc).setAsDefault(true)).policyVersion();
        assertThat(v2.versionId()).isEqualTo("v2");
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v2");
        assertThat(URLDecoder.decode(iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v2")).policyVersion().document(),
                StandardCharsets.UTF_8)).isEqualTo(v2doc);
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v1"));
        assertThat(iam.listPolicyVersions(r -> r.policyArn(arn)).versions()).extracting(v -> v.versionId() + "=" + v.isDefaultVersion())
                .containsExactly("v1=true", "v2=false");
        for (int i = 0; i < 3; i++) iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(ALLOW_PULL));
        assertThatThrownBy(() -> iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(ALLOW_PULL)))
                .isInstanceOf(LimitExceededException.class);
        iam.createUser(r -> r.userName("erin"));
        iam.attachUserPolicy(r -> r.userName("erin").policyArn(arn));
        assertThatThrownBy(() -> iam.deletePolicy(r -> r.policyArn(arn))).isInstanceOf(DeleteConflictException.class);
        iam.detachUserPolicy(r -> r.userName("erin").policyArn(arn));
        iam.deletePolicy(r -> r.policyArn(arn));
    }

    @Test
    void theThreeEcrManagedPoliciesExistWithTheGuidesStatements() {
        var aws = iam.listPolicies(r -> r.scope("AWS")).policies();
        assertThat(aws).extracting(p -> p.arn()).containsExactlyInAnyOrder(
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser",
                READ_ONLY);
        String doc = URLDecoder.decode(iam.getPolicyVersion(r -> r.policyArn(READ_ONLY).versionId("v1")).policyVersion().document(),
                StandardCharsets.UTF_8);
        assertThat(doc).contains("ecr:GetAuthorizationToken").doesNotContain("ecr:PutImage");
    }

    @Test
    void anInlinePolicyThatIsNotJsonIsMalformed() {
        iam.createUser(r -> r.userName("frank"));
        assertThatThrownBy(() -> iam.putUserPolicy(r -> r.userName("frank").policyName("x").policyDocument("{not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .satisfies(e -> assertThat(((IamException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void listsArePagedWithMarkers() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            iam.createGroup(r -> r.groupName("page-" + n));
        }
        var first = iam.listGroups(r -> r.pathPrefix("/").maxItems(3));
        assertThat(first.isTruncated()).isTrue();
        var rest = iam.listGroups(r -> r.marker(first.marker()).maxItems(100));
        assertThat(rest.isTruncated()).isFalse();
        assertThat(first.groups().size() + rest.groups().size()).isEqualTo(iam.listGroups(r -> {}).groups().size());
    }

    @Test
    void thePolicySimulatorDecidesAsTheEnforcementDoes() {
        iam.createUser(r -> r.userName("gina"));
        iam.attachUserPolicy(r -> r.userName("gina").policyArn(READ_ONLY));
        iam.putUserPolicy(r -> r.userName("gina").policyName("no-list").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ecr:ListImages\",\"Resource\":\"*\"}]}"));
        var results = iam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::111122223333:user/gina")
                .actionNames("ecr:BatchGetImage", "ecr:PutImage", "ecr:ListImages")
                .resourceArns("arn:aws:ecr:us-east-1:111122223333:repository/app")).evaluationResults();
        assertThat(results).extracting(e -> e.evalActionName() + "=" + e.evalDecision()).containsExactly(
                "ecr:BatchGetImage=" + PolicyEvaluationDecisionType.ALLOWED,
                "ecr:PutImage=" + PolicyEvaluationDecisionType.IMPLICIT_DENY,
                "ecr:ListImages=" + PolicyEvaluationDecisionType.EXPLICIT_DENY);
        var custom = iam.simulateCustomPolicy(r -> r.policyInputList(ALLOW_PULL).actionNames("ecr:BatchGetImage", "ecr:PutImage"))
                .evaluationResults();
        assertThat(custom).extracting(e -> e.evalDecision()).containsExactly(
                PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }
}
