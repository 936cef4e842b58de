package dev.wharf.ecr;

import dev.wharf.testing.WharfTest;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;
import software.amazon.awssdk.services.ecr.model.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.wharf.ecr.EcrFixtures.pushImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WharfTest
class RegistryOperationsTest {
    private static TestServer server;
    private static EcrClient ecr;

    @BeforeAll
    static void start(TestServer s, EcrClient e) {
        server = s;
        ecr = e;
    }

    private static String arn(String name) {
        return "arn:aws:ecr:us-east-1:" + TestServer.ACCOUNT + ":repository/" + name;
    }

    @Test
    void immutableWithExclusionLetsOnlyTheExcludedTagsMove() {
        ecr.createRepository(r -> r.repositoryName("reg/mutability"));
        var answer = ecr.putImageTagMutability(r -> r.repositoryName("reg/mutability")
                .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)
                .imageTagMutabilityExclusionFilters(f -> f.filterType("WILDCARD").filter("latest*")));
        assertThat(answer.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION);
        assertThat(answer.imageTagMutabilityExclusionFilters()).singleElement().satisfies(f -> assertThat(f.filter()).isEqualTo("latest*"));
        pushImage(ecr, "reg/mutability", "latest", 1);
        pushImage(ecr, "reg/mutability", "latest", 2);
        pushImage(ecr, "reg/mutability", "v1", 3);
        assertThatThrownBy(() -> pushImage(ecr, "reg/mutability", "v1", 4)).isInstanceOf(ImageTagAlreadyExistsException.class);
        assertThat(ecr.describeRepositories(r -> r.repositoryNames("reg/mutability")).repositories().get(0).imageTagMutability())
                .isEqualTo(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION);
    }

    @Test
    void exclusionFiltersWithoutAnExclusionSettingAreInvalidParameter() {
        ecr.createRepository(r -> r.repositoryName("reg/mutability-bad"));
        assertThatThrownBy(() -> ecr.putImageTagMutability(r -> r.repositoryName("reg/mutability-bad").imageTagMutability(ImageTagMutability.IMMUTABLE)
                .imageTagMutabilityExclusionFilters(f -> f.filterType("WILDCARD").filter("x")))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.putImageTagMutability(r -> r.repositoryName("reg/none").imageTagMutability(ImageTagMutability.IMMUTABLE)))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void scanOnPushIsStoredAndDescribed() {
        ecr.createRepository(r -> r.repositoryName("reg/scan"));
        assertThat(ecr.putImageScanningConfiguration(r -> r.repositoryName("reg/scan").imageScanningConfiguration(c -> c.scanOnPush(true)))
                .imageScanningConfiguration().scanOnPush()).isTrue();
        assertThat(ecr.describeRepositories(r -> r.repositoryNames("reg/scan")).repositories().get(0).imageScanningConfiguration().scanOnPush()).isTrue();
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        ecr.createRepository(r -> r.repositoryName("reg/tags").tags(Tag.builder().key("team").value("a").build()));
        ecr.tagResource(r -> r.resourceArn(arn("reg/tags")).tags(Tag.builder().key("env").value("prod").build(),
                Tag.builder().key("team").value("b").build()));
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn("reg/tags"))).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("env", "prod"), org.assertj.core.groups.Tuple.tuple("team", "b"));
        ecr.untagResource(r -> r.resourceArn(arn("reg/tags")).tagKeys("env"));
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn("reg/tags"))).tags()).extracting(Tag::key).containsExactly("team");
    }

    @Test
    void moreThanFiftyTagsIsTooManyTagsAndReservedKeysAreInvalidTagParameter() {
        ecr.createRepository(r -> r.repositoryName("reg/many-tags"));
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) fifty.add(Tag.builder().key("k" + i).value("v").build());
        ecr.tagResource(r -> r.resourceArn(arn("reg/many-tags")).tags(fifty));
        assertThatThrownBy(() -> ecr.tagResource(r -> r.resourceArn(arn("reg/many-tags")).tags(Tag.builder().key("one-more").value("v").build())))
                .isInstanceOf(TooManyTagsException.class);
        assertThatThrownBy(() -> ecr.tagResource(r -> r.resourceArn(arn("reg/many-tags")).tags(Tag.builder().key("aws:x").value("v").build())))
                .isInstanceOf(InvalidTagParameterException.class);
        List<Tag> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add(Tag.builder().key("k50").value("v").build());
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("reg/too-many").tags(fiftyOne))).isInstanceOf(TooManyTagsException.class);
    }

    @Test
    void aResourceArnThatIsNotARepositoryIsInvalidParameterAndAMissingOneRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.listTagsForResource(r -> r.resourceArn("arn:aws:s3:::bucket"))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.listTagsForResource(r -> r.resourceArn(arn("reg/absent")))).isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void describeRegistryAnswersTheAccountWithNoReplicationRules() {
        var r = ecr.describeRegistry(b -> {});
        assertThat(r.registryId()).isEqualTo(TestServer.ACCOUNT);
        assertThat(r.replicationConfiguration().rules()).isEmpty();
    }

    @Test
    void accountSettingsHaveDefaultsAndValidatedValues() {
        assertThat(ecr.getAccountSetting(r -> r.name("BASIC_SCAN_TYPE_VERSION")).value()).isEqualTo("AWS_NATIVE");
        assertThat(ecr.putAccountSetting(r -> r.name("REGISTRY_POLICY_SCOPE").value("V1")).value()).isEqualTo("V1");
        assertThat(ecr.getAccountSetting(r -> r.name("REGISTRY_POLICY_SCOPE")).value()).isEqualTo("V1");
        assertThatThrownBy(() -> ecr.putAccountSetting(r -> r.name("BLOB_MOUNTING").value("MAYBE"))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ecr.getAccountSetting(r -> r.name("NO_SUCH_SETTING"))).isInstanceOf(ValidationException.class);
    }

    @Test
    void repositoriesPerAccountIsEnforcedAsLimitExceededNamingTheLimit() {
        try (TestServer s = TestServer.start(Map.of("WHARF_LIMITS_REPOSITORIES_PER_ACCOUNT", "1")); EcrClient c = s.ecr()) {
            c.createRepository(r -> r.repositoryName("one"));
            assertThatThrownBy(() -> c.createRepository(r -> r.repositoryName("two"))).isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("repositories per registry (1)");
        }
    }

    @Test
    void aPerAccountOverrideBeatsTheConfiguredLimit() {
        try (TestServer s = TestServer.start(Map.of("WHARF_LIMITS_REPOSITORIES_PER_ACCOUNT", "1")); EcrClient c = s.ecr()) {
            dev.wharf.storage.meta.MetadataStore meta = dev.wharf.storage.meta.SqliteMetadataStores.open(s.dataDir().resolve("wharf.db"));
            try (meta) {
                new dev.wharf.registry.ServiceLimits(meta, dev.wharf.config.WharfConfig.defaultLimits())
                        .set(TestServer.ACCOUNT, "repositoriesPerAccount", 2);
            }
            c.createRepository(r -> r.repositoryName("one"));
            c.createRepository(r -> r.repositoryName("two"));
            assertThatThrownBy(() -> c.createRepository(r -> r.repositoryName("three"))).isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("(2)");
        }
    }
}
