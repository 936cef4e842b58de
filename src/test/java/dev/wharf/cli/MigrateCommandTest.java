package dev.wharf.cli;

import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.PostgresCluster;
import dev.wharf.testing.S3Proxy;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code wharf migrate} from a real embedded deployment, populated through real clients, into a
 * real PostgreSQL and S3 (S3Proxy): a node started there with the source's master key serves the
 * same images to the same keys and tokens; a run interrupted mid-blob continues; a corrupt blob
 * is named and never copied; a target that is not this source's copy is refused.
 */
@Tag(ExternalProcess.TAG)
class MigrateCommandTest {
    private static final String ZERO_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static PostgresCluster pg;
    private static S3Proxy s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresCluster.start();
        s3 = S3Proxy.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (s3 != null) s3.close();
        } finally {
            if (pg != null) pg.close();
        }
    }

    /** The environment of a new, empty PostgreSQL + S3 deployment whose nodes share the test servers' master key. */
    private static Map<String, String> newTarget() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("WHARF_STORAGE_METADATA", "postgres");
        env.put("WHARF_POSTGRES_URL", pg.createDatabase());
        env.put("WHARF_POSTGRES_USER", PostgresCluster.USER);
        env.put("WHARF_POSTGRES_PASSWORD", PostgresCluster.PASSWORD);
        env.put("WHARF_STORAGE_BLOBS", "s3");
        env.put("WHARF_S3_ENDPOINT", s3.endpoint().toString());
        env.put("WHARF_S3_REGION", S3Proxy.REGION);
        env.put("WHARF_S3_BUCKET", s3.createBucket("migrate-" + BUCKETS.incrementAndGet()));
        env.put("WHARF_S3_PATH_STYLE", "true");
        env.put("WHARF_S3_ACCESS_KEY_ID", S3Proxy.ACCESS_KEY);
        env.put("WHARF_S3_SECRET_ACCESS_KEY", S3Proxy.SECRET_KEY);
        env.put("WHARF_MASTER_KEY", ZERO_KEY);
        return env;
    }

    record Run(int exit, String out, String err) {}

    /** The process dying in the middle of a run: nothing below catches it, as nothing runs after a kill. */
    private static final class Crash extends Error {
        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    /** {@code wharf migrate --data-dir DIR} with this environment, told the running total of blob bytes read. */
    static Run migrate(Map<String, String> env, Path dataDir, LongConsumer blobBytesRead) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new MigrateCommand(env, blobBytesRead)).execute("--data-dir", dataDir.toString());
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Run migrate(Map<String, String> env, Path dataDir) {
        return migrate(env, dataDir, total -> { });
    }

    private static List<String> keys(Map<String, String> env, String under) {
        try (S3Client c = s3.client()) {
            return c.listObjectsV2Paginator(r -> r.bucket(env.get("WHARF_S3_BUCKET")).prefix(under)).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    private static void sql(Map<String, String> env, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(env.get("WHARF_POSTGRES_URL"), PostgresCluster.USER, PostgresCluster.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aNodeOnTheMigratedDeploymentServesTheSameImagesToTheSameKeysTokensAndSessions() throws Exception {
        Path data = tmp.resolve("data");
        OciLayout layout = new OciLayout(Files.createDirectory(tmp.resolve("image")));
        OciLayout.Descriptor image = layout.taggedImage("v1", 91, 300_000, 5_000);
        String oldPassword;
        AccessKey userKey;
        Credentials session;
        try (TestServer source = TestServer.startOn(data, Map.of()); EcrClient ecr = source.ecr(); IamClient iam = source.iam()) {
            source.createRepositories("team/app");
            ecr.tagResource(r -> r.resourceArn("arn:aws:ecr:us-east-1:" + TestServer.ACCOUNT + ":repository/team/app")
                    .tags(t -> t.key("owner").value("team")));
            Skopeo.loggedIn(source, ecr).push(layout.reference("v1"), "team/app", "v1").expectOk();
            ecr.setRepositoryPolicy(r -> r.repositoryName("team/app").policyText("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\","
                    + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + TestServer.ACCOUNT + ":root\"},\"Action\":\"ecr:BatchGetImage\"}]}"));
            ecr.putLifecyclePolicy(r -> r.repositoryName("team/app").lifecyclePolicyText("{\"rules\":[{\"rulePriority\":1,\"selection\":"
                    + "{\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5},\"action\":{\"type\":\"expire\"}}]}"));
            iam.createUser(r -> r.userName("ci"));
            iam.createGroup(r -> r.groupName("builders"));
            iam.addUserToGroup(r -> r.groupName("builders").userName("ci"));
            iam.attachUserPolicy(r -> r.userName("ci").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
            iam.putUserPolicy(r -> r.userName("ci").policyName("describe").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Action\":\"ecr:DescribeRepositories\",\"Resource\":\"*\"}]}"));
            userKey = iam.createAccessKey(r -> r.userName("ci")).accessKey();
            try (StsClient sts = source.sts(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null)) {
                session = sts.getSessionToken(r -> r.durationSeconds(3600)).credentials();
            }
            oldPassword = source.registryPassword();
        }

        Map<String, String> target = newTarget();
        Run first = migrate(target, data);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Migration complete").contains("Blobs done: 3 copied")
                .containsPattern("repositories +1 rows: 1 copied").containsPattern("iam_users +1 rows: 1 copied")
                .contains("start every node of the new deployment with the WHARF_MASTER_KEY");
        Run again = migrate(target, data);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("Metadata done: 0 rows copied").contains("Blobs done: 0 copied (0 B), 3 already there");

        try (TestServer node = TestServer.start(target); EcrClient ecr = node.ecr()) {
            Path pulled = tmp.resolve("pulled");
            Skopeo.loggedIn(node, ecr).pull("team/app:v1", pulled, "v1").expectOk();
            assertThat(OciLayout.taggedDigest(pulled, "v1")).isEqualTo(image.digest());
            for (String d : layout.closure(image.digest())) {
                assertThat(OciLayout.blob(pulled, d)).as(d).isEqualTo(layout.read(d));
            }
            HttpResponse<byte[]> withOldToken = new OciClient(node.url(), TestServer.basicAuth(oldPassword))
                    .send("GET", "/v2/team/app/manifests/v1", Map.of("Accept", OciLayout.OCI_MANIFEST), null);
            OciClient.expect(withOldToken, 200);
            try (EcrClient asUser = node.ecr(userKey.accessKeyId(), userKey.secretAccessKey());
                 EcrClient asSession = node.ecr(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())) {
                assertThat(asUser.describeRepositories(r -> {}).repositories()).extracting(r -> r.repositoryName()).containsExactly("team/app");
                assertThat(asSession.batchGetImage(r -> r.repositoryName("team/app").imageIds(ImageIdentifier.builder().imageTag("v1").build()))
                        .images()).hasSize(1);
            }
            assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName("team/app")).policyText()).contains("\"pull\"");
            assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("team/app")).lifecyclePolicyText()).contains("untagged");
            assertThat(ecr.listTagsForResource(r -> r.resourceArn("arn:aws:ecr:us-east-1:" + TestServer.ACCOUNT + ":repository/team/app"))
                    .tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("owner=team");
            try (IamClient iam = node.iam()) {
                assertThat(iam.listGroupsForUser(r -> r.userName("ci")).groups()).extracting(g -> g.groupName()).containsExactly("builders");
                assertThat(iam.listAttachedUserPolicies(r -> r.userName("ci")).attachedPolicies()).extracting(p -> p.policyName())
                        .containsExactly("AmazonEC2ContainerRegistryReadOnly");
                assertThat(iam.getUserPolicy(r -> r.userName("ci").policyName("describe")).policyDocument()).contains("DescribeRepositories");
            }
            // the copied ids are behind the sequences: a new repository gets a new id
            node.createRepositories("team/next");
            assertThat(ecr.describeRepositories(r -> {}).repositories()).hasSize(2);
        }
    }

    @Test
    void aMigrationStoppedMidBlobContinuesOnTheNextRunAndLeavesEachBlobOnceAndNoUploadBehind() throws Exception {
        Path data = tmp.resolve("data");
        List<byte[]> blobs = List.of(random(400_000, 1), random(300_000, 2), random(200_000, 3), random(10, 4));
        try (TestServer source = TestServer.startOn(data, Map.of())) {
            source.createRepositories("resume/app");
            OciClient oci = OciClient.of(source);
            for (byte[] b : blobs) oci.pushBlob("resume/app", b);
        }
        Map<String, String> target = newTarget();

        assertThatThrownBy(() -> migrate(target, data, total -> {
            if (total > 500_000) throw new Crash();
        })).isInstanceOf(Crash.class);
        assertThat(keys(target, "blobs/")).hasSizeLessThan(blobs.size());
        assertThat(keys(target, "uploads/")).as("the session the crash interrupted").isNotEmpty();

        Run resumed = migrate(target, data);
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Metadata done: 0 rows copied").containsPattern("Blobs done: [1-3] copied");
        assertThat(keys(target, "blobs/")).hasSize(blobs.size());
        assertThat(keys(target, "uploads/")).as("upload sessions left in the bucket").isEmpty();

        // rows lost from the target (as by a run stopped mid-table) are copied again, the others found equal
        sql(target, "DELETE FROM repository_blobs WHERE digest = '" + OciClient.sha256(blobs.get(3)) + "'");
        Run refilled = migrate(target, data);
        assertThat(refilled.exit()).as(refilled.err()).isZero();
        assertThat(refilled.out()).containsPattern("repository_blobs +4 rows: 1 copied, 3 already there");

        try (TestServer node = TestServer.start(target)) {
            OciClient oci = OciClient.of(node);
            for (byte[] b : blobs) {
                HttpResponse<byte[]> got = oci.send("GET", "/v2/resume/app/blobs/" + OciClient.sha256(b));
                OciClient.expect(got, 200);
                assertThat(got.body()).isEqualTo(b);
            }
        }
    }

    @Test
    void aCorruptSourceBlobFailsTheRunNamingItAndIsNeverCopied() throws Exception {
        Path data = tmp.resolve("data");
        byte[] good = random(50_000, 5);
        byte[] badFile = random(70_000, 6); // over storage.inlineBlobBytes: a file
        byte[] badRow = random(60_000, 7); // under it: a row of the database (docs/design.md, "Small blobs in the database")
        try (TestServer source = TestServer.startOn(data, Map.of())) {
            source.createRepositories("corrupt/app");
            OciClient oci = OciClient.of(source);
            oci.pushBlob("corrupt/app", good);
            oci.pushBlob("corrupt/app", badFile);
            oci.pushBlob("corrupt/app", badRow);
        }
        String badFileDigest = OciClient.sha256(badFile);
        Path file = data.resolve("blobs/sha256").resolve(badFileDigest.substring(7, 9)).resolve(badFileDigest.substring(7));
        byte[] flipped = Files.readAllBytes(file);
        flipped[1234] ^= 1;
        Files.write(file, flipped);
        String badRowDigest = OciClient.sha256(badRow);
        byte[] flippedRow = badRow.clone();
        flippedRow[4321] ^= 1;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("wharf.db"));
             PreparedStatement ps = c.prepareStatement("UPDATE blob_contents SET content = ? WHERE digest = ?")) {
            ps.setBytes(1, flippedRow);
            ps.setString(2, badRowDigest);
            assertThat(ps.executeUpdate()).as("the small blob's row").isEqualTo(1);
        }
        Map<String, String> target = newTarget();

        Run run = migrate(target, data);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("Migration incomplete").contains("Blobs done: 1 copied");
        assertThat(run.err()).contains("2 blobs could not be copied").contains(badFileDigest + ": the source's bytes are corrupt")
                .contains(badRowDigest + ": the source's bytes are corrupt");
        assertThat(keys(target, "blobs/")).containsExactly("blobs/sha256/" + OciClient.sha256(good).substring(7, 9) + "/"
                + OciClient.sha256(good).substring(7));
        assertThat(keys(target, "uploads/")).isEmpty();
    }

    @Test
    void aTargetThatIsNotThisSourcesCopyIsRefusedSayingWhy() throws Exception {
        Path data = tmp.resolve("data");
        try (TestServer source = TestServer.startOn(data, Map.of())) {
            source.createRepositories("refuse/app");
        }
        Map<String, String> inUse = newTarget();
        try (TestServer other = TestServer.start(inUse)) {
            other.app().identities().createAccount("999988887777", null, null, false);
        }
        Run foreign = migrate(inUse, data);
        assertThat(foreign.exit()).isEqualTo(2);
        assertThat(foreign.err()).contains("already holds account 999988887777");

        Map<String, String> diverged = newTarget();
        assertThat(migrate(diverged, data).exit()).isZero();
        sql(diverged, "UPDATE repositories SET tag_mutability = 'IMMUTABLE'");
        Run conflict = migrate(diverged, data);
        assertThat(conflict.exit()).isEqualTo(2);
        assertThat(conflict.err()).contains("table repositories already holds a different row");

        Map<String, String> otherKey = newTarget();
        byte[] key = new byte[32];
        key[0] = 7;
        otherKey.put("WHARF_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        Run wrongKey = migrate(otherKey, data);
        assertThat(wrongKey.exit()).isEqualTo(2);
        assertThat(wrongKey.err()).contains("WHARF_MASTER_KEY is not the master key");

        Map<String, String> embedded = new HashMap<>(Map.of("WHARF_MASTER_KEY", ZERO_KEY));
        Run notRemote = migrate(embedded, data);
        assertThat(notRemote.exit()).isEqualTo(2);
        assertThat(notRemote.err()).contains("the target must be a PostgreSQL + S3 deployment");

        Run noSource = migrate(newTarget(), tmp.resolve("nothing-here"));
        assertThat(noSource.exit()).isEqualTo(2);
        assertThat(noSource.err()).contains("no embedded deployment in").contains("wharf.db is missing");
        assertThat(tmp.resolve("nothing-here")).doesNotExist();
    }

    @Test
    void aKeyFileTheEmbeddedServerGeneratedIsUsedAndTheRunSaysHowToGiveItToTheNodes() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, String> noKey = Map.of("WHARF_MANAGEMENT_PORT", "0");
        WharfConfig embedded = new ConfigLoader(noKey).load(new ConfigLoader.Flags("127.0.0.1", 0, data, null));
        try (Application source = Application.create(embedded, noKey, Clock.systemUTC())) {
            source.identities().createAccount(TestServer.ACCOUNT, TestServer.ACCESS_KEY, TestServer.SECRET_KEY, true);
        }
        Path keyFile = data.resolve("master.key");
        assertThat(keyFile).exists();
        Map<String, String> target = newTarget();

        Run withAnotherKey = migrate(target, data);
        assertThat(withAnotherKey.exit()).isEqualTo(2);
        assertThat(withAnotherKey.err()).contains("WHARF_MASTER_KEY is not the master key").contains("holds its own key in " + keyFile);

        target.remove("WHARF_MASTER_KEY");
        Run run = migrate(target, data);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("export WHARF_MASTER_KEY=\"$(cat " + keyFile.toAbsolutePath().normalize() + ")\"");

        Map<String, String> node = new HashMap<>(target);
        node.put("WHARF_MASTER_KEY", Files.readString(keyFile).trim());
        node.put("WHARF_MANAGEMENT_PORT", "0");
        WharfConfig config = new ConfigLoader(node).load(new ConfigLoader.Flags("127.0.0.1", 0, tmp.resolve("node"), null));
        try (Application app = Application.create(config, node, Clock.systemUTC())) {
            app.start();
            try (EcrClient ecr = EcrClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + app.port()))
                    .region(Region.of(TestServer.REGION)).credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                assertThat(ecr.describeRepositories(r -> {}).repositories()).isEmpty();
            }
        }
    }
}
