package dev.wharf.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.registry.SecretValues;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Secrets Manager subset through the AWS SDK for Java v2's {@code SecretsManagerClient}: every
 * operation, its errors, IAM authorization, encryption at rest, the audit trail, and the
 * {@code registry.SecretValues} port the pull-through cache reads credentials through.
 */
@WharfTest
class SecretsManagerThroughSdkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIALS = "{\"username\":\"u\",\"accessToken\":\"p-very-secret-0001\"}";
    private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-1:" + TestServer.ACCOUNT + ":secret:";

    static SecretsManagerClient client(TestServer s, String accessKey, String secretKey) {
        return SecretsManagerClient.builder().endpointOverride(URI.create(s.url())).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials(accessKey, secretKey, null))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SecretsManagerClient root(TestServer s) {
        return client(s, TestServer.ACCESS_KEY, TestServer.SECRET_KEY);
    }

    @Test
    void aCreatedSecretIsReadByNameFullArnAndPartialArn(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            CreateSecretResponse created = sm.createSecret(r -> r.name("ecr-pullthroughcache/upstream").secretString(CREDENTIALS));
            assertThat(created.arn()).matches(java.util.regex.Pattern.quote(ARN_PREFIX + "ecr-pullthroughcache/upstream-") + "[A-Za-z0-9]{6}");
            assertThat(created.name()).isEqualTo("ecr-pullthroughcache/upstream");
            assertThat(created.versionId()).hasSizeBetween(32, 64);
            for (String id : List.of("ecr-pullthroughcache/upstream", created.arn(), ARN_PREFIX + "ecr-pullthroughcache/upstream")) {
                GetSecretValueResponse v = sm.getSecretValue(r -> r.secretId(id));
                assertThat(v.secretString()).isEqualTo(CREDENTIALS);
                assertThat(v.arn()).isEqualTo(created.arn());
                assertThat(v.versionId()).isEqualTo(created.versionId());
                assertThat(v.versionStages()).containsExactly("AWSCURRENT");
                assertThat(v.createdDate()).isNotNull();
            }
        }
    }

    @Test
    void putSecretValueMovesAwsCurrentAndAwsPrevious(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            CreateSecretResponse created = sm.createSecret(r -> r.name("rotating").secretString("one"));
            PutSecretValueResponse put = sm.putSecretValue(r -> r.secretId("rotating").secretString("two"));
            assertThat(put.versionStages()).containsExactly("AWSCURRENT");
            assertThat(sm.getSecretValue(r -> r.secretId("rotating")).secretString()).isEqualTo("two");
            GetSecretValueResponse previous = sm.getSecretValue(r -> r.secretId("rotating").versionStage("AWSPREVIOUS"));
            assertThat(previous.secretString()).isEqualTo("one");
            assertThat(previous.versionId()).isEqualTo(created.versionId());
            assertThat(sm.getSecretValue(r -> r.secretId("rotating").versionId(created.versionId())).secretString()).isEqualTo("one");

            DescribeSecretResponse d = sm.describeSecret(r -> r.secretId("rotating"));
            assertThat(d.versionIdsToStages()).containsEntry(put.versionId(), List.of("AWSCURRENT"))
                    .containsEntry(created.versionId(), List.of("AWSPREVIOUS"));

            PutSecretValueResponse pending = sm.putSecretValue(r -> r.secretId("rotating").secretString("three").versionStages("AWSPENDING"));
            assertThat(pending.versionStages()).containsExactly("AWSPENDING");
            assertThat(sm.getSecretValue(r -> r.secretId("rotating")).secretString()).as("a label other than AWSCURRENT leaves it").isEqualTo("two");
        }
    }

    @Test
    void concurrentPutsLeaveOneCurrentAndOnePreviousAndLoseNoVersion(TestServer s) throws Exception {
        try (SecretsManagerClient sm = root(s)) {
            sm.createSecret(r -> r.name("contended").secretString("v0"));
            List<java.util.concurrent.Future<List<String>>> writers = new ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        List<String> ids = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            int n = i;
                            ids.add(sm.putSecretValue(r -> r.secretId("contended").secretString("w" + writer + "-" + n)).versionId());
                        }
                        return ids;
                    }));
                }
                List<String> all = new ArrayList<>();
                for (var f : writers) all.addAll(f.get(2, java.util.concurrent.TimeUnit.MINUTES));
                for (String id : all) {
                    assertThat(sm.getSecretValue(r -> r.secretId("contended").versionId(id)).secretString()).startsWith("w");
                }
            }
            var stages = sm.describeSecret(r -> r.secretId("contended")).versionIdsToStages();
            assertThat(stages.values().stream().flatMap(List::stream).toList()).containsExactlyInAnyOrder("AWSCURRENT", "AWSPREVIOUS");
        }
    }

    @Test
    void aRetryWithTheSameClientRequestTokenChangesNothingAndAnotherValueIsRefused(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            String token = "11111111-2222-3333-4444-555555555555";
            CreateSecretResponse first = sm.createSecret(r -> r.name("idem").secretString("v").clientRequestToken(token));
            CreateSecretResponse again = sm.createSecret(r -> r.name("idem").secretString("v").clientRequestToken(token));
            assertThat(again.arn()).isEqualTo(first.arn());
            assertThat(again.versionId()).isEqualTo(token);

            String token2 = "66666666-2222-3333-4444-555555555555";
            PutSecretValueResponse put = sm.putSecretValue(r -> r.secretId("idem").secretString("w").clientRequestToken(token2));
            PutSecretValueResponse retried = sm.putSecretValue(r -> r.secretId("idem").secretString("w").clientRequestToken(token2));
            assertThat(retried.versionId()).isEqualTo(put.versionId()).isEqualTo(token2);
            assertThat(sm.getSecretValue(r -> r.secretId("idem").versionStage("AWSPREVIOUS")).versionId()).as("no second move").isEqualTo(token);
            assertThatThrownBy(() -> sm.putSecretValue(r -> r.secretId("idem").secretString("x").clientRequestToken(token2)))
                    .isInstanceOf(ResourceExistsException.class);
            assertThatThrownBy(() -> sm.createSecret(r -> r.name("idem").secretString("other")))
                    .isInstanceOf(ResourceExistsException.class).hasMessageContaining("idem already exists");
        }
    }

    @Test
    void aBinarySecretComesBackAsTheSameBytes(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            byte[] bytes = {0, 1, 2, (byte) 0xff, 10};
            sm.createSecret(r -> r.name("binary").secretBinary(SdkBytes.fromByteArray(bytes)));
            GetSecretValueResponse v = sm.getSecretValue(r -> r.secretId("binary"));
            assertThat(v.secretBinary().asByteArray()).isEqualTo(bytes);
            assertThat(v.secretString()).isNull();
            assertThat(s.app().secretValues().secretString(TestServer.ACCOUNT, v.arn())).as("the port reads text only").isEmpty();
        }
    }

    @Test
    void aSecretWithoutAValueHasNoCurrentVersionUntilOneIsPut(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            CreateSecretResponse created = sm.createSecret(r -> r.name("later").description("filled in later"));
            assertThat(created.versionId()).isNull();
            assertThatThrownBy(() -> sm.getSecretValue(r -> r.secretId("later"))).isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("AWSCURRENT");
            var first = sm.putSecretValue(r -> r.secretId("later").secretString("now").versionStages("AWSPENDING"));
            assertThat(first.versionStages()).as("a first version is current too").containsExactly("AWSCURRENT", "AWSPENDING");
            assertThat(sm.getSecretValue(r -> r.secretId("later")).secretString()).isEqualTo("now");
        }
    }

    @Test
    void missingSecretsAndVersionsAreResourceNotFound(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            sm.createSecret(r -> r.name("present").secretString("v"));
            assertThatThrownBy(() -> sm.getSecretValue(r -> r.secretId("absent"))).isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageStartingWith("Secrets Manager can't find the specified secret. (Service: SecretsManager, Status Code: 400");
            assertThatThrownBy(() -> sm.describeSecret(r -> r.secretId(ARN_PREFIX + "present-XXXXXX"))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> sm.putSecretValue(r -> r.secretId("absent").secretString("v"))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> sm.deleteSecret(r -> r.secretId("absent"))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> sm.getSecretValue(r -> r.secretId("present").versionStage("AWSPENDING")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> sm.getSecretValue(r -> r.secretId("present").versionId("00000000-0000-0000-0000-000000000000")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @ParameterizedTest(name = "name {0} is refused")
    @ValueSource(strings = {"has space", "semi;colon", "émoji", "back\\slash"})
    void namesOutsideTheAllowedCharactersAreInvalidParameter(String name, TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            assertThatThrownBy(() -> sm.createSecret(r -> r.name(name).secretString("v"))).isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("Invalid name");
        }
    }

    @Test
    void inputsBeyondTheModelsLimitsAreValidationErrorsThatNeverQuoteTheValue(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            String big = "s".repeat(65_537);
            SecretsManagerException tooBig = catchThrowableOfType(SecretsManagerException.class,
                    () -> sm.createSecret(r -> r.name("big").secretString(big)));
            assertThat(tooBig.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(tooBig.getMessage()).doesNotContain("sss");
            sm.createSecret(r -> r.name("largest").secretString("s".repeat(65_536)));
            assertThat(catchThrowableOfType(SecretsManagerException.class, () -> sm.createSecret(r -> r.name("n".repeat(513))))
                    .awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThatThrownBy(() -> sm.createSecret(r -> r.name("both").secretString("v").secretBinary(SdkBytes.fromUtf8String("b"))))
                    .isInstanceOf(InvalidParameterException.class);
            assertThatThrownBy(() -> sm.putSecretValue(r -> r.secretId("largest"))).isInstanceOf(InvalidParameterException.class);
            assertThatThrownBy(() -> sm.createSecret(r -> r.name("kms").secretString("v").kmsKeyId("alias/mine")))
                    .isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    void aSecretScheduledForDeletionCanBeDescribedButNotReadChangedOrRecreated(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            sm.createSecret(r -> r.name("doomed").secretString("v"));
            Instant before = Instant.now();
            DeleteSecretResponse deleted = sm.deleteSecret(r -> r.secretId("doomed").recoveryWindowInDays(7L));
            assertThat(deleted.deletionDate()).isBetween(before.plus(Duration.ofDays(7)).minusSeconds(5), Instant.now().plus(Duration.ofDays(7)));
            assertThatThrownBy(() -> sm.getSecretValue(r -> r.secretId("doomed"))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("marked for deletion");
            assertThatThrownBy(() -> sm.putSecretValue(r -> r.secretId("doomed").secretString("w"))).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> sm.createSecret(r -> r.name("doomed").secretString("w"))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("scheduled for deletion");
            assertThatThrownBy(() -> sm.deleteSecret(r -> r.secretId("doomed"))).isInstanceOf(InvalidRequestException.class);
            assertThat(sm.describeSecret(r -> r.secretId("doomed")).deletedDate()).isEqualTo(deleted.deletionDate());
            assertThat(s.app().secretValues().secretString(TestServer.ACCOUNT, deleted.arn())).isEmpty();

            assertThat(names(sm.listSecrets(r -> r.filters(nameFilter("doomed"))))).isEmpty();
            assertThat(names(sm.listSecrets(r -> r.filters(nameFilter("doomed")).includePlannedDeletion(true)))).containsExactly("doomed");

            sm.deleteSecret(r -> r.secretId("doomed").forceDeleteWithoutRecovery(true));
            assertThatThrownBy(() -> sm.describeSecret(r -> r.secretId("doomed"))).isInstanceOf(ResourceNotFoundException.class);
            assertThat(sm.createSecret(r -> r.name("doomed").secretString("again")).arn()).as("a new ARN for a new secret")
                    .isNotEqualTo(deleted.arn());
        }
    }

    @Test
    void theRecoveryWindowIsSevenToThirtyDaysThirtyByDefaultAndExclusiveWithForce(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            sm.createSecret(r -> r.name("windowed").secretString("v"));
            for (long days : new long[] {6, 31}) {
                assertThatThrownBy(() -> sm.deleteSecret(r -> r.secretId("windowed").recoveryWindowInDays(days)))
                        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("between 7 and 30");
            }
            assertThatThrownBy(() -> sm.deleteSecret(r -> r.secretId("windowed").recoveryWindowInDays(7L).forceDeleteWithoutRecovery(true)))
                    .isInstanceOf(InvalidParameterException.class);
            Instant before = Instant.now();
            assertThat(sm.deleteSecret(r -> r.secretId("windowed")).deletionDate()).isAfter(before.plus(Duration.ofDays(30)).minusSeconds(5));
        }
    }

    @Test
    void listSecretsFiltersByNameAndTagsAndPagesWithATokenBoundToTheQuery(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            for (int i = 0; i < 5; i++) {
                int n = i;
                sm.createSecret(r -> r.name("paged/s" + n).secretString("v").description("Paged number " + n)
                        .tags(Tag.builder().key("team").value(n % 2 == 0 ? "even" : "odd").build()));
            }
            ListSecretsResponse first = sm.listSecrets(r -> r.maxResults(2).filters(nameFilter("paged/")));
            assertThat(names(first)).containsExactly("paged/s0", "paged/s1");
            assertThat(first.secretList().get(0).secretVersionsToStages()).hasSize(1);
            assertThat(first.secretList().get(0).tags()).containsExactly(Tag.builder().key("team").value("even").build());
            List<String> all = new ArrayList<>();
            sm.listSecretsPaginator(r -> r.maxResults(2).filters(nameFilter("paged/"))).forEach(p -> all.addAll(names(p)));
            assertThat(all).containsExactly("paged/s0", "paged/s1", "paged/s2", "paged/s3", "paged/s4");
            assertThat(names(sm.listSecrets(r -> r.filters(nameFilter("paged/")).sortOrder("desc")))).startsWith("paged/s4");
            assertThat(names(sm.listSecrets(r -> r.filters(nameFilter("paged/"),
                    Filter.builder().key(FilterNameStringType.TAG_VALUE).values("odd").build())))).containsExactly("paged/s1", "paged/s3");
            assertThat(names(sm.listSecrets(r -> r.filters(nameFilter("paged/"), nameFilter("!paged/s0"))))).hasSize(4).doesNotContain("paged/s0");
            assertThat(names(sm.listSecrets(r -> r.filters(Filter.builder().key(FilterNameStringType.DESCRIPTION).values("paged NUMBER 3").build()))))
                    .containsExactly("paged/s3");

            assertThatThrownBy(() -> sm.listSecrets(r -> r.nextToken(first.nextToken()).filters(nameFilter("other"))))
                    .isInstanceOf(InvalidNextTokenException.class);
            assertThatThrownBy(() -> sm.listSecrets(r -> r.nextToken("forged"))).isInstanceOf(InvalidNextTokenException.class);
            assertThat(catchThrowableOfType(SecretsManagerException.class, () -> sm.listSecrets(r -> r.maxResults(101)))
                    .awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        }
    }

    private static Filter nameFilter(String value) {
        return Filter.builder().key(FilterNameStringType.NAME).values(value).build();
    }

    private static List<String> names(ListSecretsResponse r) {
        return r.secretList().stream().map(SecretListEntry::name).toList();
    }

    @Test
    void anIamUserNeedsPermissionForEachActionOnTheSecretsArn(TestServer s, IamClient iam) {
        try (SecretsManagerClient sm = root(s)) {
            sm.createSecret(r -> r.name("app/db").secretString("app-value"));
            sm.createSecret(r -> r.name("ops/db").secretString("ops-value"));
        }
        iam.createUser(r -> r.userName("reader"));
        iam.putUserPolicy(r -> r.userName("reader").policyName("read-app").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],
                 "Resource":"arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*"}]}"""));
        AccessKey key = iam.createAccessKey(r -> r.userName("reader")).accessKey();
        iam.createUser(r -> r.userName("nobody"));
        AccessKey none = iam.createAccessKey(r -> r.userName("nobody")).accessKey();
        try (SecretsManagerClient reader = client(s, key.accessKeyId(), key.secretAccessKey());
             SecretsManagerClient nobody = client(s, none.accessKeyId(), none.secretAccessKey())) {
            assertThat(reader.getSecretValue(r -> r.secretId("app/db")).secretString()).isEqualTo("app-value");
            assertThat(denied(() -> reader.getSecretValue(r -> r.secretId("ops/db")))).doesNotContain("ops-value");
            denied(() -> reader.getSecretValue(r -> r.secretId("ops/absent")));
            assertThatThrownBy(() -> reader.getSecretValue(r -> r.secretId("app/absent"))).as("allowed, so told it is missing")
                    .isInstanceOf(ResourceNotFoundException.class);
            denied(() -> reader.putSecretValue(r -> r.secretId("app/db").secretString("x")));
            denied(() -> reader.deleteSecret(r -> r.secretId("app/db")));
            denied(() -> reader.listSecrets(r -> {}));
            denied(() -> reader.createSecret(r -> r.name("app/new").secretString("x")));
            denied(() -> nobody.describeSecret(r -> r.secretId("app/db")));
            denied(() -> nobody.getSecretValue(r -> r.secretId("app/db")));
        }
        try (SecretsManagerClient sm = root(s)) {
            assertThat(sm.getSecretValue(r -> r.secretId("app/db")).secretString()).as("nothing the denied calls did stuck").isEqualTo("app-value");
        }
    }

    /** The call is refused with AccessDeniedException; its message is returned. */
    private static String denied(Runnable call) {
        SecretsManagerException e = catchThrowableOfType(SecretsManagerException.class, call::run);
        assertThat(e).as("denied").isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        return e.getMessage();
    }

    @Test
    void theStoredValueIsEncryptedAndTheAuditTrailHidesIt(TestServer s) throws Exception {
        String value = "{\"username\":\"u\",\"accessToken\":\"at-rest-marker-7f3a\"}";
        String arn;
        try (SecretsManagerClient sm = root(s)) {
            arn = sm.createSecret(r -> r.name("at-rest").secretString(value)).arn();
            sm.putSecretValue(r -> r.secretId("at-rest").secretString(value + " "));
            sm.getSecretValue(r -> r.secretId("at-rest"));
        }
        List<String> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + s.dataDir().resolve("wharf.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT v.value_enc FROM secret_versions v WHERE v.secret_arn = '" + arn + "'")) {
            while (rs.next()) stored.add(rs.getString(1));
        }
        assertThat(stored).hasSize(2).allSatisfy(enc -> {
            assertThat(enc).startsWith("v1:").doesNotContain("at-rest-marker");
            assertThat(new String(Base64.getDecoder().decode(enc.substring(3)), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("at-rest-marker");
        });

        try (CloudTrailClient ct = CloudTrailClient.builder().endpointOverride(URI.create(s.url())).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (String op : List.of("CreateSecret", "PutSecretValue", "GetSecretValue")) {
                var events = ct.lookupEvents(r -> r.lookupAttributes(LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME)
                        .attributeValue(op).build())).events();
                assertThat(events).as(op).isNotEmpty();
                for (var e : events) {
                    JsonNode record = JSON.readTree(e.cloudTrailEvent());
                    assertThat(e.cloudTrailEvent()).as(op).doesNotContain("at-rest-marker");
                    assertThat(record.path("eventSource").asText()).isEqualTo("secretsmanager.amazonaws.com");
                }
                if (!op.equals("CreateSecret")) {
                    // which secret was read or changed is what an auditor asks first; its value never shows
                    assertThat(events).as(op).anySatisfy(e -> assertThat(JSON.readTree(e.cloudTrailEvent())
                            .path("requestParameters").path("secretId").asText()).isEqualTo("at-rest"));
                }
            }
        }
    }

    @Test
    void thePortReadsTheCurrentStringOfASecretOfTheGivenAccountOnly(TestServer s) {
        try (SecretsManagerClient sm = root(s)) {
            String arn = sm.createSecret(r -> r.name("ecr-pullthroughcache/hub").secretString(CREDENTIALS)).arn();
            sm.putSecretValue(r -> r.secretId(arn).secretString("{\"username\":\"u\",\"accessToken\":\"rotated\"}"));
            SecretValues port = s.app().secretValues();
            assertThat(port.secretString(TestServer.ACCOUNT, arn)).contains("{\"username\":\"u\",\"accessToken\":\"rotated\"}");
            assertThat(port.secretString("444455556666", arn)).isEmpty();
            assertThat(port.secretString(TestServer.ACCOUNT, ARN_PREFIX + "ecr-pullthroughcache/hub")).as("a full ARN only").isEqualTo(Optional.empty());
        }
    }
}
