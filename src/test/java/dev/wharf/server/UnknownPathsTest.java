package dev.wharf.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A path outside {@code /v2/} that no API serves is answered as AWS's JSON endpoints answer one:
 * 404 with an awsJson {@code UnknownOperationException} (the ECR door's format), never a plain-text
 * page and never the caller's path echoed back.
 */
@WharfTest
class UnknownPathsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /",
            "GET, /foo",
            "GET, /foo/bar?x=1",
            "GET, /%3Cscript%3Ealert(1)%3C/script%3E",
            "DELETE, /",
            "PUT, /v3/",
            "POST, /foo",
            "GET, /healthz/more",
    })
    void anUnknownPathIsA404UnknownOperationInAwsJson(String method, String path, TestServer s) throws Exception {
        HttpResponse<String> r = send(s, method, path);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.path("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("script").doesNotContain("foo").doesNotContain("Not found");
    }

    @Test
    void aHeadOfAnUnknownPathIs404WithoutABody(TestServer s) throws Exception {
        HttpResponse<String> r = send(s, "HEAD", "/foo");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void healthzStillAnswersPlainText(TestServer s) throws Exception {
        HttpResponse<String> r = send(s, "GET", "/healthz");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(r.body()).isEqualTo("ok\n");
    }

    private static HttpResponse<String> send(TestServer s, String method, String path) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher none = HttpRequest.BodyPublishers.noBody();
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + path)).method(method, none).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
