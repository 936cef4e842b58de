package dev.wharf;

import dev.wharf.testing.OciClient;
import dev.wharf.testing.RequestStatements;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 (request rates): once the rows a pull reads are cached, a manifest GET, a blob HEAD and a
 * blob GET each make exactly one metadata statement, the read of the shared cache generation that
 * keeps the cached rows exact across nodes (docs/design.md, "Caches across nodes").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarmPullStatementsTest {
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String GENERATION = "SELECT generation FROM cache_generations WHERE area = ?";
    private Path dataDir;
    private RequestStatements statements;
    private TestServer server;
    private OciClient client;
    private String manifestDigest;
    private String layerDigest;
    private String bigLayerDigest;
    private OciClient puller;
    private OciClient roleSession;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("wharf-statements");
        statements = RequestStatements.install(dataDir);
        server = TestServer.startOn(dataDir, Map.of());
        server.createRepositories("warm");
        client = OciClient.of(server);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer = "a layer".getBytes(StandardCharsets.UTF_8);
        String configDigest = client.pushBlob("warm", config);
        layerDigest = client.pushBlob("warm", layer);
        // over storage.inlineBlobBytes: a file, where "a layer" is a row of the database (docs/design.md, "Small blobs in the database")
        bigLayerDigest = client.pushBlob("warm", "a larger layer ".repeat(5000).getBytes(StandardCharsets.UTF_8));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest
                + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        client.putManifest("warm", "latest", MANIFEST, manifest);
        manifestDigest = OciClient.sha256(manifest);
        puller = iamUser();
        roleSession = roleSession();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) server.close();
        } finally {
            statements.close();
            TestServer.deleteTree(dataDir);
        }
    }

    /**
     * An IAM user whose pull is allowed through each kind of identity policy: inline, an AWS managed
     * policy, and a customer managed policy attached to one of its groups.
     */
    private OciClient iamUser() {
        String allowPull = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"],\"Resource\":\"*\"}]}";
        AccessKey key;
        try (IamClient iam = server.iam()) {
            iam.createUser(r -> r.userName("puller"));
            iam.putUserPolicy(r -> r.userName("puller").policyName("login").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"}]}"));
            iam.attachUserPolicy(r -> r.userName("puller").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
            String arn = iam.createPolicy(r -> r.policyName("pull").policyDocument(allowPull)).policy().arn();
            iam.createGroup(r -> r.groupName("pullers"));
            iam.attachGroupPolicy(r -> r.groupName("pullers").policyArn(arn));
            iam.addUserToGroup(r -> r.groupName("pullers").userName("puller"));
            key = iam.createAccessKey(r -> r.userName("puller")).accessKey();
        }
        try (EcrClient ecr = server.ecr(key.accessKeyId(), key.secretAccessKey())) {
            String token = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return new OciClient(server.url(), TestServer.basicAuth(decoded.substring(decoded.indexOf(':') + 1)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, manifests/latest",
            "HEAD, manifests/latest",
            "GET, manifests/MANIFEST",
            "HEAD, blobs/LAYER",
            "GET, blobs/LAYER", // a row of the database, read once and then kept (docs/design.md, "Small blobs in the database")
            "GET, blobs/BIG",
    })
    void aWarmPullRequestReadsOnlyTheCacheGeneration(String method, String path) {
        expectStatements(client, method, path, GENERATION);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, manifests/latest",
            "HEAD, blobs/LAYER",
    })
    void aWarmPullRequestOfAnIamUserReadsOnlyTheCacheGeneration(String method, String path) {
        expectOneStatement(puller, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, manifests/latest",
            "HEAD, blobs/LAYER",
    })
    void aWarmPullRequestOfAnAssumedRoleReadsOnlyTheCacheGeneration(String method, String path) {
        expectOneStatement(roleSession, method, path);
    }

    /** A session of a role with the AWS managed read-only policy, assumed by a user the role trusts. */
    private OciClient roleSession() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + TestServer.ACCOUNT + ":user/assumer\"},\"Action\":\"sts:AssumeRole\"}]}";
        AccessKey key;
        try (IamClient iam = server.iam()) {
            iam.createUser(r -> r.userName("assumer"));
            iam.putUserPolicy(r -> r.userName("assumer").policyName("assume").policyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
            key = iam.createAccessKey(r -> r.userName("assumer")).accessKey();
            iam.createRole(r -> r.roleName("reader").assumeRolePolicyDocument(trust));
            iam.attachRolePolicy(r -> r.roleName("reader").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
        }
        Credentials c;
        try (StsClient sts = server.sts(key.accessKeyId(), key.secretAccessKey(), null)) {
            c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + TestServer.ACCOUNT + ":role/reader").roleSessionName("ci"))
                    .credentials();
        }
        try (EcrClient ecr = server.ecr(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())) {
            String token = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            return new OciClient(server.url(), TestServer.basicAuth(decoded.substring(decoded.indexOf(':') + 1)));
        }
    }

    private void expectOneStatement(OciClient client, String method, String path) {
        expectStatements(client, method, path, GENERATION);
    }

    private void expectStatements(OciClient client, String method, String path, String... expected) {
        String url = "/v2/warm/" + path.replace("MANIFEST", manifestDigest).replace("BIG", bigLayerDigest).replace("LAYER", layerDigest);
        OciClient.expect(client.send(method, url, Map.of("Accept", MANIFEST), null), 200);
        OciClient.expect(client.send(method, url, Map.of("Accept", MANIFEST), null), 200);
        statements.take();

        OciClient.expect(client.send(method, url, Map.of("Accept", MANIFEST), null), 200);

        List<String> run = statements.take();
        assertThat(run).as("the statements of one warm %s %s", method, path).containsExactlyInAnyOrder(expected);
    }
}
