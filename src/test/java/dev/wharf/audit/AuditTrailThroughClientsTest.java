package dev.wharf.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The audit trail as the AWS SDK for Java v2's CloudTrail client reads it: every call of every door
 * recorded as a CloudTrail event, {@code /v2/} pushes as the ECR actions they are, denials with
 * their error code, each account seeing its own events only, and no secret in any record.
 */
class AuditTrailThroughClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static CloudTrailClient cloudtrail(String accessKey, String secretKey) {
        return CloudTrailClient.builder().endpointOverride(URI.create(server.url())).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials(accessKey, secretKey, null))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static CloudTrailClient cloudtrail() {
        return cloudtrail(TestServer.ACCESS_KEY, TestServer.SECRET_KEY);
    }

    private static List<Event> lookup(LookupAttributeKey key, String value) {
        try (CloudTrailClient ct = cloudtrail()) {
            return ct.lookupEvents(r -> r.lookupAttributes(LookupAttribute.builder().attributeKey(key).attributeValue(value).build()))
                    .events();
        }
    }

    private static JsonNode record(Event e) throws Exception {
        return JSON.readTree(e.cloudTrailEvent());
    }

    /** An IAM user of the test account with an access key and, optionally, a managed policy. */
    private static AccessKey user(String name, String managedPolicy) {
        try (IamClient iam = server.iam()) {
            iam.createUser(r -> r.userName(name));
            if (managedPolicy != null) iam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/" + managedPolicy));
            return iam.createAccessKey(r -> r.userName(name)).accessKey();
        }
    }

    private static String password(EcrClient ecr) {
        String token = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
        String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        return decoded.substring(decoded.indexOf(':') + 1);
    }

    /** Pushes a one-layer image through {@code /v2/} and returns the manifest's text. */
    private static String push(OciClient oci, String repository, String tag) {
        String config = oci.pushBlob(repository, "{}".getBytes(StandardCharsets.UTF_8));
        byte[] layer = ("layer of " + repository + ":" + tag).getBytes(StandardCharsets.UTF_8);
        String layerDigest = oci.pushBlob(repository, layer);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config + "\",\"size\":2},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        oci.putManifest(repository, tag, OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        return manifest;
    }

    @Test
    void createRepositoryIsRecordedWithItsCallerParametersAndResult() throws Exception {
        String requestId;
        try (EcrClient ecr = server.ecr()) {
            requestId = ecr.createRepository(r -> r.repositoryName("audit/created")).responseMetadata().requestId();
        }
        Event e = lookup(LookupAttributeKey.RESOURCE_NAME, "audit/created").stream()
                .filter(x -> x.eventName().equals("CreateRepository")).findFirst().orElseThrow();
        assertThat(e.eventSource()).isEqualTo("ecr.amazonaws.com");
        assertThat(e.username()).isEqualTo("root");
        assertThat(e.accessKeyId()).isEqualTo(TestServer.ACCESS_KEY);
        assertThat(e.readOnly()).isEqualTo("false");
        assertThat(e.resources()).singleElement().satisfies(r -> {
            assertThat(r.resourceType()).isEqualTo("AWS::ECR::Repository");
            assertThat(r.resourceName()).isEqualTo("audit/created");
        });
        JsonNode rec = record(e);
        assertThat(rec.path("eventVersion").asText()).isEqualTo("1.08");
        assertThat(rec.path("eventName").asText()).isEqualTo("CreateRepository");
        assertThat(rec.path("awsRegion").asText()).isEqualTo(TestServer.REGION);
        assertThat(rec.path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(rec.path("userAgent").asText()).contains("aws-sdk-java");
        assertThat(rec.path("userIdentity").path("type").asText()).isEqualTo("Root");
        assertThat(rec.path("userIdentity").path("principalId").asText()).isEqualTo(TestServer.ACCOUNT);
        assertThat(rec.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT + ":root");
        assertThat(rec.path("userIdentity").path("accountId").asText()).isEqualTo(TestServer.ACCOUNT);
        assertThat(rec.path("userIdentity").path("accessKeyId").asText()).isEqualTo(TestServer.ACCESS_KEY);
        assertThat(rec.path("requestParameters").path("repositoryName").asText()).isEqualTo("audit/created");
        assertThat(rec.path("responseElements").path("repository").path("repositoryArn").asText())
                .isEqualTo("arn:aws:ecr:us-east-1:" + TestServer.ACCOUNT + ":repository/audit/created");
        assertThat(rec.path("requestID").asText()).isEqualTo(requestId);
        assertThat(rec.path("eventID").asText()).isEqualTo(e.eventId());
        assertThat(rec.path("readOnly").asBoolean()).isFalse();
        assertThat(rec.path("eventType").asText()).isEqualTo("AwsApiCall");
        assertThat(rec.path("managementEvent").asBoolean()).isTrue();
        assertThat(rec.path("recipientAccountId").asText()).isEqualTo(TestServer.ACCOUNT);
        assertThat(rec.has("errorCode")).isFalse();
        assertThat(Instant.parse(rec.path("eventTime").asText())).isEqualTo(e.eventTime());
    }

    @Test
    void aDeniedCallIsRecordedWithItsErrorCodeAndMessage() throws Exception {
        AccessKey key = user("audit-denied", null);
        try (EcrClient ecr = server.ecr(key.accessKeyId(), key.secretAccessKey())) {
            EcrException denied = catchThrowableOfType(EcrException.class, () -> ecr.describeRepositories(r -> {}));
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        }
        Event e = lookup(LookupAttributeKey.USERNAME, "audit-denied").stream()
                .filter(x -> x.eventName().equals("DescribeRepositories")).findFirst().orElseThrow();
        JsonNode rec = record(e);
        assertThat(rec.path("errorCode").asText()).isEqualTo("AccessDeniedException");
        assertThat(rec.path("errorMessage").asText()).contains("is not authorized to perform: ecr:DescribeRepositories");
        assertThat(rec.path("userIdentity").path("type").asText()).isEqualTo("IAMUser");
        assertThat(rec.path("userIdentity").path("userName").asText()).isEqualTo("audit-denied");
        assertThat(rec.path("userIdentity").path("accessKeyId").asText()).isEqualTo(key.accessKeyId());
        assertThat(rec.path("responseElements").isNull()).isTrue();
    }

    @Test
    void aV2PushIsRecordedAsTheEcrActionsOfAPushWithThePushersIdentity() throws Exception {
        server.createRepositories("audit/pushed");
        AccessKey key = user("audit-pusher", "AmazonEC2ContainerRegistryPowerUser");
        try (EcrClient ecr = server.ecr(key.accessKeyId(), key.secretAccessKey())) {
            push(new OciClient(server.url(), TestServer.basicAuth(password(ecr))), "audit/pushed", "v1");
        }
        List<Event> events = lookup(LookupAttributeKey.USERNAME, "audit-pusher");
        assertThat(events).extracting(Event::eventName)
                .contains("GetAuthorizationToken", "InitiateLayerUpload", "PutImage");
        Event put = events.stream().filter(x -> x.eventName().equals("PutImage")).findFirst().orElseThrow();
        JsonNode rec = record(put);
        assertThat(rec.path("eventSource").asText()).isEqualTo("ecr.amazonaws.com");
        assertThat(rec.path("userIdentity").path("arn").asText()).isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT + ":user/audit-pusher");
        assertThat(rec.path("userIdentity").path("accessKeyId").asText()).isEqualTo(key.accessKeyId());
        assertThat(rec.path("requestParameters").path("repositoryName").asText()).isEqualTo("audit/pushed");
        assertThat(rec.path("requestParameters").path("imageTag").asText()).isEqualTo("v1");
        assertThat(rec.path("requestParameters").path("registryId").asText()).isEqualTo(TestServer.ACCOUNT);
        assertThat(rec.path("readOnly").asBoolean()).isFalse();
        assertThat(put.resources()).extracting(r -> r.resourceName()).containsExactly("audit/pushed");
    }

    @Test
    void noSecretTokenSignatureOrManifestAppearsInAnyRecord() throws Exception {
        server.createRepositories("audit/secrets");
        AccessKey key = user("audit-secrets", "AmazonEC2ContainerRegistryPowerUser");
        List<String> secrets = new ArrayList<>(List.of(TestServer.SECRET_KEY, key.secretAccessKey()));
        try (EcrClient ecr = server.ecr(key.accessKeyId(), key.secretAccessKey());
             StsClient sts = server.sts(key.accessKeyId(), key.secretAccessKey(), null);
             IamClient iam = server.iam()) {
            String token = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
            String password = password(ecr);
            secrets.add(token);
            secrets.add(password);
            secrets.add(push(new OciClient(server.url(), TestServer.basicAuth(password)), "audit/secrets", "v1"));
            secrets.add(sts.getSessionToken().credentials().sessionToken());
            secrets.add(iam.createAccessKey(r -> r.userName("audit-secrets")).accessKey().secretAccessKey());
        }
        List<String> records = new ArrayList<>();
        try (CloudTrailClient ct = cloudtrail()) {
            ct.lookupEventsPaginator(LookupEventsRequest.builder().build()).events()
                    .forEach(e -> records.add(e.cloudTrailEvent()));
        }
        assertThat(records).as("the calls above were recorded").hasSizeGreaterThan(8);
        for (String r : records) {
            for (String s : secrets) assertThat(r).doesNotContain(s);
            assertThat(r).doesNotContain("Signature=").doesNotContain("Credential=").doesNotContain("AWS4-HMAC-SHA256");
        }
        assertThat(records).anyMatch(r -> r.contains("\"eventName\":\"GetSessionToken\"") && r.contains("\"eventSource\":\"sts.amazonaws.com\""));
        assertThat(records).anyMatch(r -> r.contains("\"eventName\":\"CreateAccessKey\"") && r.contains("\"eventSource\":\"iam.amazonaws.com\""));
    }

    @Test
    void anAccountSeesOnlyItsOwnEvents() {
        String other = "444455556666";
        server.app().identities().createAccount(other, "AKIAWHARFTESTOTHER01", "other-secret-key-000000000000000000000000", false);
        try (EcrClient ecr = server.ecr("AKIAWHARFTESTOTHER01", "other-secret-key-000000000000000000000000");
             CloudTrailClient ct = cloudtrail("AKIAWHARFTESTOTHER01", "other-secret-key-000000000000000000000000")) {
            ecr.createRepository(r -> r.repositoryName("audit/other"));
            List<Event> seen = new ArrayList<>();
            ct.lookupEventsPaginator(LookupEventsRequest.builder().build()).events().forEach(seen::add);
            assertThat(seen).extracting(Event::eventName).contains("CreateRepository");
            assertThat(seen).allSatisfy(e -> assertThat(record(e).path("recipientAccountId").asText()).isEqualTo(other));
        }
        assertThat(lookup(LookupAttributeKey.RESOURCE_NAME, "audit/other")).isEmpty();
    }

    @Test
    void pagesOfLookupEventsFollowEachOtherWithoutRepeats() {
        server.createRepositories("audit/page-1", "audit/page-2", "audit/page-3", "audit/page-4", "audit/page-5");
        try (CloudTrailClient ct = cloudtrail()) {
            LookupEventsRequest byName = LookupEventsRequest.builder().maxResults(2).lookupAttributes(LookupAttribute.builder()
                    .attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateRepository").build()).build();
            LookupEventsResponse first = ct.lookupEvents(byName);
            assertThat(first.events()).hasSize(2);
            assertThat(first.nextToken()).isNotBlank();
            List<String> ids = new ArrayList<>();
            ct.lookupEventsPaginator(byName).events().forEach(e -> ids.add(e.eventId()));
            assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
            List<String> names = new ArrayList<>();
            ct.lookupEventsPaginator(byName).events().forEach(e -> names.add(e.resources().get(0).resourceName()));
            assertThat(names).contains("audit/page-1", "audit/page-2", "audit/page-3", "audit/page-4", "audit/page-5");
            assertThat(ct.lookupEvents(byName.toBuilder().endTime(Instant.now().minusSeconds(3600)).build()).events()).isEmpty();
        }
    }

    private static String errorOf(Consumer<LookupEventsRequest.Builder> request) {
        try (CloudTrailClient ct = cloudtrail()) {
            CloudTrailException e = catchThrowableOfType(CloudTrailException.class, () -> ct.lookupEvents(request));
            assertThat(e).as("an error").isNotNull();
            assertThat(e.statusCode()).isEqualTo(400);
            return e.awsErrorDetails().errorCode();
        }
    }

    @Test
    void badLookupsAreCloudTrailsValidationErrors() {
        LookupAttribute byName = LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("PutImage").build();
        assertThat(errorOf(r -> r.lookupAttributes(byName, byName))).isEqualTo("InvalidLookupAttributesException");
        assertThat(errorOf(r -> r.lookupAttributes(LookupAttribute.builder().attributeKey("Colour").attributeValue("x").build())))
                .isEqualTo("InvalidLookupAttributesException");
        assertThat(errorOf(r -> r.lookupAttributes(LookupAttribute.builder().attributeKey(LookupAttributeKey.READ_ONLY)
                .attributeValue("maybe").build()))).isEqualTo("InvalidLookupAttributesException");
        assertThat(errorOf(r -> r.startTime(Instant.now()).endTime(Instant.now().minusSeconds(60)))).isEqualTo("InvalidTimeRangeException");
        assertThat(errorOf(r -> r.maxResults(0))).isEqualTo("InvalidMaxResultsException");
        assertThat(errorOf(r -> r.maxResults(51))).isEqualTo("InvalidMaxResultsException");
        assertThat(errorOf(r -> r.nextToken("not-a-token"))).isEqualTo("InvalidNextTokenException");
        assertThat(errorOf(r -> r.eventCategory("management"))).isEqualTo("InvalidEventCategoryException");
    }

    @Test
    void aTokenOfOneLookupDoesNotContinueAnother() {
        server.createRepositories("audit/token-1", "audit/token-2", "audit/token-3");
        try (CloudTrailClient ct = cloudtrail()) {
            String token = ct.lookupEvents(r -> r.maxResults(1)).nextToken();
            assertThat(token).isNotBlank();
            CloudTrailException e = catchThrowableOfType(CloudTrailException.class, () -> ct.lookupEvents(r -> r.maxResults(1).nextToken(token)
                    .lookupAttributes(LookupAttribute.builder().attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateRepository").build())));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextTokenException");
        }
    }

    @Test
    void lookupEventsIsAuthorizedAsCloudtrailLookupEvents() {
        AccessKey key = user("audit-no-trail", "AmazonEC2ContainerRegistryFullAccess");
        try (CloudTrailClient ct = cloudtrail(key.accessKeyId(), key.secretAccessKey())) {
            CloudTrailException e = catchThrowableOfType(CloudTrailException.class, () -> ct.lookupEvents(r -> {}));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).contains("cloudtrail:LookupEvents");
            try (IamClient iam = server.iam()) {
                iam.putUserPolicy(r -> r.userName("audit-no-trail").policyName("trail").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cloudtrail:LookupEvents\",\"Resource\":\"*\"}]}"));
            }
            assertThat(ct.lookupEvents(r -> {}).events()).isNotEmpty();
        }
    }
}
