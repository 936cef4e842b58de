package dev.wharf.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.wharf.policy.Fixtures.ALICE;
import static dev.wharf.policy.Fixtures.ctx;
import static dev.wharf.policy.Fixtures.decide;
import static org.assertj.core.api.Assertions.assertThat;

class ManagedPoliciesTest {

    @Test
    void managedPoliciesHaveAwsArnsAndParseAsIdentityPolicies() {
        assertThat(ManagedPolicies.all()).extracting(ManagedPolicy::arn).containsExactly(
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
        ManagedPolicies.all().forEach(p -> assertThat(p.document().version()).isEqualTo(PolicyVersion.V2012_10_17));
        assertThat(ManagedPolicies.byArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"))
                .contains(ManagedPolicies.READ_ONLY);
    }

    @Test
    void readOnlyDocumentIsTheGuidesTextWordForWord() {
        assertThat(ManagedPolicies.READ_ONLY.json()).startsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n")
                .contains("        \"ecr:GetAuthorizationToken\",\n        \"ecr:BatchCheckLayerAvailability\",\n");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            AmazonEC2ContainerRegistryFullAccess, ecr:DeleteRepository,     true
            AmazonEC2ContainerRegistryFullAccess, ecr:SetRepositoryPolicy,  true
            AmazonEC2ContainerRegistryPowerUser,  ecr:PutImage,             true
            AmazonEC2ContainerRegistryPowerUser,  ecr:GetAuthorizationToken, true
            AmazonEC2ContainerRegistryPowerUser,  ecr:DeleteRepository,     false
            AmazonEC2ContainerRegistryPowerUser,  ecr:SetRepositoryPolicy,  false
            AmazonEC2ContainerRegistryReadOnly,   ecr:BatchGetImage,        true
            AmazonEC2ContainerRegistryReadOnly,   ecr:ListImages,           true
            AmazonEC2ContainerRegistryReadOnly,   ecr:PutImage,             false
            AmazonEC2ContainerRegistryReadOnly,   ecr:InitiateLayerUpload,  false
            """)
    void managedPolicyGrantsExactlyItsActions(String name, String action, boolean allowed) {
        ManagedPolicy p = ManagedPolicies.byArn("arn:aws:iam::aws:policy/" + name).orElseThrow();
        assertThat(decide(ctx(ALICE, action), List.of(p.document()), List.of()).allowed()).isEqualTo(allowed);
    }

    @Test
    void presetsBuildRepositoryPoliciesThatGrantTheirActions() {
        String json = RepositoryPolicyPresets.allow("AllowPull", List.of("arn:aws:iam::111122223333:user/alice"),
                RepositoryPolicyPresets.PULL_ONLY_ACTIONS);
        PolicyDocument repo = PolicyDocument.parse(json, PolicyKind.RESOURCE);
        assertThat(repo.version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(decide(ctx(ALICE, "ecr:BatchGetImage"), List.of(), List.of(repo)).allowed()).isTrue();
        assertThat(decide(ctx(ALICE, "ecr:PutImage"), List.of(), List.of(repo)).allowed()).isFalse();
    }

    @Test
    void presetsAreTheGuidesActionLists() {
        assertThat(RepositoryPolicyPresets.ALL_ACTIONS).containsExactly("ecr:*");
        assertThat(RepositoryPolicyPresets.PUSH_PULL_ACTIONS).hasSize(7).containsAll(RepositoryPolicyPresets.PULL_ONLY_ACTIONS);
        assertThat(RepositoryPolicyPresets.PULL_ONLY_ACTIONS).containsExactly(
                "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability");
        String everyone = RepositoryPolicyPresets.repositoryPolicy("DenyPush", StatementEffect.DENY, List.of("*"),
                RepositoryPolicyPresets.ALL_ACTIONS);
        assertThat(PolicyDocument.parse(everyone, PolicyKind.RESOURCE).statements().get(0).principal().everyone()).isTrue();
    }
}
