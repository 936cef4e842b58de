package dev.wharf.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The AWS Signature Version 4 test suite: every published request must verify with its published signature. */
class AwsTestSuiteTest {
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
    private final SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(SIGNED_AT, ZoneOffset.UTC), Duration.ofMinutes(15));
    private final SecretLookup secrets = key -> SuiteCase.ACCESS_KEY.equals(key) ? Optional.of(SuiteCase.SECRET) : Optional.empty();

    static Stream<SuiteCase> cases() {
        return SuiteCase.all();
    }

    @Test
    void theSuiteHoldsAtLeastTenCases() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPublishedRequestVerifiesWithItsPublishedSignature(SuiteCase c) {
        VerifiedSignature v = verifier.verify(c.signed(), "us-east-1", "service", secrets);

        assertThat(v.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(v.date()).isEqualTo("20150830");
        assertThat(v.region()).isEqualTo("us-east-1");
        assertThat(v.service()).isEqualTo("service");
        assertThat(v.requestTime()).isEqualTo(SIGNED_AT);
        assertThat(v.signedHeaders()).contains("host");
        assertThat(v.presigned()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPublishedRequestFailsWithAnotherSecret(SuiteCase c) {
        SecretLookup other = key -> Optional.of("not" + SuiteCase.SECRET);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verify(c.signed(), null, null, other))
                .isInstanceOf(dev.wharf.errors.WharfException.class)
                .extracting(e -> ((dev.wharf.errors.WharfException) e).code())
                .isEqualTo(dev.wharf.errors.ErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void aSecurityTokenSignedIntoTheRequestIsReported() {
        VerifiedSignature v = verifier.verify(SuiteCase.named("post-sts-header-before").signed(), null, null, secrets);

        assertThat(v.signedHeaders()).containsExactly("host", "x-amz-date", "x-amz-security-token");
        assertThat(v.securityToken()).get().asString().startsWith("AQoDYXdzEPT//");
    }

    @Test
    void aSecurityTokenAddedAfterSigningIsReportedButNotSigned() {
        VerifiedSignature v = verifier.verify(SuiteCase.named("post-sts-header-after").signed(), null, null, secrets);

        assertThat(v.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(v.securityToken()).get().asString().startsWith("AQoDYXdzEPT//");
    }

    @Test
    void theSuitesRequestParserKeepsRepeatedHeadersInOrder() {
        SignedRequest r = SuiteCase.named("get-header-value-order").request();

        assertThat(r.headerValues("my-header1")).isEqualTo(List.of("value4", "value1", "value3", "value2"));
        assertThat(r.headers()).contains(Map.entry("Host", "example.amazonaws.com"));
    }
}
