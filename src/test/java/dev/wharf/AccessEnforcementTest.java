package dev.wharf;

import dev.wharf.testing.WharfTest;
import dev.wharf.iam.Identities;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.V2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may do what, checked on both doors with real clients: the ECR managed policies, the guide's
 * repository policy examples, explicit deny, two accounts, and revocation at once.
 */
@WharfTest
class AccessEnforcementTest {
    static final String ACCOUNT = TestServer.ACCOUNT;
    static final String OTHER = "444455556666";
    static final String AWS_POLICY = "arn:aws:iam::aws:policy/";
    static final String TOKEN_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"}]}";
    static final AtomicInteger SEQ = new AtomicInteger();

    static TestServer server;
    static IamClient iam;
    static Identities.RootCredentials other;

    @BeforeAll
    static void start(TestServer s, IamClient i) {
        server = s;
        iam = i;
        other = server.app().identities().createAccount(OTHER, null, null, false);
    }

    /** An IAM user's credentials. */
    record Creds(String name, String accessKeyId, String secretKey) {
        String arn() {
            return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
        }
    }

    static Creds user(String name, String... managedPolicies) {
        iam.createUser(r -> r.userName(name));
        for (String p : managedPolicies) iam.attachUserPolicy(r -> r.userName(name).policyArn(AWS_POLICY + p));
        var k = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return new Creds(name, k.accessKeyId(), k.secretAccessKey());
    }

    static EcrClient ecr(Creds c) {
        return server.ecr(c.accessKeyId(), c.secretKey());
    }

    static String token(EcrClient ecr) {
        return ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
    }

    /** The /v2/ door of {@code registryAccount}'s registry, logged in with {@code ecr}'s token. */
    static V2 v2(EcrClient ecr, String registryAccount) {
        return new V2(server.port(), registryAccount + ".dkr.ecr.us-east-1.localhost:" + server.port(), token(ecr));
    }

    /** A new repository of the test account with one image {@code :v1}, pushed by the root. */
    static String repositoryWithImage() {
        String name = "app-" + SEQ.incrementAndGet();
        try (EcrClient root = server.ecr()) {
            root.createRepository(r -> r.repositoryName(name));
            assertThat(v2(root, ACCOUNT).pushImage(name, "v1").status()).isEqualTo(201);
        }
        return name;
    }

