package dev.wharf.ecr;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryCreationTemplateRequest;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.TemplateAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.TemplateNotFoundException;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The four creation-template operations through the AWS SDK: the round trip and ECR's validation, error for error. */
class CreationTemplateOperationsTest {
    private static final String LIFECYCLE = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\","
            + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":[\"ecr:BatchGetImage\"]}]}";
    private static TestServer server;
    private static EcrClient ecr;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = server.ecr();
    }

    @AfterAll
    static void stop() {
        ecr.close();
        server.close();
    }

    @Test
    void aTemplateIsCreatedDescribedUpdatedAndDeletedWithEverySetting() {
        RepositoryCreationTemplate created = ecr.createRepositoryCreationTemplate(r -> r.prefix("roundtrip/team")
                .description("team repositories").appliedForWithStrings("CREATE_ON_PUSH", "REPLICATION")
                .imageTagMutability("IMMUTABLE_WITH_EXCLUSION").imageTagMutabilityExclusionFilters(f -> f.filterType("WILDCARD").filter("latest"))
                .encryptionConfiguration(e -> e.encryptionType("KMS").kmsKey("arn:aws:kms:us-east-1:111122223333:key/abcd-1234"))
                .resourceTags(t -> t.key("team").value("a")).repositoryPolicy(POLICY).lifecyclePolicy(LIFECYCLE)
                .customRoleArn("arn:aws:iam::111122223333:role/ecr-templates")).repositoryCreationTemplate();
        assertThat(created.prefix()).isEqualTo("roundtrip/team");
        assertThat(created.appliedForAsStrings()).containsExactly("CREATE_ON_PUSH", "REPLICATION");
        assertThat(created.imageTagMutabilityExclusionFilters()).singleElement().satisfies(f -> assertThat(f.filter()).isEqualTo("latest"));
        assertThat(created.encryptionConfiguration().kmsKey()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/abcd-1234");
        assertThat(created.resourceTags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("a"));
        assertThat(created.repositoryPolicy()).isEqualTo(POLICY);
        assertThat(created.lifecyclePolicy()).isEqualTo(LIFECYCLE);
        assertThat(created.customRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/ecr-templates");
        assertThat(created.createdAt()).isNotNull();

        var described = ecr.describeRepositoryCreationTemplates(r -> r.prefixes("roundtrip/team/"));
        assertThat(described.registryId()).isEqualTo(TestServer.ACCOUNT);
        assertThat(described.repositoryCreationTemplates()).singleElement().isEqualTo(created);

        RepositoryCreationTemplate updated = ecr.updateRepositoryCreationTemplate(r -> r.prefix("roundtrip/team")
                .imageTagMutability("MUTABLE").appliedForWithStrings("PULL_THROUGH_CACHE")).repositoryCreationTemplate();
        assertThat(updated.imageTagMutabilityAsString()).isEqualTo("MUTABLE");
        assertThat(updated.imageTagMutabilityExclusionFilters()).isEmpty();
        assertThat(updated.appliedForAsStrings()).containsExactly("PULL_THROUGH_CACHE");
        assertThat(updated.description()).isEqualTo("team repositories");
        assertThat(updated.lifecyclePolicy()).isEqualTo(LIFECYCLE);

        assertThat(ecr.deleteRepositoryCreationTemplate(r -> r.prefix("roundtrip/team")).repositoryCreationTemplate().prefix())
                .isEqualTo("roundtrip/team");
        assertThat(ecr.describeRepositoryCreationTemplates(r -> r.prefixes("roundtrip/team")).repositoryCreationTemplates()).isEmpty();
    }

    @Test
    void aSecondTemplateForOnePrefixIsTemplateAlreadyExists() {
        ecr.createRepositoryCreationTemplate(r -> r.prefix("twice").appliedForWithStrings("CREATE_ON_PUSH"));
        assertThatThrownBy(() -> ecr.createRepositoryCreationTemplate(r -> r.prefix("twice/").appliedForWithStrings("REPLICATION")))
                .isInstanceOf(TemplateAlreadyExistsException.class).hasMessageContaining("twice");
        ecr.deleteRepositoryCreationTemplate(r -> r.prefix("twice"));
    }

    @Test
    void updatingOrDeletingAMissingTemplateIsTemplateNotFound() {
        assertThatThrownBy(() -> ecr.updateRepositoryCreationTemplate(r -> r.prefix("absent").imageTagMutability("IMMUTABLE")))
                .isInstanceOf(TemplateNotFoundException.class).hasMessageContaining("absent");
        assertThatThrownBy(() -> ecr.deleteRepositoryCreationTemplate(r -> r.prefix("absent")))
                .isInstanceOf(TemplateNotFoundException.class);
    }

    @Test
    void describeWithoutPrefixesPagesThroughEveryTemplateInPrefixOrder() {
        for (String p : new String[]{"page/c", "page/a", "ROOT", "page/b"}) {
            ecr.createRepositoryCreationTemplate(r -> r.prefix(p).appliedForWithStrings("REPLICATION"));
        }
        var first = ecr.describeRepositoryCreationTemplates(r -> r.maxResults(2));
        assertThat(first.repositoryCreationTemplates()).extracting(RepositoryCreationTemplate::prefix).containsExactly("ROOT", "page/a");
        var rest = ecr.describeRepositoryCreationTemplates(r -> r.nextToken(first.nextToken()));
        assertThat(rest.repositoryCreationTemplates()).extracting(RepositoryCreationTemplate::prefix).containsExactly("page/b", "page/c");
        assertThat(rest.nextToken()).isNull();
        for (String p : new String[]{"page/c", "page/a", "ROOT", "page/b"}) ecr.deleteRepositoryCreationTemplate(r -> r.prefix(p));
    }

    static Stream<Object[]> invalidRequests() {
        return Stream.of(
                new Object[]{"an upper-case prefix", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("Team").appliedForWithStrings("REPLICATION"), "prefix"},
                new Object[]{"a prefix with a leading slash", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("/team").appliedForWithStrings("REPLICATION"), "prefix"},
                new Object[]{"no appliedFor", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x"), "appliedFor"},
                new Object[]{"an empty appliedFor", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x").appliedForWithStrings(), "appliedFor"},
                new Object[]{"an unknown appliedFor", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x").appliedForWithStrings("ON_PULL"), "appliedFor"},
                new Object[]{"exclusions without an _WITH_EXCLUSION mutability", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x")
                        .appliedForWithStrings("REPLICATION").imageTagMutability("IMMUTABLE").imageTagMutabilityExclusionFilters(f -> f.filterType("WILDCARD").filter("a*")), "imageTagMutabilityExclusionFilters"},
                new Object[]{"a KMS key with AES256", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x").appliedForWithStrings("REPLICATION")
                        .encryptionConfiguration(e -> e.encryptionType("AES256").kmsKey("arn:aws:kms:us-east-1:111122223333:key/abc")), "kmsKey"},
                new Object[]{"a KMS key that is not a key ARN", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x").appliedForWithStrings("REPLICATION")
                        .encryptionConfiguration(e -> e.encryptionType("KMS").kmsKey("my-key")), "kmsKey"},
                new Object[]{"a repository policy that is not a policy", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x")
                        .appliedForWithStrings("REPLICATION").repositoryPolicy("{\"Statement\":\"no\"}"), "repositoryPolicy"},
                new Object[]{"a lifecycle policy without rules", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x")
                        .appliedForWithStrings("REPLICATION").lifecyclePolicy("{}"), "rules"},
                new Object[]{"a custom role that is not a role ARN", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x")
                        .appliedForWithStrings("REPLICATION").customRoleArn("arn:aws:iam::111122223333:user/bob"), "customRoleArn"},
                new Object[]{"a description over 256 characters", (Consumer<CreateRepositoryCreationTemplateRequest.Builder>) r -> r.prefix("x")
                        .appliedForWithStrings("REPLICATION").description("d".repeat(257)), "description"});
    }

    @ParameterizedTest(name = "{0} is InvalidParameterException")
    @MethodSource("invalidRequests")
    void invalidCreateRequestsAreInvalidParameterAndStoreNothing(String what, Consumer<CreateRepositoryCreationTemplateRequest.Builder> request,
                                                                 String named) {
        assertThatThrownBy(() -> ecr.createRepositoryCreationTemplate(request)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining(named);
        assertThat(ecr.describeRepositoryCreationTemplates(r -> r.prefixes("x")).repositoryCreationTemplates()).isEmpty();
    }
}
