package dev.wharf.oci;

import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ECR's create on push: a push to a missing repository creates it when a CREATE_ON_PUSH creation template covers its name. */
class CreateOnPushTemplateTest {
    private static final byte[] BLOB = "created by a template".getBytes(StandardCharsets.UTF_8);
    private static final String LIFECYCLE = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\","
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5},\"action\":{\"type\":\"expire\"}}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"ecr:BatchGetImage\"}]}";

    private static HttpResponse<byte[]> push(TestServer s, String repository) {
        return OciClient.of(s).send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + OciClient.sha256(BLOB), Map.of(), BLOB);
    }

    private static Repository describe(EcrClient ecr, String name) {
        return ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().get(0);
    }

    @Test
    void aPushUnderACreateOnPushTemplateCreatesTheRepositoryWithEveryTemplateSetting() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepositoryCreationTemplate(r -> r.prefix("team").appliedForWithStrings("CREATE_ON_PUSH").imageTagMutability("IMMUTABLE")
                    .encryptionConfiguration(e -> e.encryptionType("KMS").kmsKey("arn:aws:kms:us-east-1:111122223333:key/k-1"))
                    .resourceTags(t -> t.key("owner").value("team")).repositoryPolicy(POLICY).lifecyclePolicy(LIFECYCLE));

            assertThat(push(s, "team/app").statusCode()).isEqualTo(201);

            Repository repo = describe(ecr, "team/app");
            assertThat(repo.imageTagMutabilityAsString()).isEqualTo("IMMUTABLE");
            assertThat(repo.encryptionConfiguration().encryptionTypeAsString()).isEqualTo("KMS");
            assertThat(repo.encryptionConfiguration().kmsKey()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/k-1");
            assertThat(ecr.listTagsForResource(r -> r.resourceArn(repo.repositoryArn())).tags())
                    .singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("owner=team"));
            assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName("team/app")).policyText()).isEqualTo(POLICY);
            assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("team/app")).lifecyclePolicyText()).isEqualTo(LIFECYCLE);
        }
    }

    @Test
    void theLongestMatchingPrefixWinsAndRootCoversTheRest() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepositoryCreationTemplate(r -> r.prefix("ROOT").appliedForWithStrings("CREATE_ON_PUSH").imageTagMutability("MUTABLE"));
            ecr.createRepositoryCreationTemplate(r -> r.prefix("team").appliedForWithStrings("CREATE_ON_PUSH")
                    .imageTagMutability("MUTABLE_WITH_EXCLUSION").imageTagMutabilityExclusionFilters(f -> f.filterType("WILDCARD").filter("v*")));
            ecr.createRepositoryCreationTemplate(r -> r.prefix("team/backend").appliedForWithStrings("CREATE_ON_PUSH").imageTagMutability("IMMUTABLE"));

            for (String name : new String[]{"team/backend/api", "team/web", "teamwork/app", "solo"}) {
                assertThat(push(s, name).statusCode()).as(name).isEqualTo(201);
            }
            assertThat(describe(ecr, "team/backend/api").imageTagMutabilityAsString()).isEqualTo("IMMUTABLE");
            assertThat(describe(ecr, "team/web").imageTagMutabilityAsString()).isEqualTo("MUTABLE_WITH_EXCLUSION");
            assertThat(describe(ecr, "teamwork/app").imageTagMutabilityAsString()).as("a prefix is a namespace, not a string prefix")
                    .isEqualTo("MUTABLE");
            assertThat(describe(ecr, "solo").imageTagMutabilityAsString()).isEqualTo("MUTABLE");
        }
    }

    @Test
    void aTemplateForOtherScenariosDoesNotCreateOnPush() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepositoryCreationTemplate(r -> r.prefix("ROOT").appliedForWithStrings("PULL_THROUGH_CACHE", "REPLICATION"));
            var r = push(s, "not/created");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("NAME_UNKNOWN");
        }
    }

    @Test
    void aCreateOnPushTemplateNeverCreatesOnAPull() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.createRepositoryCreationTemplate(r -> r.prefix("ROOT").appliedForWithStrings("CREATE_ON_PUSH"));
            assertThat(OciClient.of(s).send("GET", "/v2/pulled/only/manifests/latest").statusCode()).isEqualTo(404);
            assertThat(ecr.describeRepositories().repositories()).isEmpty();
        }
    }

    @Test
    void aTemplateTakesPrecedenceOverTheOperatorDefault() {
        try (TestServer s = TestServer.start(Map.of("WHARF_CREATE_ON_PUSH", "true")); EcrClient ecr = s.ecr()) {
            ecr.createRepositoryCreationTemplate(r -> r.prefix("locked").appliedForWithStrings("CREATE_ON_PUSH").imageTagMutability("IMMUTABLE"));
            assertThat(push(s, "locked/app").statusCode()).isEqualTo(201);
            assertThat(push(s, "open/app").statusCode()).isEqualTo(201);
            assertThat(describe(ecr, "locked/app").imageTagMutabilityAsString()).isEqualTo("IMMUTABLE");
            assertThat(describe(ecr, "open/app").imageTagMutabilityAsString()).isEqualTo("MUTABLE");
        }
    }
}
