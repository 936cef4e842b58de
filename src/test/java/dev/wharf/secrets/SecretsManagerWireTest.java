package dev.wharf.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Secrets Manager door on the wire, for what no SDK sends: malformed bodies, wrong JSON types,
 * values out of the model's enumerations, a raw caller without a ClientRequestToken. Each answer is
 * the awsJson error the model names, never a 5xx, and never repeats the secret value.
 */
@WharfTest
class SecretsManagerWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALUE = "hunter2-wire-value";

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "CreateSecret   | `{`                                                          | 400 | SerializationException",
            "CreateSecret   | `[]`                                                         | 400 | SerializationException",
            "CreateSecret   | `{}`                                                         | 400 | ValidationException",
            "CreateSecret   | `{\"Name\":5}`                                               | 400 | SerializationException",
            "CreateSecret   | `{\"Name\":\"b\",\"SecretBinary\":\"hunter2-wire-value!\"}`  | 400 | SerializationException",
            "CreateSecret   | `{\"Name\":\"t\",\"SecretString\":\"hunter2-wire-value\",\"ClientRequestToken\":\"short\"}` | 400 | ValidationException",
            "CreateSecret   | `{\"Name\":\"t\",\"Tags\":[{\"Key\":\"aws:x\",\"Value\":\"v\"}]}` | 400 | InvalidParameterException",
            "CreateSecret   | `{\"Name\":\"raw-no-token\",\"SecretString\":\"hunter2-wire-value\"}` | 200 | ",
            "GetSecretValue | `{\"SecretId\":\"arn:aws:secretsmanager:us-east-1:1:secret:x\"}` | 400 | InvalidParameterException",
            "GetSecretValue | `{\"SecretId\":\"\"}`                                        | 400 | ValidationException",
            "DeleteSecret   | `{\"SecretId\":\"x\",\"RecoveryWindowInDays\":\"7\"}`       | 400 | SerializationException",
            "ListSecrets    | `{\"Filters\":[{\"Key\":\"color\",\"Values\":[\"x\"]}]}`   | 400 | ValidationException",
            "ListSecrets    | `{\"Filters\":[{\"Key\":\"name\",\"Values\":[\"a;b\"]}]}`  | 400 | InvalidParameterException",
            "ListSecrets    | `{\"SortBy\":\"size\"}`                                     | 400 | ValidationException",
            "ListSecrets    | `{\"MaxResults\":0}`                                        | 400 | ValidationException",
            "RotateSecret   | `{}`                                                         | 400 | UnknownOperationException",
    })
    void theDoorAnswersEachRequestWithTheModelsError(String operation, String body, int status, String type, TestServer s) throws Exception {
        HttpResponse<String> r = post(s, operation, body, true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).doesNotContain(VALUE);
        if (type != null) {
            JsonNode err = JSON.readTree(r.body());
            assertThat(err.path("__type").asText()).isEqualTo(type);
            assertThat(r.headers().firstValue("X-Amzn-ErrorType")).contains(type);
        } else {
            assertThat(JSON.readTree(r.body()).path("VersionId").asText()).as("a version even without a token").hasSize(36);
        }
    }

    @ParameterizedTest(name = "unsigned {0}")
    @CsvSource({"GetSecretValue", "CreateSecret"})
    void anUnsignedRequestIsMissingAuthenticationInAwsJson(String operation, TestServer s) throws Exception {
        HttpResponse<String> r = post(s, operation, "{\"SecretId\":\"x\"}", false);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).path("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
    }

    private static HttpResponse<String> post(TestServer s, String operation, String body, boolean sign) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "secretsmanager." + operation);
        if (sign) {
            SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(s.url() + "/"));
            headers.forEach(request::putHeader);
            var signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(TestServer.ACCESS_KEY, TestServer.SECRET_KEY))
                    .request(request.build())
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, TestServer.REGION)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")).request();
            headers.clear();
            signed.forEachHeader((name, values) -> {
                if (!name.equalsIgnoreCase("Host")) headers.put(name, values.get(0));
            });
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + "/")).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
