package dev.wharf.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Signing-key derivation and its cache, scope parsing, routing by peekScope, and the Date-header fallback. */
class SigningKeysAndScopeTest {
    private static final CredentialScope SUITE_SCOPE = new CredentialScope("AKIDEXAMPLE", "20150830", "us-east-1", "iam");

    @Test
    void theSigningKeyIsDerivedAsTheAwsReferenceShows() {
        // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
        byte[] key = SigningKeyCache.derive(SuiteCase.SECRET, SUITE_SCOPE);

        assertThat(HexFormat.of().formatHex(key))
                .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    @Test
    void theCacheReturnsTheSameKeyAndKeepsItsBound() {
        SigningKeyCache cache = new SigningKeyCache(2);

        byte[] first = cache.signingKey(SuiteCase.SECRET, SUITE_SCOPE);
        assertThat(cache.signingKey(SuiteCase.SECRET, SUITE_SCOPE)).isSameAs(first);
        cache.signingKey(SuiteCase.SECRET, new CredentialScope("AKIDEXAMPLE", "20150831", "us-east-1", "iam"));
        cache.signingKey(SuiteCase.SECRET, new CredentialScope("AKIDEXAMPLE", "20150901", "us-east-1", "iam"));

        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aRotatedSecretUnderTheSameKeyIdDerivesAFreshKey() {
        SigningKeyCache cache = new SigningKeyCache(8);

        byte[] before = cache.signingKey(SuiteCase.SECRET, SUITE_SCOPE);
        byte[] after = cache.signingKey("rotated-secret", SUITE_SCOPE);

        assertThat(after).isNotEqualTo(before).isEqualTo(SigningKeyCache.derive("rotated-secret", SUITE_SCOPE));
    }

    @Test
    void verifyingTheSameScopeTwiceLooksTheSecretUpEachTimeButDerivesOnce() {
        AtomicInteger lookups = new AtomicInteger();
        var verifier = new SigV4Verifier(Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC), Duration.ofMinutes(15));
        SecretLookup counting = key -> {
            lookups.incrementAndGet();
            return Optional.of(SuiteCase.SECRET);
        };

        verifier.verify(SuiteCase.named("get-vanilla").signed(), null, null, counting);
        verifier.verify(SuiteCase.named("post-vanilla").signed(), null, null, counting);

        assertThat(lookups).hasValue(2); // a deactivated key must stop working at once, so lookups are never cached
    }

    @Test
    void aCredentialParsesIntoItsFourParts() {
        assertThat(CredentialScope.parse("AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"))
                .isEqualTo(new CredentialScope("AKIDEXAMPLE", "20150830", "us-east-1", "service"));
    }

    @Test
    void aCredentialWithAnotherTerminatorIsIncompleteSignature() {
        assertThatThrownBy(() -> CredentialScope.parse("AKIDEXAMPLE/20150830/us-east-1/service/aws3_request"))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INCOMPLETE_SIGNATURE))
                .hasMessage("Credential should be scoped with a valid terminator: 'aws4_request', not 'aws3_request'.");
    }

    @Test
    void peekScopeReadsTheAuthorizationHeaderWithoutAnyCrypto() {
        assertThat(SigV4Verifier.peekScope(SuiteCase.named("get-vanilla").signed()))
                .contains(new CredentialScope("AKIDEXAMPLE", "20150830", "us-east-1", "service"));
    }

    @Test
    void peekScopeReadsThePresignedCredential() {
        SignedRequest r = new SignedRequest("GET", "/", "X-Amz-Credential=AKID%2F20260314%2Fus-east-1%2Fsts%2Faws4_request",
                List.of(), null);

        assertThat(SigV4Verifier.peekScope(r)).contains(new CredentialScope("AKID", "20260314", "us-east-1", "sts"));
    }

    @Test
    void peekScopeIsEmptyForUnsignedOrMalformedRequests() {
        assertThat(SigV4Verifier.peekScope(new SignedRequest("GET", "/", null, List.of(), null))).isEmpty();
        assertThat(SigV4Verifier.peekScope(new SignedRequest("GET", "/", null,
                List.of(Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=nonsense")), null))).isEmpty();
    }

    @Test
    void theDateHeaderStandsInForAMissingXAmzDate() {
        SignedRequest vanilla = SuiteCase.named("get-vanilla").signed();
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(vanilla.headers());
        headers.removeIf(h -> h.getKey().equals("X-Amz-Date"));
        headers.add(Map.entry("Date", "Sun, 30 Aug 2015 12:36:00 GMT"));
        SignedRequest dated = new SignedRequest("GET", "/", null, headers, null);
        var muchLater = new SigV4Verifier(Clock.fixed(Instant.parse("2015-08-30T13:06:00Z"), ZoneOffset.UTC), Duration.ofMinutes(15));

        assertThatThrownBy(() -> muchLater.verify(dated, null, null, key -> Optional.of(SuiteCase.SECRET)))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_EXPIRED))
                .hasMessage("Signature expired: 20150830T123600Z is now earlier than 20150830T125100Z (20150830T130600Z - 15 min.)");
    }
}
