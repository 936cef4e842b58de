package dev.wharf;

import dev.wharf.testing.WharfTest;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may pull and push, decided by the policy engine and seen through the real {@code skopeo}:
 * the registry password of an IAM user or of an assumed role carries that principal's rights.
 */
@Tag("e2e")
@WharfTest
class SkopeoAccessTest {
    static final String ACCOUNT = TestServer.ACCOUNT;
    static final String REPO = "guarded/app";
    static final String REPO_ARN = "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/" + REPO;

    static TestServer server;
    static IamClient iam;

    @TempDir
    static Path tmp;
    static OciLayout layout;
    static OciLayout.Descriptor image;

    @BeforeAll
    static void start(TestServer s, IamClient i) {
        server = s;
        iam = i;
        layout = new OciLayout(tmp.resolve("image"));
        image = layout.taggedImage("v1", 1, 2000);
        try (EcrClient root = server.ecr()) {
            root.createRepository(r -> r.repositoryName(REPO));
            Skopeo.loggedIn(server, root).push(layout.reference("v1"), REPO, "v1").expectOk();
        }
    }

    /** A new IAM user with the managed policy and an inline one (either may be null); its ECR client. */
    static EcrClient user(String name, String managedPolicy, String inlinePolicy) {
        iam.createUser(r -> r.userName(name));
        if (managedPolicy != null) {
            iam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/" + managedPolicy));
        }
        if (inlinePolicy != null) iam.putUserPolicy(r -> r.userName(name).policyName("inline").policyDocument(inlinePolicy));
        var key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return server.ecr(key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void aReadOnlyUserPullsWithSkopeoButItsPushIsDeniedWithAwsWords() {
        try (EcrClient ecr = user("reader", "AmazonEC2ContainerRegistryReadOnly", null)) {
            Skopeo reader = Skopeo.loggedIn(server, ecr);
            reader.pull(REPO + ":v1", tmp.resolve("reader-pull"), "v1").expectOk();
            assertThat(OciLayout.taggedDigest(tmp.resolve("reader-pull"), "v1")).isEqualTo(image.digest());

            OciLayout other = new OciLayout(tmp.resolve("reader-push"));
            other.taggedImage("v2", 2, 1000);
            Skopeo.Result pushed = reader.push(other.reference("v2"), REPO, "v2");
            assertThat(pushed.exit()).isNotZero();
            assertThat(pushed.output()).contains("denied: User: arn:aws:iam::" + ACCOUNT + ":user/reader is not authorized to perform: "
                    + "ecr:InitiateLayerUpload on resource: " + REPO_ARN
                    + " because no identity-based policy allows the ecr:InitiateLayerUpload action");
        }
    }

    @Test
    void anExplicitDenyInTheRepositoryPolicyStopsThePullOfAUserWithEcrStar() {
        String deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoPull\",\"Effect\":\"Deny\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":user/admin\"},\"Action\":\"ecr:BatchGetImage\"}]}";
        String everything = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}]}";
        try (EcrClient root = server.ecr(); EcrClient ecr = user("admin", null, everything)) {
            Skopeo admin = Skopeo.loggedIn(server, ecr);
            assertThat(admin.pull(REPO + ":v1", tmp.resolve("admin-before"), "v1").ok()).isTrue();
            root.setRepositoryPolicy(r -> r.repositoryName(REPO).policyText(deny));
            try {
                Skopeo.Result pulled = admin.pull(REPO + ":v1", tmp.resolve("admin-after"), "v1");
                assertThat(pulled.exit()).isNotZero();
                assertThat(pulled.output()).contains("User: arn:aws:iam::" + ACCOUNT + ":user/admin is not authorized to perform: "
                        + "ecr:BatchGetImage on resource: " + REPO_ARN + " with an explicit deny in a resource-based policy");
            } finally {
                root.deleteRepositoryPolicy(r -> r.repositoryName(REPO));
            }
        }
    }

    @Test
    void anAssumedRoleLogsInWithItsSessionCredentialsAndPulls() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + ACCOUNT + ":user/deployer\"},\"Action\":\"sts:AssumeRole\"}]}";
        iam.createRole(r -> r.roleName("puller").assumeRolePolicyDocument(trust));
        iam.attachRolePolicy(r -> r.roleName("puller").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
        iam.createUser(r -> r.userName("deployer"));
        iam.putUserPolicy(r -> r.userName("deployer").policyName("assume").policyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::" + ACCOUNT
                + ":role/puller\"}]}"));
        var key = iam.createAccessKey(r -> r.userName("deployer")).accessKey();

        Credentials session;
        try (StsClient sts = server.sts(key.accessKeyId(), key.secretAccessKey(), null)) {
            session = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/puller").roleSessionName("ci-run")
                    .durationSeconds(900)).credentials();
        }
        try (EcrClient ecr = server.ecr(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())) {
            var data = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0);
            assertThat(data.expiresAt()).isBeforeOrEqualTo(session.expiration());
            Skopeo role = new Skopeo(server, data.authorizationToken());
            role.pull(REPO + ":v1", tmp.resolve("role-pull"), "v1").expectOk();
            String layer = layout.layers(image).get(0).digest();
            assertThat(OciLayout.blob(tmp.resolve("role-pull"), layer)).isEqualTo(layout.read(layer));

            OciLayout other = new OciLayout(tmp.resolve("role-push"));
            other.taggedImage("v3", 3, 500);
            Skopeo.Result pushed = role.push(other.reference("v3"), REPO, "v3");
            assertThat(pushed.output()).contains("User: arn:aws:sts::" + ACCOUNT + ":assumed-role/puller/ci-run is not authorized "
                    + "to perform: ecr:InitiateLayerUpload on resource: " + REPO_ARN);
        }
    }
}
