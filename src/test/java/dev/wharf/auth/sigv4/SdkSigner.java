package dev.wharf.auth.sigv4;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Signs requests with the real AWS SDK for Java v2 signer and hands them over as the server would receive them. */
final class SdkSigner {
    static final String ACCESS_KEY = "AKIAWHARFTEST0000001";
    static final String SECRET = "wharfTestSecretKey/0123456789abcdefghijKLMN";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEsessionToken//+==";

    private final Clock clock;
    private final String region;
    private final String service;

    SdkSigner(Clock clock, String region, String service) {
        this.clock = clock;
        this.region = region;
        this.service = service;
    }

    /** Header-form signature over {@code method https://host/path?query} with the given headers and body. */
    SignedRequest sign(String method, String encodedPathAndQuery, Map<String, String> headers, String body) {
        return sign(method, encodedPathAndQuery, headers, body, AwsCredentialsIdentity.create(ACCESS_KEY, SECRET), b -> {});
    }

    SignedRequest signWithSessionToken(String method, String encodedPathAndQuery, Map<String, String> headers, String body) {
        return sign(method, encodedPathAndQuery, headers, body,
                AwsSessionCredentialsIdentity.create(ACCESS_KEY, SECRET, SESSION_TOKEN), b -> {});
    }

    /** Query-form (presigned) signature valid for {@code expires}. */
    SignedRequest presign(String method, String encodedPathAndQuery, Duration expires) {
        return sign(method, encodedPathAndQuery, Map.of(), null, AwsCredentialsIdentity.create(ACCESS_KEY, SECRET), b -> b
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires));
    }

    SignedRequest sign(String method, String encodedPathAndQuery, Map<String, String> headers, String body,
                       AwsCredentialsIdentity identity, Consumer<SignRequest.Builder<AwsCredentialsIdentity>> extra) {
        URI uri = URI.create("https://wharf.example.com" + encodedPathAndQuery);
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(http::putHeader);
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        if (bytes != null) {
            http.putHeader("Content-Length", Integer.toString(bytes.length));
        }
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity)
                    .request(http.build())
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
            if (bytes != null) {
                r.payload(ContentStreamProvider.fromByteArray(bytes));
            }
            extra.accept(r);
        });
        SdkHttpRequest out = signed.request();
        List<Map.Entry<String, String>> received = new ArrayList<>();
        out.forEachHeader((name, values) -> values.forEach(v -> received.add(Map.entry(name, v))));
        if (out.firstMatchingHeader("Host").isEmpty()) {
            received.add(Map.entry("Host", out.host())); // an HTTP client always sends Host
        }
        return new SignedRequest(method, out.encodedPath().isEmpty() ? "/" : out.encodedPath(),
                out.getUri().getRawQuery(), received, bytes);
    }
}