    /** ECR's AccessDeniedException is a common error: the SDK raises it as EcrException with that code. */
    static void accessDenied(Throwable e) {
        assertThat(e).isInstanceOf(EcrException.class);
        assertThat(((EcrException) e).awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    }

    static String repoArn(String account, String name) {
        return "arn:aws:ecr:us-east-1:" + account + ":repository/" + name;
    }

    static String denied(String principalArn, String action, String resource, String reason) {
        return "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + resource + " " + reason;
    }

    static String noIdentityAllow(String action) {
        return "because no identity-based policy allows the " + action + " action";
    }

    static String guidePolicy(String file, String... replacements) {
        try (InputStream in = AccessEnforcementTest.class.getResourceAsStream("/policy-corpus/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i < replacements.length; i += 2) text = text.replace(replacements[i], replacements[i + 1]);
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void setPolicy(String repo, String text) {
        try (EcrClient root = server.ecr()) {
            root.setRepositoryPolicy(r -> r.repositoryName(repo).policyText(text));
        }
    }

    // ---------------------------------------------------------------- managed policies

    @ParameterizedTest(name = "{0}: pull {1}, push {2}, delete repository {3}")
    @CsvSource({
            "AmazonEC2ContainerRegistryReadOnly,  200, 403, false",
            "AmazonEC2ContainerRegistryPowerUser, 200, 201, false",
            "AmazonEC2ContainerRegistryFullAccess, 200, 201, true"})
    void eachManagedPolicyAllowsWhatTheGuideSaysOnBothDoors(String policy, int pull, int push, boolean delete) {
        String repo = repositoryWithImage();
        Creds u = user("managed-" + SEQ.incrementAndGet(), policy);
        try (EcrClient ecr = ecr(u)) {
            assertThat(ecr.describeRepositories(r -> r.repositoryNames(repo)).repositories()).hasSize(1);
            V2 door = v2(ecr, ACCOUNT);
            assertThat(door.pullManifest(repo, "v1").status()).isEqualTo(pull);
            V2.Response pushed = door.pushImage(repo, "v2");
            assertThat(pushed.status()).isEqualTo(push);
            if (push == 403) {
                assertThat(pushed.body()).contains("\"DENIED\"").contains(denied(u.arn(), "ecr:InitiateLayerUpload", repoArn(ACCOUNT, repo),
                        noIdentityAllow("ecr:InitiateLayerUpload")));
            }
            if (delete) {
                ecr.deleteRepository(r -> r.repositoryName(repo).force(true));
            } else {
                assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName(repo).force(true)))
                        .satisfies(AccessEnforcementTest::accessDenied)
                        .hasMessageStartingWith(denied(u.arn(), "ecr:DeleteRepository", repoArn(ACCOUNT, repo),
                                noIdentityAllow("ecr:DeleteRepository")))
                        .satisfies(e -> assertThat(((EcrException) e).statusCode()).isEqualTo(400));
            }
        }
    }

    @Test
    void aUserWithoutPoliciesCannotEvenGetAnAuthorizationToken() {
        Creds u = user("nobody");
        try (EcrClient ecr = ecr(u)) {
            assertThatThrownBy(() -> token(ecr)).satisfies(AccessEnforcementTest::accessDenied)
                    .hasMessageStartingWith(denied(u.arn(), "ecr:GetAuthorizationToken", "*", noIdentityAllow("ecr:GetAuthorizationToken")));
        }
    }

    @Test
    void anExplicitDenyInAnIdentityPolicyOverridesFullAccess() {
        String repo = repositoryWithImage();
        Creds u = user("denied-pull", "AmazonEC2ContainerRegistryFullAccess");
        iam.putUserPolicy(r -> r.userName("denied-pull").policyName("no-pull").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"ecr:BatchGetImage\","
                        + "\"ecr:DescribeRepositories\"],\"Resource\":\"*\"}]}"));
        try (EcrClient ecr = ecr(u)) {
            V2.Response r = v2(ecr, ACCOUNT).pullManifest(repo, "v1");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains(denied(u.arn(), "ecr:BatchGetImage", repoArn(ACCOUNT, repo),
                    "with an explicit deny in an identity-based policy"));
            assertThatThrownBy(() -> ecr.describeRepositories(d -> d.repositoryNames(repo)))
                    .satisfies(AccessEnforcementTest::accessDenied)
                    .hasMessageStartingWith(denied(u.arn(), "ecr:DescribeRepositories", repoArn(ACCOUNT, repo),
                            "with an explicit deny in an identity-based policy"));
        }
    }

    // ---------------------------------------------------------------- the guide's repository policies

    @Test
    void allowIamUsersWithinTheAccountToPushAndPull() {
        String repo = repositoryWithImage();
        Creds pp = user("push-pull-user-1");
        Creds stranger = user("stranger-" + SEQ.incrementAndGet());
        for (Creds c : new Creds[] {pp, stranger}) {
            iam.putUserPolicy(r -> r.userName(c.name()).policyName("token").policyDocument(TOKEN_ONLY));
        }
        setPolicy(repo, guidePolicy("resource-guide-allow-users-push-pull.json"));
        try (EcrClient ecr = ecr(pp); EcrClient other = ecr(stranger)) {
            V2 door = v2(ecr, ACCOUNT);
            assertThat(door.pullManifest(repo, "v1").status()).isEqualTo(200);
            assertThat(door.pushImage(repo, "v2").status()).isEqualTo(201);
            V2.Response r = v2(other, ACCOUNT).pullManifest(repo, "v1");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains(denied(stranger.arn(), "ecr:BatchGetImage", repoArn(ACCOUNT, repo),
                    noIdentityAllow("ecr:BatchGetImage")));
        }
    }

    @Test
    void someUsersPullWhileTheAdminMayDoEverything() {
        String repo = repositoryWithImage();
        Creds puller = user("pull-user-1");
        Creds admin = user("admin-user");
        for (Creds c : new Creds[] {puller, admin}) {
            iam.putUserPolicy(r -> r.userName(c.name()).policyName("token").policyDocument(TOKEN_ONLY));
        }
        setPolicy(repo, guidePolicy("resource-guide-pull-users-and-admin.json"));
        try (EcrClient p = ecr(puller); EcrClient a = ecr(admin)) {
            V2 pullDoor = v2(p, ACCOUNT);
            assertThat(pullDoor.pullManifest(repo, "v1").status()).isEqualTo(200);
            assertThat(pullDoor.pushImage(repo, "v2").status()).isEqualTo(403);
            assertThatThrownBy(() -> p.describeRepositories(r -> r.repositoryNames(repo))).satisfies(AccessEnforcementTest::accessDenied)
                    .hasMessageStartingWith(denied(puller.arn(), "ecr:DescribeRepositories", repoArn(ACCOUNT, repo),
                            noIdentityAllow("ecr:DescribeRepositories")));
            assertThat(v2(a, ACCOUNT).pushImage(repo, "v2").status()).isEqualTo(201);
            assertThat(a.getRepositoryPolicy(r -> r.repositoryName(repo)).policyText()).contains("AllowAll");
            a.deleteRepository(r -> r.repositoryName(repo).force(true));
        }
    }

    @Test
    void denyAllPullsBindsEvenTheRoot() {
        String repo = repositoryWithImage();
        setPolicy(repo, guidePolicy("resource-guide-deny-all-pull.json"));
        try (EcrClient root = server.ecr()) {
            V2.Response r = v2(root, ACCOUNT).pullManifest(repo, "v1");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains(denied("arn:aws:iam::" + ACCOUNT + ":root", "ecr:BatchGetImage", repoArn(ACCOUNT, repo),
                    "with an explicit deny in a resource-based policy"));
            root.deleteRepositoryPolicy(d -> d.repositoryName(repo));
            assertThat(v2(root, ACCOUNT).pullManifest(repo, "v1").status()).isEqualTo(200);
        }
    }

    @Test
    void anotherAccountPullsOnlyOnceTheRepositoryPolicyAllowsAllAccounts() {
        String repo = repositoryWithImage();
        String otherRoot = "arn:aws:iam::" + OTHER + ":root";
        try (EcrClient theirs = server.ecr(other.accessKeyId(), other.secretAccessKey())) {
            V2 door = v2(theirs, ACCOUNT);
            V2.Response before = door.pullManifest(repo, "v1");
            assertThat(before.status()).isEqualTo(403);
            assertThat(before.body()).contains(denied(otherRoot, "ecr:BatchGetImage", repoArn(ACCOUNT, repo),
                    "because no resource-based policy allows the ecr:BatchGetImage action"));
            assertThatThrownBy(() -> theirs.describeRepositories(d -> d.registryId(ACCOUNT).repositoryNames(repo)))
                    .satisfies(AccessEnforcementTest::accessDenied)
                    .hasMessageStartingWith(denied(otherRoot, "ecr:DescribeRepositories", repoArn(ACCOUNT, repo),
                            "because no resource-based policy allows the ecr:DescribeRepositories action"));
            setPolicy(repo, guidePolicy("resource-guide-allow-all-pull.json"));
            assertThat(door.pullManifest(repo, "v1").status()).isEqualTo(200);
            assertThat(door.pushImage(repo, "v2").status()).isEqualTo(403);
            // Their own registry, chosen by the Host header, is untouched.
            assertThat(v2(theirs, OTHER).pullManifest(repo, "v1").status()).isEqualTo(404);
        }
    }

    @Test
    void anotherAccountPushesWhenTheRepositoryPolicyAllowsItsRoot() {
        String repo = repositoryWithImage();
        setPolicy(repo, guidePolicy("resource-guide-allow-other-account-push.json"));
        try (EcrClient theirs = server.ecr(other.accessKeyId(), other.secretAccessKey())) {
            V2 door = v2(theirs, ACCOUNT);
            assertThat(door.pushImage(repo, "from-other").status()).isEqualTo(201);
            assertThat(door.pullManifest(repo, "v1").status()).isEqualTo(403);
        }
    }

    @Test
    void aCrossAccountUserNeedsAnAllowOnBothSides() {
        String repo = repositoryWithImage();
        setPolicy(repo, guidePolicy("resource-guide-allow-all-pull.json"));
        IamClient theirIam = server.iam(other.accessKeyId(), other.secretAccessKey());
        theirIam.createUser(r -> r.userName("visitor"));
        theirIam.putUserPolicy(r -> r.userName("visitor").policyName("token").policyDocument(TOKEN_ONLY));
        var k = theirIam.createAccessKey(r -> r.userName("visitor")).accessKey();
        String visitor = "arn:aws:iam::" + OTHER + ":user/visitor";
        try (EcrClient ecr = server.ecr(k.accessKeyId(), k.secretAccessKey())) {
            V2 door = v2(ecr, ACCOUNT);
            V2.Response r = door.pullManifest(repo, "v1");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains(denied(visitor, "ecr:BatchGetImage", repoArn(ACCOUNT, repo), noIdentityAllow("ecr:BatchGetImage")));
            theirIam.attachUserPolicy(a -> a.userName("visitor").policyArn(AWS_POLICY + "AmazonEC2ContainerRegistryReadOnly"));
            assertThat(door.pullManifest(repo, "v1").status()).isEqualTo(200);
        } finally {
            theirIam.close();
        }
    }

    // ---------------------------------------------------------------- policy operations

    @Test
    void repositoryAndRegistryPoliciesAreSetGotAndDeleted() {
        String repo = repositoryWithImage();
        try (EcrClient root = server.ecr()) {
            assertThatThrownBy(() -> root.getRepositoryPolicy(r -> r.repositoryName(repo)))
                    .isInstanceOf(RepositoryPolicyNotFoundException.class);
            assertThatThrownBy(() -> root.setRepositoryPolicy(r -> r.repositoryName(repo).policyText(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:*\"}]}")))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Principal");
            String text = guidePolicy("resource-guide-allow-all-pull.json");
            var set = root.setRepositoryPolicy(r -> r.repositoryName(repo).policyText(text));
            assertThat(set.registryId()).isEqualTo(ACCOUNT);
            assertThat(root.getRepositoryPolicy(r -> r.repositoryName(repo)).policyText()).isEqualTo(text);
            assertThat(root.deleteRepositoryPolicy(r -> r.repositoryName(repo)).policyText()).isEqualTo(text);

            assertThatThrownBy(() -> root.getRegistryPolicy(r -> {})).isInstanceOf(RegistryPolicyNotFoundException.class);
            String registry = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Replicate\",\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},\"Action\":[\"ecr:CreateRepository\",\"ecr:ReplicateImage\"],"
                    + "\"Resource\":\"arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/*\"}]}";
            root.putRegistryPolicy(r -> r.policyText(registry));
            assertThat(root.getRegistryPolicy(r -> {}).policyText()).isEqualTo(registry);
            assertThat(root.deleteRegistryPolicy(r -> {}).policyText()).isEqualTo(registry);
        }
    }

    // ---------------------------------------------------------------- revocation

    /** The /v2/ door of {@code u}, logged in with its registry token and seen to pull {@code repo:v1} before the change under test. */
    static V2 pullingDoor(Creds u, String repo) {
        try (EcrClient ecr = ecr(u)) {
            V2 door = v2(ecr, ACCOUNT);
            assertThat(door.pullManifest(repo, "v1").status()).isEqualTo(200);
            return door;
        }
    }

    @Test
    void deactivatingAKeyRevokesItAndItsRegistryTokenAtOnce() {
        String repo = repositoryWithImage();
        Creds u = user("revoked", "AmazonEC2ContainerRegistryReadOnly");
        V2 door = pullingDoor(u, repo);
        iam.updateAccessKey(r -> r.userName("revoked").accessKeyId(u.accessKeyId()).status(StatusType.INACTIVE));
        try (EcrClient ecr = ecr(u)) {
            assertThatThrownBy(() -> ecr.describeRepositories(r -> {}))
                    .isInstanceOf(EcrException.class)
                    .satisfies(e -> assertThat(((EcrException) e).awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
        assertThat(door.pullManifest(repo, "v1").status()).isEqualTo(403);
        iam.updateAccessKey(r -> r.userName("revoked").accessKeyId(u.accessKeyId()).status(StatusType.ACTIVE));
        assertThat(door.pullManifest(repo, "v1").status()).isEqualTo(200);
    }

    @Test
    void detachingAPolicyTakesEffectOnTheNextRequest() {
        String repo = repositoryWithImage();
        V2 door = pullingDoor(user("detached", "AmazonEC2ContainerRegistryReadOnly"), repo);
        iam.detachUserPolicy(r -> r.userName("detached").policyArn(AWS_POLICY + "AmazonEC2ContainerRegistryReadOnly"));
        assertThat(door.pullManifest(repo, "v1").status()).isEqualTo(403);
    }

    @Test
    void deletingAUserRevokesItsTokens() {
        String repo = repositoryWithImage();
        Creds u = user("deleted", "AmazonEC2ContainerRegistryReadOnly");
        V2 door = pullingDoor(u, repo);
        iam.detachUserPolicy(r -> r.userName("deleted").policyArn(AWS_POLICY + "AmazonEC2ContainerRegistryReadOnly"));
        iam.deleteAccessKey(r -> r.userName("deleted").accessKeyId(u.accessKeyId()));
        iam.deleteUser(r -> r.userName("deleted"));
        V2.Response r = door.pullManifest(repo, "v1");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("revoked");
    }

    @Test
    void iamActionsThemselvesNeedIamPermissions() {
        Creds u = user("no-iam", "AmazonEC2ContainerRegistryFullAccess");
        try (IamClient theirs = server.iam(u.accessKeyId(), u.secretKey())) {
            assertThatThrownBy(() -> theirs.createUser(r -> r.userName("sneaky")))
                    .isInstanceOf(software.amazon.awssdk.services.iam.model.IamException.class)
                    .hasMessageStartingWith(denied(u.arn(), "iam:CreateUser", "arn:aws:iam::" + ACCOUNT + ":user/sneaky",
                            noIdentityAllow("iam:CreateUser")))
                    .satisfies(e -> assertThat(((software.amazon.awssdk.services.iam.model.IamException) e).statusCode()).isEqualTo(403));
        }
    }
}
