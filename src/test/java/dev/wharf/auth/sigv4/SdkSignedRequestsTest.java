package dev.wharf.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests signed by the real AWS SDK for Java v2 signer verify, in every shape Wharf's clients send. */
class SdkSignedRequestsTest {
    static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SigV4Verifier verifier = new SigV4Verifier(clock, Duration.ofMinutes(15));
    private final SecretLookup secrets =
            key -> SdkSigner.ACCESS_KEY.equals(key) ? Optional.of(SdkSigner.SECRET) : Optional.empty();

    @Test
    void anEcrJsonCallLikeTheCliSendsVerifies() {
        SignedRequest r = new SdkSigner(clock, "eu-west-1", "ecr").sign("POST", "/", Map.of(
                "Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories"), "{\"maxResults\":10}");

        VerifiedSignature v = verifier.verify(r, "eu-west-1", "ecr", secrets);

        assertThat(v.accessKeyId()).isEqualTo(SdkSigner.ACCESS_KEY);
        assertThat(v.region()).isEqualTo("eu-west-1");
        assertThat(v.service()).isEqualTo("ecr");
        assertThat(v.date()).isEqualTo("20260314");
        assertThat(v.requestTime()).isEqualTo(NOW);
        assertThat(v.signedHeaders()).contains("host", "x-amz-date", "x-amz-target");
        assertThat(v.securityToken()).isEmpty();
        assertThat(v.presigned()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"iam", "sts"})
    void aFormEncodedQueryProtocolCallVerifies(String service) {
        SignedRequest r = new SdkSigner(clock, "us-east-1", service).sign("POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                "Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fteam%2F");

        assertThat(verifier.verify(r, "us-east-1", service, secrets).service()).isEqualTo(service);
    }

    @Test
    void aRequestSignedWithASessionTokenReportsTheToken() {
        SignedRequest r = new SdkSigner(clock, "us-east-1", "ecr").signWithSessionToken("POST", "/",
                Map.of("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"), "{}");

        VerifiedSignature v = verifier.verify(r, null, null, secrets);

        assertThat(v.securityToken()).contains(SdkSigner.SESSION_TOKEN);
        assertThat(v.signedHeaders()).contains("x-amz-security-token");
    }

    @Test
    void aPresignedGetVerifiesUntilItExpires() {
        SignedRequest r = new SdkSigner(clock, "us-east-1", "ecr").presign("GET", "/v2/team/app/blobs/sha256:abc?x-id=get",
                Duration.ofMinutes(5));

        VerifiedSignature v = verifier.verify(r, "us-east-1", "ecr", secrets);

        assertThat(v.presigned()).isTrue();
        assertThat(r.rawQuery()).contains("X-Amz-Expires=300");
        SigV4Verifier later = new SigV4Verifier(Clock.fixed(NOW.plusSeconds(299), ZoneOffset.UTC), Duration.ofMinutes(15));
        assertThat(later.verify(r, null, null, secrets).presigned()).isTrue();
    }

    @Test
    void aPresignedUrlWithASessionTokenReportsTheTokenFromTheQuery() {
        SignedRequest r = new SdkSigner(clock, "us-east-1", "sts").sign("GET", "/?Action=GetCallerIdentity&Version=2011-06-15",
                Map.of(), null, software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(
                        SdkSigner.ACCESS_KEY, SdkSigner.SECRET, SdkSigner.SESSION_TOKEN),
                b -> b.putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AUTH_LOCATION,
                        software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING));

        VerifiedSignature v = verifier.verify(r, null, "sts", secrets);

        assertThat(v.presigned()).isTrue();
        assertThat(v.securityToken()).contains(SdkSigner.SESSION_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%20b/c", "/team%2Fapp/x", "/v2/my%20repo/tags/list", "/caf%C3%A9/%7Euser", "/a/./b/../c",
            "/with:colon@at!bang", "/v2/team/app/manifests/sha256:0123"})
    void pathsAreCanonicalisedAsTheSdkSignsThemForNonS3Services(String path) {
        SignedRequest r = new SdkSigner(clock, "us-east-1", "ecr").sign("GET", path, Map.of(), null);

        assertThat(verifier.verify(r, null, null, secrets).service()).isEqualTo("ecr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?b=2&a=1&a=0", "/?name=a%20b&star=%2A&tilde=~&plus=%2B", "/?empty=&flag", "/?k%C3%A9y=v%C3%A4l"})
    void queryStringsAreCanonicalisedAsTheSdkSignsThem(String pathAndQuery) {
        SignedRequest r = new SdkSigner(clock, "us-east-1", "ecr").sign("GET", pathAndQuery, Map.of(), null);

        assertThat(verifier.verify(r, null, null, secrets).accessKeyId()).isEqualTo(SdkSigner.ACCESS_KEY);
    }

    @Test
    void headerValuesWithRunsOfSpacesVerify() {
        SignedRequest r = new SdkSigner(clock, "us-east-1", "ecr").sign("POST", "/",
                Map.of("X-Amz-Target", "  AmazonEC2ContainerRegistry_V20150921.ListImages  ", "X-Custom", "a   b\tc"), "{}");

        assertThat(verifier.verify(r, null, null, secrets).signedHeaders()).contains("x-custom");
    }
}
