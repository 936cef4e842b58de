package dev.wharf.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a request can fail verification, and the code and words it fails with. */
class RejectedRequestsTest {
    private static final Instant NOW = SdkSignedRequestsTest.NOW;
    private static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SecretLookup secrets =
            key -> SdkSigner.ACCESS_KEY.equals(key) ? Optional.of(SdkSigner.SECRET) : Optional.empty();
    private final SdkSigner ecr = new SdkSigner(clock, "us-east-1", "ecr");

    private SignedRequest ecrCall() {
        return ecr.sign("POST", "/", Map.of("Content-Type", "application/x-amz-json-1.1",
                "X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories"), "{\"maxResults\":10}");
    }

    private VerifiedSignature verifyAt(Instant now, SignedRequest r) {
        return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(15)).verify(r, null, null, secrets);
    }

    private AbstractThrowableAssert<?, ?> rejects(SignedRequest r, ErrorCode code) {
        return rejects(r, null, null, code);
    }

    private AbstractThrowableAssert<?, ?> rejects(SignedRequest r, String region, String service, ErrorCode code) {
        var verifier = new SigV4Verifier(clock, Duration.ofMinutes(15));
        return assertThatThrownBy(() -> verifier.verify(r, region, service, secrets))
                .isInstanceOf(WharfException.class)
                .satisfies(e -> assertThat(((WharfException) e).code()).isEqualTo(code));
    }

    private static SignedRequest withHeaders(SignedRequest r, UnaryOperator<List<Map.Entry<String, String>>> edit) {
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), edit.apply(new ArrayList<>(r.headers())), r.body());
    }

    private static SignedRequest replacing(SignedRequest r, String name, String value) {
        return withHeaders(r, hs -> {
            hs.replaceAll(h -> h.getKey().equalsIgnoreCase(name) ? Map.entry(h.getKey(), value) : h);
            return hs;
        });
    }

    private static SignedRequest without(SignedRequest r, String name) {
        return withHeaders(r, hs -> {
            hs.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            return hs;
        });
    }

    private static String authorization(SignedRequest r) {
        return r.headers().stream().filter(h -> h.getKey().equalsIgnoreCase("Authorization")).findFirst().orElseThrow().getValue();
    }

    // ---- tampering

    @Test
    void aTamperedBodyIsInvalidSignature() {
        SignedRequest r = ecrCall();
        SignedRequest tampered = new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                "{\"maxResults\":1000}".getBytes(StandardCharsets.UTF_8));

        // The SDK v2 signs x-amz-content-sha256, so the body fails against that declared hash first.
        rejects(tampered, ErrorCode.INVALID_SIGNATURE).hasMessageContaining("does not match");
    }

    @Test
    void aBodyThatDoesNotMatchItsDeclaredContentSha256IsInvalidSignature() {
        SignedRequest r = replacing(ecrCall(), "x-amz-content-sha256", "0".repeat(64));

        rejects(r, ErrorCode.INVALID_SIGNATURE)
                .hasMessage("The provided 'x-amz-content-sha256' header does not match what was computed.");
    }

    @Test
    void aTamperedBodyWithoutADeclaredHashIsInvalidSignature() {
        // botocore (the aws CLI) sends no x-amz-content-sha256 outside S3: the body's own hash is signed.
        SignedRequest suite = SuiteCase.named("post-x-www-form-urlencoded").signed();
        SignedRequest tampered = new SignedRequest(suite.method(), suite.rawPath(), suite.rawQuery(), suite.headers(),
                "Param1=value2".getBytes(StandardCharsets.UTF_8));
        var verifier = new SigV4Verifier(Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC),
                Duration.ofMinutes(15));

        assertThatThrownBy(() -> verifier.verify(tampered, null, null, key -> Optional.of(SuiteCase.SECRET)))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE))
                .hasMessage(MISMATCH);
    }

    @Test
    void aTamperedSignedHeaderIsInvalidSignature() {
        SignedRequest r = replacing(ecrCall(), "X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DeleteRepository");

        rejects(r, ErrorCode.INVALID_SIGNATURE).hasMessage(MISMATCH);
    }

    @Test
    void aTamperedPathOrQueryIsInvalidSignature() {
        SignedRequest r = ecrCall();

        rejects(new SignedRequest(r.method(), "/other", r.rawQuery(), r.headers(), r.body()), ErrorCode.INVALID_SIGNATURE);
        rejects(new SignedRequest(r.method(), r.rawPath(), "a=1", r.headers(), r.body()), ErrorCode.INVALID_SIGNATURE);
        rejects(new SignedRequest("PUT", r.rawPath(), r.rawQuery(), r.headers(), r.body()), ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void aChangedOrAddedUnsignedHeaderStillVerifies() {
        SignedRequest r = withHeaders(ecrCall(), hs -> {
            hs.add(Map.entry("User-Agent", "aws-cli/2.99 (proxied)"));
            hs.add(Map.entry("X-Forwarded-For", "203.0.113.9"));
            return hs;
        });

        assertThat(verifyAt(NOW, r).accessKeyId()).isEqualTo(SdkSigner.ACCESS_KEY);
    }

    @Test
    void aSignatureInUpperCaseHexIsInvalidSignature() {
        SignedRequest r = ecrCall();
        String authz = authorization(r);
        String upper = authz.substring(0, authz.indexOf("Signature=")) + authz.substring(authz.indexOf("Signature=")).toUpperCase()
                .replace("SIGNATURE=", "Signature=");

        rejects(replacing(r, "Authorization", upper), ErrorCode.INVALID_SIGNATURE);
    }

    // ---- keys

    @Test
    void aWrongSecretIsInvalidSignature() {
        var verifier = new SigV4Verifier(clock, Duration.ofMinutes(15));

        assertThatThrownBy(() -> verifier.verify(ecrCall(), null, null, key -> Optional.of("another-secret")))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE))
                .hasMessage(MISMATCH);
    }

    @Test
    void anUnknownAccessKeyIsUnrecognizedClient() {
        var verifier = new SigV4Verifier(clock, Duration.ofMinutes(15));

        assertThatThrownBy(() -> verifier.verify(ecrCall(), null, null, key -> Optional.empty()))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNRECOGNIZED_CLIENT))
                .hasMessage("The security token included in the request is invalid.");
    }

    @Test
    void noMessageCarriesTheSecretOrTheComputedSignature() {
        var verifier = new SigV4Verifier(clock, Duration.ofMinutes(15));
        SignedRequest r = replacing(ecrCall(), "X-Amz-Target", "x");

        assertThatThrownBy(() -> verifier.verify(r, null, null, secrets))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SdkSigner.SECRET).doesNotContainPattern("[0-9a-f]{64}"));
    }

    // ---- missing and malformed

    @Test
    void aRequestWithoutAnySignatureIsMissingAuthentication() {
        rejects(without(ecrCall(), "Authorization"), ErrorCode.MISSING_AUTHENTICATION).hasMessage("Missing Authentication Token");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no Credential           | Credential=      | Authorization header requires 'Credential' parameter.
            no Signature            | Signature=       | Authorization header requires 'Signature' parameter.
            no SignedHeaders        | SignedHeaders=   | Authorization header requires 'SignedHeaders' parameter.
            """)
    void anAuthorizationHeaderMissingAPartIsIncompleteSignatureNamingThePart(String label, String part, String message) {
        SignedRequest r = ecrCall();
        String authz = authorization(r);
        String stripped = String.join(", ", java.util.Arrays.stream(authz.substring("AWS4-HMAC-SHA256 ".length()).split(", "))
                .filter(p -> !p.startsWith(part)).toList());

        rejects(replacing(r, "Authorization", "AWS4-HMAC-SHA256 " + stripped), ErrorCode.INCOMPLETE_SIGNATURE)
                .hasMessage(message);
    }

    @Test
    void anAuthorizationHeaderWithNothingButTheAlgorithmNamesEveryMissingPart() {
        rejects(replacing(ecrCall(), "Authorization", "AWS4-HMAC-SHA256"), ErrorCode.INCOMPLETE_SIGNATURE).hasMessage(
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter.");
    }

    @Test
    void anotherAuthorizationSchemeIsIncompleteSignature() {
        rejects(replacing(ecrCall(), "Authorization", "Bearer abc"), ErrorCode.INCOMPLETE_SIGNATURE)
                .hasMessageContaining("Unsupported AWS 'algorithm': 'Bearer'");
    }

    @Test
    void aMissingDateIsIncompleteSignature() {
        rejects(without(ecrCall(), "X-Amz-Date"), ErrorCode.INCOMPLETE_SIGNATURE)
                .hasMessage("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    @Test
    void aMalformedDateIsIncompleteSignature() {
        rejects(replacing(ecrCall(), "X-Amz-Date", "2026-03-14T09:26:53Z"), ErrorCode.INCOMPLETE_SIGNATURE)
                .hasMessageStartingWith("Date must be in ISO-8601 'basic format'. Got '2026-03-14T09:26:53Z'.");
    }

    @Test
    void aMalformedCredentialIsIncompleteSignature() {
        SignedRequest r = ecrCall();
        String authz = authorization(r).replace("/aws4_request", "");

        rejects(replacing(r, "Authorization", authz), ErrorCode.INCOMPLETE_SIGNATURE)
                .hasMessageContaining("Credential must have exactly 5 slash-delimited elements");
    }

    @Test
    void aSignatureThatDoesNotSignHostIsIncompleteSignature() {
        SignedRequest r = ecrCall();
        String authz = authorization(r).replace("host;", "");

        rejects(replacing(r, "Authorization", authz), ErrorCode.INCOMPLETE_SIGNATURE)
                .hasMessage("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void aScopeDateOtherThanTheRequestDateIsInvalidSignature() {
        SignedRequest r = ecrCall();
        String authz = authorization(r).replace("/20260314/", "/20260313/");

        rejects(replacing(r, "Authorization", authz), ErrorCode.INVALID_SIGNATURE).hasMessage(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                        + "'20260313' != '20260314', from '20260314T092653Z'.");
    }

    // ---- scope expectations

    @Test
    void aCredentialScopedToAnotherRegionIsInvalidSignatureNamingTheExpectedRegion() {
        rejects(ecrCall(), "eu-central-1", "ecr", ErrorCode.INVALID_SIGNATURE)
                .hasMessage("Credential should be scoped to a valid region, not 'us-east-1'. Expected 'eu-central-1'.");
    }

    @Test
    void aCredentialScopedToAnotherServiceIsInvalidSignatureNamingTheExpectedService() {
        SignedRequest iam = new SdkSigner(clock, "us-east-1", "iam").sign("POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=ListUsers&Version=2010-05-08");

        rejects(iam, "us-east-1", "ecr", ErrorCode.INVALID_SIGNATURE)
                .hasMessage("Credential should be scoped to correct service: 'ecr'.");
    }

    // ---- time

    @Test
    void aRequestMoreThanFifteenMinutesOldIsRequestExpired() {
        SignedRequest r = ecrCall();
        var later = new SigV4Verifier(Clock.fixed(NOW.plus(Duration.ofMinutes(15)).plusSeconds(1), ZoneOffset.UTC),
                Duration.ofMinutes(15));

        assertThatThrownBy(() -> later.verify(r, null, null, secrets))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_EXPIRED))
                .hasMessage("Signature expired: 20260314T092653Z is now earlier than 20260314T092654Z "
                        + "(20260314T094154Z - 15 min.)");
    }

    @Test
    void aRequestMoreThanFifteenMinutesAheadIsRequestExpired() {
        SignedRequest r = ecrCall();
        var earlier = new SigV4Verifier(Clock.fixed(NOW.minus(Duration.ofMinutes(15)).minusSeconds(1), ZoneOffset.UTC),
                Duration.ofMinutes(15));

        assertThatThrownBy(() -> earlier.verify(r, null, null, secrets))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_EXPIRED))
                .hasMessage("Signature not yet current: 20260314T092653Z is still later than 20260314T092652Z "
                        + "(20260314T091152Z + 15 min.)");
    }

    @Test
    void aRequestExactlyFifteenMinutesOffEitherWayStillVerifies() {
        SignedRequest r = ecrCall();

        assertThat(verifyAt(NOW.plus(Duration.ofMinutes(15)), r).requestTime()).isEqualTo(NOW);
        assertThat(verifyAt(NOW.minus(Duration.ofMinutes(15)), r).requestTime()).isEqualTo(NOW);
    }

    @Test
    void aReplayWithinTheWindowIsAccepted() {
        // AWS accepts a replayed request for as long as its X-Amz-Date is within 15 minutes of now:
        // SigV4 carries no nonce, so the verifier must not reject a second identical request.
        SignedRequest r = ecrCall();

        VerifiedSignature first = verifyAt(NOW, r);
        VerifiedSignature replay = verifyAt(NOW.plus(Duration.ofMinutes(10)), r);

        assertThat(replay).isEqualTo(first);
    }

    @Test
    void anExpiredPresignedUrlIsRequestExpired() {
        SignedRequest r = ecr.presign("GET", "/v2/team/app/blobs/sha256:abc", Duration.ofMinutes(5));
        var later = new SigV4Verifier(Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC), Duration.ofMinutes(15));

        assertThatThrownBy(() -> later.verify(r, null, null, secrets))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_EXPIRED))
                .hasMessageStartingWith("Signature expired: 20260314T093153Z is now earlier than 20260314T093154Z");
    }

    @Test
    void aPresignedUrlWithATamperedQueryIsInvalidSignature() {
        SignedRequest r = ecr.presign("GET", "/v2/team/app/blobs/sha256:abc", Duration.ofMinutes(5));
        SignedRequest longer = new SignedRequest(r.method(), r.rawPath(), r.rawQuery().replace("X-Amz-Expires=300",
                "X-Amz-Expires=3600"), r.headers(), r.body());

        rejects(longer, ErrorCode.INVALID_SIGNATURE).hasMessage(MISMATCH);
    }

    @Test
    void aPresignedUrlMissingPartsIsIncompleteSignatureNamingThem() {
        SignedRequest r = new SignedRequest("GET", "/", "X-Amz-Signature=abc&X-Amz-Date=20260314T092653Z",
                List.of(Map.entry("Host", "wharf.example.com")), null);

        rejects(r, ErrorCode.INCOMPLETE_SIGNATURE).hasMessage("AWS query-string parameters must include 'X-Amz-Algorithm'. "
                + "AWS query-string parameters must include 'X-Amz-Credential'. "
                + "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.");
    }

    @Test
    void aPresignedUrlValidForMoreThanAWeekIsIncompleteSignature() {
        SignedRequest r = ecr.presign("GET", "/", Duration.ofMinutes(5));
        SignedRequest week = new SignedRequest(r.method(), r.rawPath(), r.rawQuery().replace("X-Amz-Expires=300",
                "X-Amz-Expires=604801"), r.headers(), r.body());

        rejects(week, ErrorCode.INCOMPLETE_SIGNATURE).hasMessageContaining("X-Amz-Expires must be between 1 and 604800");
    }

    @Test
    void bothAnAuthorizationHeaderAndAPresignedQueryIsIncompleteSignature() {
        SignedRequest presigned = ecr.presign("GET", "/", Duration.ofMinutes(5));
        SignedRequest both = withHeaders(presigned, hs -> {
            hs.add(Map.entry("Authorization", authorization(ecrCall())));
            return hs;
        });

        rejects(both, ErrorCode.INCOMPLETE_SIGNATURE).hasMessageStartingWith("Only one auth mechanism allowed");
    }
}
