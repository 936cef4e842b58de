package dev.wharf.query;

import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form-encoded request with no Authorization names no service by its credential scope, so its
 * Action decides which Query API answers: the MissingAuthenticationToken comes in that API's XML
 * namespace (the SDKs parse STS errors in STS's).
 */
@WharfTest
class UnsignedQueryRequestsTest {
    private static final String IAM = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS = "https://sts.amazonaws.com/doc/2011-06-15/";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Action=GetCallerIdentity&Version=2011-06-15, " + STS,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::111122223333:role/r&RoleSessionName=s, " + STS,
            "Action=GetSessionToken&Version=2011-06-15, " + STS,
            "Action=ListUsers&Version=2010-05-08, " + IAM,
            "Action=CreateRole&Version=2010-05-08, " + IAM,
            // no API has the action, or the form cannot be read: the first Query API (IAM) answers
            "Action=NoSuchAction&Version=2011-06-15, " + IAM,
            "Version=2011-06-15, " + IAM,
            "Action=Get%zzCallerIdentity, " + IAM,
    })
    void anUnsignedActionIsMissingAuthenticationTokenInItsApisNamespace(String form, String namespace, TestServer s)
            throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.url() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<ErrorResponse xmlns=\"" + namespace + "\">")
                .contains("<Code>MissingAuthenticationToken</Code>");
    }
}
