package dev.wharf.ecr;

import dev.wharf.testing.WharfTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ECR control plane through the AWS SDK for Java v2, and the AWS errors of every failure the issue names. */
@WharfTest
class EcrControlPlaneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private static TestServer server;
    private static EcrClient ecr;

    @BeforeAll
    static void start(TestServer s, EcrClient e) {
        server = s;
        ecr = e;
    }

    @Test
    void aCreatedRepositoryHasTheShapeOfTheEcrApiReference() {
        Repository r = ecr.createRepository(b -> b.repositoryName("shape/web-app").imageTagMutability("IMMUTABLE")
                .tags(t -> t.key("team").value("a"))).repository();
        assertThat(r.registryId()).isEqualTo(TestServer.ACCOUNT);
        assertThat(r.repositoryName()).isEqualTo("shape/web-app");
        assertThat(r.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:111122223333:repository/shape/web-app");
        assertThat(r.repositoryUri()).startsWith("111122223333.dkr.ecr.us-east-1.").endsWith("/shape/web-app");
        assertThat(r.imageTagMutabilityAsString()).isEqualTo("IMMUTABLE");
        assertThat(r.createdAt()).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plusSeconds(1));
        ecr.deleteRepository(b -> b.repositoryName("shape/web-app"));
    }

    @Test
    void aSecondCreateIsRepositoryAlreadyExists() {
        ecr.createRepository(b -> b.repositoryName("twice"));
        assertThatThrownBy(() -> ecr.createRepository(b -> b.repositoryName("twice")))
                .isInstanceOf(RepositoryAlreadyExistsException.class)
                .hasMessageContaining("The repository with name 'twice' already exists in the registry with id '111122223333'");
        ecr.deleteRepository(b -> b.repositoryName("twice"));
    }

    @Test
    void describingOrDeletingAMissingRepositoryIsRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.describeRepositories(b -> b.repositoryNames("nowhere")))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageContaining("The repository with name 'nowhere' does not exist in the registry with id '111122223333'");
        assertThatThrownBy(() -> ecr.deleteRepository(b -> b.repositoryName("nowhere"))).isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void aRepositoryWithImagesIsDeletedOnlyWithForce() {
        ecr.createRepository(b -> b.repositoryName("full"));
        OciClient oci = OciClient.of(server);
        String config = oci.pushBlob("full", "{}".getBytes());
        oci.putManifest("full", "v1", "application/vnd.oci.image.manifest.v1+json", ("{\"schemaVersion\":2,\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"" + config + "\",\"size\":2},\"layers\":[]}").getBytes());
        assertThatThrownBy(() -> ecr.deleteRepository(b -> b.repositoryName("full"))).isInstanceOf(RepositoryNotEmptyException.class);
        assertThat(ecr.deleteRepository(b -> b.repositoryName("full").force(true)).repository().repositoryName()).isEqualTo("full");
        assertThat(oci.send("GET", "/v2/full/manifests/v1").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "''{0}'' is not a repository name")
    @ValueSource(strings = {"a", "UPPER", "team-a//web", "-lead", "trail-", "team-a/", "/team-a", "a..b", "sp ace", "dash--ok-but_/bad"})
    void anInvalidNameIsInvalidParameter(String name) {
        assertThatThrownBy(() -> ecr.createRepository(b -> b.repositoryName(name))).isInstanceOf(InvalidParameterException.class);
    }

    @ParameterizedTest(name = "''{0}'' is a repository name")
    @ValueSource(strings = {"ab", "team-a/web-app", "a/b/c/d", "x.y_z-w", "project-a/team_b/service.v2"})
    void namespacedAndPunctuatedNamesAreValid(String name) {
        assertThat(ecr.createRepository(b -> b.repositoryName(name)).repository().repositoryName()).isEqualTo(name);
        ecr.deleteRepository(b -> b.repositoryName(name));
    }

    @Test
    void describeRepositoriesPagesWithMaxResultsAndNextToken() {
        try (TestServer own = TestServer.start(); EcrClient client = own.ecr()) {
            for (String n : List.of("p1", "p2", "p3", "p4", "p5")) client.createRepository(b -> b.repositoryName(n));
            List<String> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String t = token;
                DescribeRepositoriesResponse page = client.describeRepositories(b -> b.maxResults(2).nextToken(t));
                page.repositories().forEach(r -> seen.add(r.repositoryName()));
                token = page.nextToken();
                pages++;
            } while (token != null);
            assertThat(seen).containsExactly("p1", "p2", "p3", "p4", "p5");
            assertThat(pages).isEqualTo(3);
            String first = client.describeRepositories(b -> b.maxResults(2)).nextToken();
            String tampered = first.substring(0, first.length() - 2) + (first.endsWith("AA") ? "BB" : "AA");
            assertThatThrownBy(() -> client.describeRepositories(b -> b.maxResults(2).nextToken(tampered)))
                    .isInstanceOf(InvalidParameterException.class);
            assertThatThrownBy(() -> client.describeRepositories(b -> b.maxResults(0))).isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    void anUnknownAccessKeyIsUnrecognizedClient() {
        try (EcrClient stranger = server.ecr("AKIAUNKNOWNKEY000000", TestServer.SECRET_KEY)) {
            assertThatThrownBy(() -> stranger.describeRepositories(b -> {}))
                    .isInstanceOfSatisfying(EcrException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void aWrongSecretIsInvalidSignature() {
        try (EcrClient wrong = server.ecr(TestServer.ACCESS_KEY, "not-the-secret-0000000000000000000000000")) {
            assertThatThrownBy(() -> wrong.describeRepositories(b -> {}))
                    .isInstanceOfSatisfying(EcrException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void anUnsignedRequestIsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> r = post("DescribeRepositories", "{}", Map.of());
        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(r.body()).doesNotContain("at dev.wharf").doesNotContain("java.");
    }

    @Test
    void aRequestSignedTwentyMinutesAgoIsRejectedForSkew() throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
        HttpResponse<String> r = post("DescribeRepositories", "{}", signed("DescribeRepositories", "{}", past));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).path("__type").asText()).isEqualTo("InvalidSignatureException");
        assertThat(r.body()).contains("Signature expired");
    }

    @Test
    void aSignedRequestNowIsAccepted() throws Exception {
        HttpResponse<String> r = post("DescribeRepositories", "{}", signed("DescribeRepositories", "{}", Clock.systemUTC()));
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void malformedInputIsAClientErrorWithoutAStackTrace() throws Exception {
        HttpResponse<String> r = post("CreateRepository", "{\"repositoryName\":", signed("CreateRepository", "{\"repositoryName\":",
                Clock.systemUTC()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).has("__type")).isTrue();
        assertThat(r.body()).doesNotContain("at dev.wharf").doesNotContain("com.fasterxml");
    }

    @Test
    void theAuthorizationTokenIsAwsColonPasswordForTwelveHours() {
        var data = ecr.getAuthorizationToken(b -> {}).authorizationData().get(0);
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("AWS:");
        assertThat(decoded.substring(4)).doesNotContain(":");
        assertThat(data.expiresAt()).isBetween(Instant.now().plus(Duration.ofHours(12)).minusSeconds(60),
                Instant.now().plus(Duration.ofHours(12)).plusSeconds(5));
        assertThat(data.proxyEndpoint()).isEqualTo(server.url());
    }

    @Test
    void anUnknownOperationIsAClientError() throws Exception {
        HttpResponse<String> r = post("NoSuchOperation", "{}", signed("NoSuchOperation", "{}", Clock.systemUTC()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("__type").asText()).isEqualTo("UnknownOperationException");
    }

    private static Map<String, String> signed(String operation, String body, Clock clock) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(server.url() + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET + operation).build();
        var signedRequest = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(TestServer.ACCESS_KEY, TestServer.SECRET_KEY))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, TestServer.REGION)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecr")
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        signedRequest.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) headers.put(name, values.get(0));
        });
        return headers;
    }

    private static HttpResponse<String> post(String operation, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.isEmpty()) {
            b.header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", TARGET + operation);
        }
        headers.forEach(b::header);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
