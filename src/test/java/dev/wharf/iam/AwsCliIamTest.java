package dev.wharf.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.AwsCli;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The unmodified {@code aws} CLI against Wharf: iam, sts and the ECR policy commands. */
@Tag("e2e")
class AwsCliIamTest {
    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    static Result aws(TestServer s, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("--output", "json"));
        cmd.addAll(List.of(args));
        ExternalProcess.Result r = AwsCli.run(s, env, cmd);
        return new Result(r.exit(), r.out(), r.err());
    }

    @Test
    void theAwsCliManagesUsersAssumesRolesAndSetsRepositoryPolicies() throws Exception {
        try (TestServer s = TestServer.start()) {
            Map<String, String> root = s.awsCliEnv();
            Result created = aws(s, root, "iam", "create-user", "--user-name", "ci");
            assertThat(created.exit()).as(created.err()).isZero();
            assertThat(created.json().at("/User/Arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/ci");
            assertThat(aws(s, root, "iam", "attach-user-policy", "--user-name", "ci", "--policy-arn",
                    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly").exit()).isZero();
            JsonNode key = aws(s, root, "iam", "create-access-key", "--user-name", "ci").json().get("AccessKey");

            Map<String, String> ci = new HashMap<>(root);
            ci.put("AWS_ACCESS_KEY_ID", key.get("AccessKeyId").asText());
            ci.put("AWS_SECRET_ACCESS_KEY", key.get("SecretAccessKey").asText());
            assertThat(aws(s, ci, "sts", "get-caller-identity").json().get("Arn").asText())
                    .isEqualTo("arn:aws:iam::111122223333:user/ci");
            Result denied = aws(s, ci, "ecr", "create-repository", "--repository-name", "nope");
            assertThat(denied.exit()).isNotZero();
            assertThat(denied.err()).contains("AccessDeniedException").contains("User: arn:aws:iam::111122223333:user/ci is not authorized "
                    + "to perform: ecr:CreateRepository on resource: arn:aws:ecr:us-east-1:111122223333:repository/nope "
                    + "because no identity-based policy allows the ecr:CreateRepository action");

            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                    + "\"arn:aws:iam::111122223333:user/ci\"},\"Action\":\"sts:AssumeRole\"}]}";
            assertThat(aws(s, root, "iam", "create-role", "--role-name", "deployer", "--assume-role-policy-document", trust).exit()).isZero();
            Result assumed = aws(s, ci, "sts", "assume-role", "--role-arn", "arn:aws:iam::111122223333:role/deployer",
                    "--role-session-name", "cli");
            assertThat(assumed.exit()).as(assumed.err()).isZero();
            JsonNode c = assumed.json().get("Credentials");
            Map<String, String> role = new HashMap<>(root);
            role.put("AWS_ACCESS_KEY_ID", c.get("AccessKeyId").asText());
            role.put("AWS_SECRET_ACCESS_KEY", c.get("SecretAccessKey").asText());
            role.put("AWS_SESSION_TOKEN", c.get("SessionToken").asText());
            assertThat(aws(s, role, "sts", "get-caller-identity").json().get("Arn").asText())
                    .isEqualTo("arn:aws:sts::111122223333:assumed-role/deployer/cli");

            assertThat(aws(s, root, "ecr", "create-repository", "--repository-name", "app").exit()).isZero();
            Result bad = aws(s, root, "ecr", "set-repository-policy", "--repository-name", "app", "--policy-text",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:*\"}]}");
            assertThat(bad.err()).contains("InvalidParameterException").contains("Principal");
            String pull = "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Sid\":\"AllowPull\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                    + "\"Action\":[\"ecr:BatchGetImage\"]}]}";
            assertThat(aws(s, root, "ecr", "set-repository-policy", "--repository-name", "app", "--policy-text", pull).exit()).isZero();
            assertThat(aws(s, root, "ecr", "get-repository-policy", "--repository-name", "app").json().get("policyText").asText())
                    .isEqualTo(pull);
            Result noUser = aws(s, root, "iam", "get-user", "--user-name", "ghost");
            assertThat(noUser.err()).contains("NoSuchEntity").contains("The user with name ghost cannot be found.");
        }
    }
}
