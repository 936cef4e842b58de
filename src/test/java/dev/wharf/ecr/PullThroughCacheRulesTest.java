package dev.wharf.ecr;

import dev.wharf.testing.MutableClock;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ecr.model.CreatePullThroughCacheRuleRequest;
import software.amazon.awssdk.services.ecr.model.CreatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.DeletePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.DescribePullThroughCacheRulesResponse;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRule;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleNotFoundException;
import software.amazon.awssdk.services.ecr.model.SecretNotFoundException;
import software.amazon.awssdk.services.ecr.model.UnableToAccessSecretException;
import software.amazon.awssdk.services.ecr.model.UnableToDecryptSecretValueException;
import software.amazon.awssdk.services.ecr.model.UnsupportedUpstreamRegistryException;
import software.amazon.awssdk.services.ecr.model.UpdatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.ValidatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The five pull-through-cache-rule operations through the AWS SDK on a Wharf with ECR's defaults
 * (HTTPS upstreams only): the round trip and ECR's validation, error for error.
 */
class PullThroughCacheRulesTest {
    /** Secrets made through the Secrets Manager API when the server starts: credentials, and a value that is not. */
    private static String HUB_SECRET;
    private static String GARBLED_SECRET;
    private static TestServer server;
    private static EcrClient ecr;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), new MutableClock());
        ecr = server.ecr();
        try (SecretsManagerClient sm = server.secretsManager()) {
            HUB_SECRET = sm.createSecret(r -> r.name("ecr-pullthroughcache/hub")
                    .secretString("{\"username\":\"someone\",\"accessToken\":\"dckr_pat_0000\"}")).arn();
            GARBLED_SECRET = sm.createSecret(r -> r.name("ecr-pullthroughcache/garbled").secretString("not json")).arn();
        }
    }

    @AfterAll
    static void stop() {
        ecr.close();
        server.close();
    }

    @Test
    void aRuleIsCreatedDescribedUpdatedAndDeleted() {
        CreatePullThroughCacheRuleResponse created = ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("round/trip/")
                .upstreamRegistryUrl("registry-1.docker.io").upstreamRegistry("docker-hub").credentialArn(HUB_SECRET));
        assertThat(created.ecrRepositoryPrefix()).isEqualTo("round/trip");
        assertThat(created.upstreamRegistryUrl()).isEqualTo("https://registry-1.docker.io");
        assertThat(created.upstreamRegistryAsString()).isEqualTo("docker-hub");
        assertThat(created.registryId()).isEqualTo(TestServer.ACCOUNT);
        assertThat(created.credentialArn()).isEqualTo(HUB_SECRET);
        assertThat(created.upstreamRepositoryPrefix()).isEqualTo("ROOT");
        assertThat(created.createdAt()).isNotNull();

        UpdatePullThroughCacheRuleResponse updated = ecr.updatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("round/trip")
                .customRoleArn("arn:aws:iam::111122223333:role/puller"));
        assertThat(updated.customRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/puller");
        assertThat(updated.credentialArn()).isEqualTo(HUB_SECRET);
        assertThat(updated.updatedAt()).isNotNull();

        PullThroughCacheRule described = ecr.describePullThroughCacheRules(r -> r.ecrRepositoryPrefixes("round/trip"))
                .pullThroughCacheRules().get(0);
        assertThat(described.customRoleArn()).isEqualTo("arn:aws:iam::111122223333:role/puller");
        assertThat(described.upstreamRegistryAsString()).isEqualTo("docker-hub");
        assertThat(described.updatedAt()).isNotNull();

        DeletePullThroughCacheRuleResponse deleted = ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("round/trip"));
        assertThat(deleted.upstreamRegistryUrl()).isEqualTo("https://registry-1.docker.io");
        assertThatThrownBy(() -> ecr.describePullThroughCacheRules(r -> r.ecrRepositoryPrefixes("round/trip")))
                .isInstanceOf(PullThroughCacheRuleNotFoundException.class);
    }

    @Test
    void aSecondRuleForOnePrefixIsAlreadyExists() {
        ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("twice").upstreamRegistryUrl("quay.io"));
        assertThatThrownBy(() -> ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("twice/").upstreamRegistryUrl("ghcr.io")
                .credentialArn(HUB_SECRET))).isInstanceOf(PullThroughCacheRuleAlreadyExistsException.class).hasMessageContaining("twice");
        ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("twice"));
    }

    @Test
    void theFiftyFirstRuleOfARegistryIsLimitExceededAndRulesArePagedByPrefix() {
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < 50; i++) prefixes.add(String.format("quota%02d", i));
        try {
            for (String p : prefixes) ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix(p).upstreamRegistryUrl("public.ecr.aws"));
            assertThatThrownBy(() -> ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("quota50").upstreamRegistryUrl("quay.io")))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("(50)");

            DescribePullThroughCacheRulesResponse first = ecr.describePullThroughCacheRules(r -> r.maxResults(30));
            DescribePullThroughCacheRulesResponse second = ecr.describePullThroughCacheRules(r -> r.maxResults(30).nextToken(first.nextToken()));
            assertThat(first.pullThroughCacheRules()).hasSize(30);
            assertThat(second.pullThroughCacheRules()).hasSize(20);
            assertThat(second.nextToken()).isNull();
            assertThat(second.pullThroughCacheRules().get(19).ecrRepositoryPrefix()).isEqualTo("quota49");
        } finally {
            for (String p : prefixes) {
                try {
                    ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix(p));
                } catch (PullThroughCacheRuleNotFoundException notCreated) {
                    // the loop above stopped before it
                }
            }
        }
    }

    static Stream<Object[]> refusedCreations() {
        return Stream.of(
                refused("a one-character prefix", r -> r.ecrRepositoryPrefix("a").upstreamRegistryUrl("quay.io"), InvalidParameterException.class),
                refused("a 31-character prefix", r -> r.ecrRepositoryPrefix("a".repeat(31)).upstreamRegistryUrl("quay.io"),
                        InvalidParameterException.class),
                refused("an upper-case prefix", r -> r.ecrRepositoryPrefix("Hub").upstreamRegistryUrl("quay.io"), InvalidParameterException.class),
                refused("an empty namespace in the prefix", r -> r.ecrRepositoryPrefix("a//b").upstreamRegistryUrl("quay.io"),
                        InvalidParameterException.class),
                refused("no upstream URL", r -> r.ecrRepositoryPrefix("nourl"), InvalidParameterException.class),
                refused("an upstream URL with a path", r -> r.ecrRepositoryPrefix("path").upstreamRegistryUrl("https://quay.io/v2/x"),
                        InvalidParameterException.class),
                refused("a plain http upstream without the operator's switch",
                        r -> r.ecrRepositoryPrefix("plain").upstreamRegistryUrl("http://10.0.0.5:5000"), InvalidParameterException.class),
                refused("an upstream registry outside ECR's list", r -> r.ecrRepositoryPrefix("odd").upstreamRegistryUrl("quay.io")
                        .upstreamRegistry("harbor"), ValidationException.class),
                refused("an upstream registry the URL is not of", r -> r.ecrRepositoryPrefix("mismatch").upstreamRegistryUrl("quay.io")
                        .upstreamRegistry("docker-hub").credentialArn(HUB_SECRET), UnsupportedUpstreamRegistryException.class),
                refused("Docker Hub without credentials", r -> r.ecrRepositoryPrefix("nocreds").upstreamRegistryUrl("registry-1.docker.io"),
                        InvalidParameterException.class),
                refused("credentials for an upstream that takes none", r -> r.ecrRepositoryPrefix("k8s").upstreamRegistryUrl("registry.k8s.io")
                        .credentialArn(HUB_SECRET), InvalidParameterException.class),
                refused("a secret outside ecr-pullthroughcache/", r -> r.ecrRepositoryPrefix("badarn").upstreamRegistryUrl("ghcr.io")
                        .credentialArn("arn:aws:secretsmanager:us-east-1:111122223333:secret:other/hub-AbCdEf"), InvalidParameterException.class),
                refused("a secret that does not exist", r -> r.ecrRepositoryPrefix("nosecret").upstreamRegistryUrl("ghcr.io")
                        .credentialArn("arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/missing-AbCdEf"),
                        SecretNotFoundException.class),
                refused("a secret of another account", r -> r.ecrRepositoryPrefix("foreign").upstreamRegistryUrl("ghcr.io")
                        .credentialArn("arn:aws:secretsmanager:us-east-1:444455556666:secret:ecr-pullthroughcache/hub-AbCdEf"),
                        UnableToAccessSecretException.class),
                refused("a secret that does not hold upstream credentials", r -> r.ecrRepositoryPrefix("garbled").upstreamRegistryUrl("ghcr.io")
                        .credentialArn(GARBLED_SECRET), UnableToDecryptSecretValueException.class),
                refused("a custom role of another account", r -> r.ecrRepositoryPrefix("role").upstreamRegistryUrl("quay.io")
                        .customRoleArn("arn:aws:iam::444455556666:role/puller"), InvalidParameterException.class),
                refused("an upstream repository prefix under the ROOT prefix", r -> r.ecrRepositoryPrefix("ROOT").upstreamRegistryUrl("quay.io")
                        .upstreamRepositoryPrefix("team"), InvalidParameterException.class),
                refused("a malformed upstream repository prefix", r -> r.ecrRepositoryPrefix("upp").upstreamRegistryUrl("quay.io")
                        .upstreamRepositoryPrefix("Bad"), InvalidParameterException.class));
    }

    private static Object[] refused(String what, Consumer<CreatePullThroughCacheRuleRequest.Builder> request,
                                    Class<? extends AwsServiceException> error) {
        return new Object[] {what, request, error};
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("refusedCreations")
    void aCreationEcrRefusesIsRefusedWithEcrsException(String what, Consumer<CreatePullThroughCacheRuleRequest.Builder> request,
                                                        Class<? extends AwsServiceException> error) {
        assertThatThrownBy(() -> ecr.createPullThroughCacheRule(request)).isInstanceOf(error)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void operationsOnARuleThatDoesNotExistArePullThroughCacheRuleNotFound() {
        assertThatThrownBy(() -> ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("absent")))
                .isInstanceOf(PullThroughCacheRuleNotFoundException.class).hasMessageContaining("absent");
        assertThatThrownBy(() -> ecr.updatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("absent").credentialArn(HUB_SECRET)))
                .isInstanceOf(PullThroughCacheRuleNotFoundException.class);
        assertThatThrownBy(() -> ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("absent")))
                .isInstanceOf(PullThroughCacheRuleNotFoundException.class);
        assertThatThrownBy(() -> ecr.describePullThroughCacheRules(r -> r.ecrRepositoryPrefixes("absent")))
                .isInstanceOf(PullThroughCacheRuleNotFoundException.class);
    }

    @Test
    void anUpdateToASecretThatDoesNotExistIsSecretNotFound() {
        ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("rotate").upstreamRegistryUrl("ghcr.io").credentialArn(HUB_SECRET));
        assertThatThrownBy(() -> ecr.updatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("rotate")
                .credentialArn("arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/gone-AbCdEf")))
                .isInstanceOf(SecretNotFoundException.class);
        ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("rotate"));
    }

    @Test
    void validatingAgainstAnUpstreamThatCannotBeReachedAnswersInvalidWithTheReason() {
        ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("unreachable").upstreamRegistryUrl("https://127.0.0.1:1"));
        ValidatePullThroughCacheRuleResponse v = ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("unreachable"));
        assertThat(v.isValid()).isFalse();
        assertThat(v.failure()).contains("127.0.0.1");
        assertThat(v.upstreamRegistryUrl()).isEqualTo("https://127.0.0.1:1");
        ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("unreachable"));
    }

    @Test
    void aPullThroughAnUpstreamThatCannotBeReachedIsUnableToGetUpstreamImageOnTheOciDoor() throws Exception {
        ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix("down").upstreamRegistryUrl("https://127.0.0.1:1"));
        var oci = new dev.wharf.testing.OciClient(server.url(), server.basicAuth());
        var got = oci.send("GET", "/v2/down/library/alpine/manifests/latest");
        assertThat(got.statusCode()).isEqualTo(502);
        assertThat(new String(got.body())).contains("UNAVAILABLE").contains("127.0.0.1");
        var batch = ecr.batchGetImage(r -> r.repositoryName("down/library/alpine").imageIds(i -> i.imageTag("latest")));
        ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("down"));
        assertThat(batch.images()).isEmpty();
        assertThat(batch.failures()).singleElement().satisfies(f -> {
            assertThat(f.failureCodeAsString()).isEqualTo("UpstreamUnavailable");
            assertThat(f.imageId().imageTag()).isEqualTo("latest");
        });
    }
}
