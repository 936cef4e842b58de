package dev.wharf.iam;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.wharf.iam.AwsCliIamTest.aws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's repository-policy workflow with the unmodified {@code aws} CLI: a policy file given
 * as {@code file://}, read back and deleted, and what an IAM user's own keys may then do.
 */
@Tag("e2e")
class AwsCliRepositoryPolicyTest {
    static final String APP_ARN = "arn:aws:ecr:us-east-1:111122223333:repository/app";

    @TempDir
    Path tmp;

    @Test
    void aPolicyFileAdmitsTheUserThatItsIdentityPoliciesDoNot() throws Exception {
        try (TestServer s = TestServer.start()) {
            Map<String, String> root = s.awsCliEnv();
            assertThat(aws(s, root, "ecr", "create-repository", "--repository-name", "app").exit()).isZero();
            assertThat(aws(s, root, "iam", "create-user", "--user-name", "push-pull-user-1").exit()).isZero();
            var key = aws(s, root, "iam", "create-access-key", "--user-name", "push-pull-user-1").json().get("AccessKey");
            Map<String, String> user = new HashMap<>(root);
            user.put("AWS_ACCESS_KEY_ID", key.get("AccessKeyId").asText());
            user.put("AWS_SECRET_ACCESS_KEY", key.get("SecretAccessKey").asText());
            String digest = "sha256:" + "0".repeat(64);

            AwsCliIamTest.Result before = aws(s, user, "ecr", "batch-check-layer-availability", "--repository-name", "app",
                    "--layer-digests", digest);
            assertThat(before.exit()).isNotZero();
            assertThat(before.err()).contains("AccessDeniedException").contains("User: arn:aws:iam::111122223333:user/push-pull-user-1 "
                    + "is not authorized to perform: ecr:BatchCheckLayerAvailability on resource: " + APP_ARN
                    + " because no identity-based policy allows the ecr:BatchCheckLayerAvailability action");

            Path policy = tmp.resolve("policy.json");
            try (InputStream in = getClass().getResourceAsStream("/policy-corpus/resource-guide-allow-users-push-pull.json")) {
                Files.write(policy, in.readAllBytes());
            }
            AwsCliIamTest.Result set = aws(s, root, "ecr", "set-repository-policy", "--repository-name", "app",
                    "--policy-text", "file://" + policy);
            assertThat(set.exit()).as(set.err()).isZero();
            assertThat(set.json().get("policyText").asText()).isEqualTo(Files.readString(policy));
            assertThat(aws(s, root, "ecr", "get-repository-policy", "--repository-name", "app").json().get("policyText").asText())
                    .isEqualTo(Files.readString(policy));

            AwsCliIamTest.Result allowed = aws(s, user, "ecr", "batch-check-layer-availability", "--repository-name", "app",
                    "--layer-digests", digest);
            assertThat(allowed.exit()).as(allowed.err()).isZero();
            assertThat(allowed.json().at("/failures/0/failureCode").asText()).isEqualTo("MissingLayerDigest");
            AwsCliIamTest.Result notInPolicy = aws(s, user, "ecr", "describe-repositories", "--repository-names", "app");
            assertThat(notInPolicy.err()).contains("is not authorized to perform: ecr:DescribeRepositories on resource: " + APP_ARN);
            AwsCliIamTest.Result listing = aws(s, user, "ecr", "describe-repositories");
            assertThat(listing.exit()).isNotZero();
            assertThat(listing.err()).contains("is not authorized to perform: ecr:DescribeRepositories on resource: "
                    + "arn:aws:ecr:us-east-1:111122223333:repository/* because no identity-based policy allows the "
                    + "ecr:DescribeRepositories action");

            assertThat(aws(s, root, "iam", "attach-user-policy", "--user-name", "push-pull-user-1", "--policy-arn",
                    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly").exit()).isZero();
            AwsCliIamTest.Result described = aws(s, user, "ecr", "describe-repositories");
            assertThat(described.exit()).as(described.err()).isZero();
            assertThat(described.json().at("/repositories/0/repositoryArn").asText()).isEqualTo(APP_ARN);

            assertThat(aws(s, root, "ecr", "delete-repository-policy", "--repository-name", "app").exit()).isZero();
            AwsCliIamTest.Result gone = aws(s, root, "ecr", "get-repository-policy", "--repository-name", "app");
            assertThat(gone.err()).contains("RepositoryPolicyNotFoundException");
        }
    }
}
