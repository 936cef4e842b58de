package dev.wharf.ecr;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ExclusionAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ExclusionNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.iam.IamClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.wharf.ecr.EcrFixtures.pushImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pull-time update exclusions through the AWS SDK: the three operations, and pulls by an excluded principal. */
class PullTimeExclusionOperationsTest {
    private static final String SCANNER = "arn:aws:iam::" + TestServer.ACCOUNT + ":user/scanner";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";

    @Test
    void exclusionsAreRegisteredListedInPagesAndDeregistered() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            List<String> arns = List.of("arn:aws:iam::111122223333:role/ci/builder", "arn:aws:iam::111122223333:user/scanner",
                    "arn:aws:iam::444455556666:role/mirror");
            for (String a : arns) {
                var r = ecr.registerPullTimeUpdateExclusion(q -> q.principalArn(a));
                assertThat(r.principalArn()).isEqualTo(a);
                assertThat(r.createdAt()).isNotNull();
            }
            var first = ecr.listPullTimeUpdateExclusions(q -> q.maxResults(2));
            assertThat(first.pullTimeUpdateExclusions()).containsExactly(arns.get(0), arns.get(1));
            var rest = ecr.listPullTimeUpdateExclusions(q -> q.nextToken(first.nextToken()));
            assertThat(rest.pullTimeUpdateExclusions()).containsExactly(arns.get(2));
            assertThat(rest.nextToken()).isNull();

            assertThat(ecr.deregisterPullTimeUpdateExclusion(q -> q.principalArn(arns.get(1))).principalArn()).isEqualTo(arns.get(1));
            assertThat(ecr.listPullTimeUpdateExclusions(q -> {}).pullTimeUpdateExclusions()).containsExactly(arns.get(0), arns.get(2));
        }
    }

    @Test
    void registeringTwiceIsExclusionAlreadyExistsAndDeregisteringAnUnknownOneIsExclusionNotFound() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            ecr.registerPullTimeUpdateExclusion(q -> q.principalArn(SCANNER));
            assertThatThrownBy(() -> ecr.registerPullTimeUpdateExclusion(q -> q.principalArn(SCANNER)))
                    .isInstanceOf(ExclusionAlreadyExistsException.class).hasMessageContaining(SCANNER);
            assertThatThrownBy(() -> ecr.deregisterPullTimeUpdateExclusion(q -> q.principalArn("arn:aws:iam::111122223333:user/nobody")))
                    .isInstanceOf(ExclusionNotFoundException.class);
        }
    }

    @ParameterizedTest(name = "{0} is InvalidParameterException")
    @ValueSource(strings = {"arn:aws:iam::111122223333:root", "arn:aws:sts::111122223333:assumed-role/r/session",
            "arn:aws:iam::111122223333:group/devs", "arn:aws:iam::1111:user/short-account", "scanner", ""})
    void aPrincipalArnThatIsNotAUserOrRoleIsInvalidParameter(String arn) {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            assertThatThrownBy(() -> ecr.registerPullTimeUpdateExclusion(q -> q.principalArn(arn)))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("principalArn");
        }
    }

    @Test
    void pullsByAnExcludedPrincipalLeaveLastRecordedPullTimeWhileOthersMoveIt() throws Exception {
        Path dir = Files.createTempDirectory("wharf-exclusions");
        try {
            try (TestServer s = TestServer.startOn(dir, Map.of()); EcrClient ecr = s.ecr(); IamClient iam = s.iam()) {
                ecr.createRepository(r -> r.repositoryName("kept"));
                pushImage(ecr, "kept", "scanned", 1);
                pushImage(ecr, "kept", "used", 2);
                for (String user : new String[]{"scanner", "deployer"}) {
                    iam.createUser(r -> r.userName(user));
                    iam.attachUserPolicy(r -> r.userName(user).policyArn(READ_ONLY));
                }
                ecr.registerPullTimeUpdateExclusion(q -> q.principalArn(SCANNER));
                var scannerKey = iam.createAccessKey(r -> r.userName("scanner")).accessKey();
                var deployerKey = iam.createAccessKey(r -> r.userName("deployer")).accessKey();
                try (EcrClient scanner = s.ecr(scannerKey.accessKeyId(), scannerKey.secretAccessKey());
                     EcrClient deployer = s.ecr(deployerKey.accessKeyId(), deployerKey.secretAccessKey())) {
                    assertThat(scanner.batchGetImage(r -> r.repositoryName("kept").imageIds(tag("scanned"))).images()).hasSize(1);
                    assertThat(deployer.batchGetImage(r -> r.repositoryName("kept").imageIds(tag("used"))).images()).hasSize(1);
                }
            }
            try (TestServer s = TestServer.startOn(dir, Map.of()); EcrClient ecr = s.ecr()) { // pull times are written by the restart at the latest
                assertThat(detail(ecr, "scanned").lastRecordedPullTime()).as("pulled by the excluded scanner only").isNull();
                assertThat(detail(ecr, "used").lastRecordedPullTime()).as("pulled by the deployer").isNotNull();
            }
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private static ImageIdentifier tag(String t) {
        return ImageIdentifier.builder().imageTag(t).build();
    }

    private static ImageDetail detail(EcrClient ecr, String t) {
        return ecr.describeImages(r -> r.repositoryName("kept").imageIds(tag(t))).imageDetails().get(0);
    }
}
