package dev.wharf.oci;

import dev.wharf.testing.Distribution;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.MutableClock;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.TokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RCTAppliedFor;
import software.amazon.awssdk.services.ecr.model.ValidatePullThroughCacheRuleResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pull through cache with real clients: a CNCF Distribution registry is the upstream, skopeo
 * pushes images to it and pulls them through Wharf, the AWS SDK sets up the rules. Counting the
 * upstream's access log shows what Wharf fetched, and when.
 */
@Tag(ExternalProcess.TAG)
class PullThroughCacheSkopeoTest {
    /** Secrets made through the Secrets Manager API when the server starts: the upstream's credentials, and wrong ones. */
    private static String SECRET_ARN;
    private static String WRONG_SECRET_ARN;
    private static final MutableClock CLOCK = new MutableClock();
    private static TestServer server;
    private static EcrClient ecr;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("WHARF_PULL_THROUGH_CACHE_ALLOW_HTTP", "true"), CLOCK);
        ecr = server.ecr();
        try (SecretsManagerClient sm = server.secretsManager()) {
            SECRET_ARN = sm.createSecret(r -> r.name("ecr-pullthroughcache/upstream")
                    .secretString("{\"username\":\"" + Distribution.USER + "\",\"accessToken\":\"" + Distribution.PASSWORD + "\"}")).arn();
            WRONG_SECRET_ARN = sm.createSecret(r -> r.name("ecr-pullthroughcache/wrong")
                    .secretString("{\"username\":\"" + Distribution.USER + "\",\"accessToken\":\"not-the-password\"}")).arn();
        }
    }

    @AfterAll
    static void stop() {
        if (ecr != null) ecr.close();
        if (server != null) server.close();
    }

    private Skopeo skopeo() {
        return Skopeo.loggedIn(server, ecr);
    }

    private void rule(String prefix, Distribution upstream, String credentialArn) {
        ecr.createPullThroughCacheRule(r -> r.ecrRepositoryPrefix(prefix).upstreamRegistryUrl(upstream.url()).credentialArn(credentialArn));
    }

    /** Pulls {@code reference} from Wharf into a new layout; returns the digest the pulled tag names and checks every blob's bytes. */
    private String pull(Skopeo skopeo, OciLayout original, String reference, String... extra) throws IOException {
        Path pulled = Files.createTempDirectory(tmp, "pulled");
        skopeo.pull(reference, pulled, "t", extra).expectOk();
        String digest = OciLayout.taggedDigest(pulled, "t");
        for (String d : original.closure(digest)) {
            assertThat(OciLayout.blob(pulled, d)).as("bytes of %s", d).isEqualTo(original.read(d));
        }
        return digest;
    }

    @Test
    void theFirstPullIsFetchedFromTheUpstreamCreatesTheRepositoryAndLaterPullsNeedNoUpstream() throws Exception {
        try (Distribution upstream = Distribution.start()) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 11, 300 << 10, 200 << 10);
            upstream.push(layout.reference("v1"), "team/app:v1");
            rule("first", upstream, null);
            Skopeo skopeo = skopeo();

            assertThat(pull(skopeo, layout, "first/team/app:v1")).isEqualTo(image.digest());
            assertThat(ecr.describeRepositories(r -> r.repositoryNames("first/team/app")).repositories()).hasSize(1);

            upstream.stop();
            assertThat(pull(skopeo, layout, "first/team/app:v1")).isEqualTo(image.digest());
            assertThat(pull(skopeo, layout, "first/team/app@" + image.digest())).isEqualTo(image.digest());
        }
    }

    @Test
    void aTagIsComparedWithTheUpstreamAtMostOncePer24HoursAndThenFollowsIt() throws Exception {
        try (Distribution upstream = Distribution.start()) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor first = layout.taggedImage("v1", 21, 100 << 10);
            upstream.push(layout.reference("v1"), "team/moving:v1");
            rule("moving", upstream, null);
            Skopeo skopeo = skopeo(); // a token of the real time, good for 12 hours of it
            // The server's clock goes 25 hours back and returns: SigV4 requests are signed with the real time,
            // so every SDK call happens at the real time, and the pulls in between at the earlier one.
            CLOCK.advance(Duration.ofHours(-25));
            boolean back = false;
            try {
                assertThat(pull(skopeo, layout, "moving/team/moving:v1")).isEqualTo(first.digest());
                OciLayout.Descriptor second = layout.taggedImage("v2", 22, 100 << 10);
                upstream.push(layout.reference("v2"), "team/moving:v1");
                long manifestGets = upstream.requests("GET", "/v2/team/moving/manifests/v1");

                assertThat(pull(skopeo, layout, "moving/team/moving:v1")).isEqualTo(first.digest());
                assertThat(upstream.requests("GET", "/v2/team/moving/manifests/v1")).isEqualTo(manifestGets);

                CLOCK.advance(Duration.ofHours(25));
                back = true;
                assertThat(pull(skopeo, layout, "moving/team/moving:v1")).isEqualTo(second.digest());
                assertThat(upstream.requests("GET", "/v2/team/moving/manifests/v1")).isEqualTo(manifestGets + 1);
            } finally {
                if (!back) CLOCK.advance(Duration.ofHours(25));
            }
        }
    }

    @Test
    void aTagDueForItsRecheckIsServedFromTheCacheWhileTheUpstreamIsDown() throws Exception {
        OciLayout layout = new OciLayout(tmp.resolve("image"));
        OciLayout.Descriptor image = layout.taggedImage("v1", 31, 64 << 10);
        Skopeo skopeo = skopeo();
        try (Distribution upstream = Distribution.start()) {
            upstream.push(layout.reference("v1"), "team/outage:v1");
            rule("outage", upstream, null);
            CLOCK.advance(Duration.ofHours(-25));
            try {
                assertThat(pull(skopeo, layout, "outage/team/outage:v1")).isEqualTo(image.digest());
            } finally {
                CLOCK.advance(Duration.ofHours(25));
            }
        }
        assertThat(pull(skopeo, layout, "outage/team/outage:v1")).isEqualTo(image.digest());
    }

    @Test
    void concurrentFirstPullsFetchTheManifestAndEachBlobFromTheUpstreamOnce() throws Exception {
        try (Distribution upstream = Distribution.start()) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 41, 1 << 20, 512 << 10);
            upstream.push(layout.reference("v1"), "team/busy:v1");
            long before = upstream.requests("GET", "/v2/team/busy/manifests/v1");
            rule("busy", upstream, null);
            Skopeo skopeo = skopeo();

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> pulls = new ArrayList<>();
                for (int i = 0; i < 4; i++) pulls.add(pool.submit(() -> pull(skopeo, layout, "busy/team/busy:v1")));
                for (Future<String> f : pulls) assertThat(f.get()).isEqualTo(image.digest());
            } finally {
                pool.shutdownNow();
            }

            assertThat(upstream.requests("GET", "/v2/team/busy/manifests/v1") - before).isEqualTo(1);
            for (String blob : layout.closure(image.digest()).subList(1, 4)) {
                assertThat(upstream.requests("GET", "/v2/team/busy/blobs/" + blob)).as(blob).isEqualTo(1);
            }
        }
    }

    @Test
    void anIndexIsCachedAndEachOfItsImagesWhenItIsPulled() throws Exception {
        try (Distribution upstream = Distribution.start()) {
            OciLayout layout = new OciLayout(tmp.resolve("multi"));
            OciLayout.Descriptor amd = layout.image("linux", "amd64", 51, 128 << 10);
            OciLayout.Descriptor arm = layout.image("linux", "arm64", 52, 96 << 10);
            Map<OciLayout.Descriptor, String> platforms = new LinkedHashMap<>();
            platforms.put(amd, "linux/amd64");
            platforms.put(arm, "linux/arm64");
            OciLayout.Descriptor index = layout.index(platforms);
            layout.tag("multi", index);
            ExternalProcess.command("skopeo", "--insecure-policy", "copy", "--all", "--preserve-digests", "--dest-tls-verify=false",
                    layout.reference("multi"), "docker://" + upstream.host() + "/team/multi:multi").mergeErrors().run().expectOk();
            rule("multi", upstream, null);

            assertThat(pull(skopeo(), layout, "multi/team/multi:multi", "--all", "--preserve-digests")).isEqualTo(index.digest());
            assertThat(upstream.requests("GET", "/v2/team/multi/manifests/" + arm.digest())).isEqualTo(1);
        }
    }

    @Test
    void anUpstreamBehindBasicAuthIsPulledWithTheCredentialsOfTheRulesSecret() throws Exception {
        try (Distribution upstream = Distribution.startWithBasicAuth()) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 61, 64 << 10);
            upstream.push(layout.reference("v1"), "team/private:v1");
            rule("private", upstream, SECRET_ARN);
            rule("wrong", upstream, WRONG_SECRET_ARN);

            ValidatePullThroughCacheRuleResponse valid = ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("private"));
            ValidatePullThroughCacheRuleResponse invalid = ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("wrong"));

            assertThat(valid.isValid()).isTrue();
            assertThat(invalid.isValid()).isFalse();
            assertThat(invalid.failure()).contains("authentication").doesNotContain("not-the-password");
            assertThat(pull(skopeo(), layout, "private/team/private:v1")).isEqualTo(image.digest());
            Skopeo.Result refused = skopeo().pull("wrong/team/private:v1", Files.createTempDirectory(tmp, "refused"), "t");
            assertThat(refused.ok()).isFalse();
            assertThat(refused.output()).doesNotContain("not-the-password");
        }
    }

    @Test
    void aRepositoryCreatedByTheCacheGetsTheMatchingPullThroughCacheTemplate() throws Exception {
        try (Distribution upstream = Distribution.start()) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            layout.taggedImage("v1", 71, 32 << 10);
            upstream.push(layout.reference("v1"), "team/templated:v1");
            rule("templated", upstream, null);
            ecr.createRepositoryCreationTemplate(r -> r.prefix("templated").imageTagMutability(ImageTagMutability.IMMUTABLE)
                    .appliedFor(RCTAppliedFor.PULL_THROUGH_CACHE));

            pull(skopeo(), layout, "templated/team/templated:v1");

            assertThat(ecr.describeRepositories(r -> r.repositoryNames("templated/team/templated")).repositories().get(0)
                    .imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        }
    }

    /** A registry client signed in as a new IAM user with the ReadOnly managed policy and, when given, an inline policy. */
    private static OciClient userClient(IamClient iam, String user, String inlinePolicy) {
        iam.createUser(r -> r.userName(user));
        iam.attachUserPolicy(r -> r.userName(user).policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
        if (inlinePolicy != null) iam.putUserPolicy(r -> r.userName(user).policyName("import").policyDocument(inlinePolicy));
        AccessKey key = iam.createAccessKey(r -> r.userName(user)).accessKey();
        try (EcrClient own = server.ecr(key.accessKeyId(), key.secretAccessKey())) {
            String token = own.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return new OciClient(server.url(), TestServer.basicAuth(decoded.substring(decoded.indexOf(':') + 1)));
        }
    }

    @Test
    void theFirstPullNeedsBatchImportUpstreamImageAndCreateRepositoryAndLaterPullsOnlyBatchGetImage() throws Exception {
        try (Distribution upstream = Distribution.start(); IamClient iam = server.iam()) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 81, 16 << 10);
            upstream.push(layout.reference("v1"), "team/guarded:v1");
            rule("guarded", upstream, null);
            OciClient readOnly = userClient(iam, "read-only-puller", null);
            OciClient importer = userClient(iam, "importing-puller", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":[\"ecr:BatchImportUpstreamImage\",\"ecr:CreateRepository\"],\"Resource\":\"*\"}]}");
            String path = "/v2/guarded/team/guarded/manifests/v1";

            var refused = readOnly.send("GET", path);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("DENIED").contains("ecr:BatchImportUpstreamImage");
            assertThat(upstream.requests("GET", "/v2/team/guarded/manifests/v1")).isZero();

            var imported = importer.send("GET", path);
            assertThat(imported.statusCode()).isEqualTo(200);
            assertThat(imported.headers().firstValue("Docker-Content-Digest")).hasValue(image.digest());
            assertThat(readOnly.send("GET", path).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUpstreamSpeakingTheDockerTokenFlowIsPulledWithATokenFromItsRealm() throws Exception {
        try (TokenIssuer issuer = new TokenIssuer(); Distribution upstream = Distribution.startWithTokenAuth(issuer)) {
            OciLayout layout = new OciLayout(tmp.resolve("image"));
            OciLayout.Descriptor image = layout.taggedImage("v1", 91, 48 << 10, 16 << 10);
            upstream.push(layout.reference("v1"), "team/tokened:v1");
            rule("tokened", upstream, SECRET_ARN);
            long before = issuer.issued();

            assertThat(ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("tokened")).isValid()).isTrue();
            assertThat(pull(skopeo(), layout, "tokened/team/tokened:v1")).isEqualTo(image.digest());
            assertThat(issuer.issued()).isGreaterThan(before);
        }
    }
}
