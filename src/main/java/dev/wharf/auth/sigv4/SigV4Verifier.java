package dev.wharf.auth.sigv4;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 the way an AWS service front end does, for both forms:
 * the {@code Authorization: AWS4-HMAC-SHA256 ...} header and the presigned query
 * ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-Expires},
 * {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}).
 *
 * <p>Replays: like AWS, a valid request is accepted again as long as its {@code X-Amz-Date} is
 * within the allowed skew (or, presigned, until it expires). SigV4 has no nonce; AWS bounds replay
 * by time alone and relies on TLS against capture. Callers that need at-most-once semantics must
 * add their own idempotency.
 *
 * <p>Thread-safe; one instance serves every request.
 */
public final class SigV4Verifier {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final long MAX_PRESIGN_SECONDS = 604_800; // one week, AWS's limit for X-Amz-Expires
    private static final int KEY_CACHE_CAPACITY = 1024;
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Duration allowedSkew;
    private final SigningKeyCache keys = new SigningKeyCache(KEY_CACHE_CAPACITY);

    /** @param allowedSkew how far {@code X-Amz-Date} may be from now either way; AWS uses 15 minutes */
    public SigV4Verifier(Clock clock, Duration allowedSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowedSkew = Objects.requireNonNull(allowedSkew, "allowedSkew");
        if (allowedSkew.isNegative()) {
            throw new IllegalArgumentException("allowedSkew must not be negative");
        }
    }

    /**
     * Verifies header-form or query-form (presigned) requests.
     *
     * @param expectedRegion  the region the credential must be scoped to, or null to accept any
     * @param expectedService the service the credential must be scoped to, or null to accept any
     * @return what the signature proves
     * @throws WharfException MISSING_AUTHENTICATION when the request carries no signature at all;
     *         INCOMPLETE_SIGNATURE when it is malformed (each missing part named), lacks a date, or
     *         does not sign {@code host}; REQUEST_EXPIRED outside the skew or past a presigned
     *         expiry; INVALID_SIGNATURE for a wrong scope or a signature mismatch;
     *         UNRECOGNIZED_CLIENT for an unknown access key
     */
    public VerifiedSignature verify(SignedRequest request, String expectedRegion, String expectedService,
                                    SecretLookup secrets) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(secrets, "secrets");
        Parsed p = parse(request);

        checkScope(p.scope, expectedRegion, expectedService);
        checkTime(p);

        String secret = secrets.secretKeyFor(p.scope.accessKeyId())
                .orElseThrow(() -> new WharfException(ErrorCode.UNRECOGNIZED_CLIENT,
                        "The security token included in the request is invalid."));
        byte[] signingKey = keys.signingKey(secret, p.scope);

        String canonicalUri = Canonical.uri(request.rawPath(), p.scope.service());
        String canonicalQuery = Canonical.query(request.rawQuery(), p.presigned ? "X-Amz-Signature" : null);
        String canonicalHeaders = canonicalHeaders(request, p.signedHeaders);
        String signedHeaders = String.join(";", p.signedHeaders);

        boolean match = false;
        for (String payloadHash : payloadHashes(request, p.presigned)) {
            String canonicalRequest = request.method() + '\n' + canonicalUri + '\n' + canonicalQuery + '\n'
                    + canonicalHeaders + '\n' + signedHeaders + '\n' + payloadHash;
            String stringToSign = AuthorizationHeader.ALGORITHM + '\n' + p.amzDate + '\n' + p.scope.scopeString()
                    + '\n' + Crypto.sha256Hex(canonicalRequest);
            String computed = Crypto.hex(Crypto.hmac(signingKey, stringToSign));
            // Constant time: the comparison must not tell an attacker how many leading characters matched.
            if (MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                    p.signature.getBytes(StandardCharsets.US_ASCII))) {
                match = true;
                break;
            }
        }
        if (!match) {
            throw new WharfException(ErrorCode.INVALID_SIGNATURE,
                    "The request signature we calculated does not match the signature you provided. "
                            + "Check your AWS Secret Access Key and signing method. "
                            + "Consult the service documentation for details.");
        }

        String token = p.presigned ? queryValue(request, "X-Amz-Security-Token") : null;
        if (token == null) {
            token = request.firstHeader("X-Amz-Security-Token");
        }
        return new VerifiedSignature(p.scope.accessKeyId(), p.scope.date(), p.scope.region(), p.scope.service(),
                p.requestTime, p.signedHeaders, Optional.ofNullable(token), p.presigned);
    }

    /**
     * The access key id and credential scope named by the {@code Authorization} header or the
     * {@code X-Amz-Credential} query parameter, without any check of the signature: for routing
     * only (for example, to tell an IAM call from an STS call on one endpoint). Empty when neither
     * is present or the credential is malformed.
     */
    public static Optional<CredentialScope> peekScope(SignedRequest request) {
        try {
            String authorization = request.firstHeader("Authorization");
            String credential;
            if (authorization != null) {
                credential = AuthorizationHeader.parse(authorization).credential();
            } else {
                credential = queryValue(request, "X-Amz-Credential");
            }
            return credential == null ? Optional.empty() : Optional.of(CredentialScope.parse(credential));
        } catch (WharfException e) {
            return Optional.empty();
        }
    }

    // ---- parsing

    /** Everything the signature check needs, from either form. */
    private record Parsed(CredentialScope scope, List<String> signedHeaders, String signature, String amzDate,
                          Instant requestTime, long expiresSeconds, boolean presigned) {}

    private Parsed parse(SignedRequest request) {
        List<Canonical.QueryParam> query = Canonical.QueryParam.parse(request.rawQuery());
        String authorization = request.firstHeader("Authorization");
        boolean queryForm = find(query, "X-Amz-Signature") != null || find(query, "X-Amz-Credential") != null
                || find(query, "X-Amz-Algorithm") != null;
        if (authorization != null && queryForm) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter "
                            + "or the Authorization header should be specified.");
        }
        if (authorization != null) {
            return parseHeaderForm(request, authorization);
        }
        if (queryForm) {
            return parseQueryForm(query);
        }
        throw new WharfException(ErrorCode.MISSING_AUTHENTICATION, "Missing Authentication Token");
    }

    private static Parsed parseHeaderForm(SignedRequest request, String authorization) {
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        List<String> problems = new ArrayList<>(header.missingParts());
        String amzDate = request.firstHeader("X-Amz-Date");
        String httpDate = amzDate == null ? request.firstHeader("Date") : null;
        if (amzDate == null && httpDate == null) {
            problems.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!problems.isEmpty()) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE, String.join(" ", problems));
        }
        CredentialScope scope = CredentialScope.parse(header.credential());
        List<String> signedHeaders = signedHeaders(header.signedHeaders());
        Instant time;
        if (amzDate != null) {
            amzDate = amzDate.strip();
            time = parseAmzDate(amzDate);
        } else {
            time = parseHttpDate(httpDate.strip());
            amzDate = AMZ_DATE.format(time);
        }
        return new Parsed(scope, signedHeaders, header.signature(), amzDate, time, -1, false);
    }

    private static Parsed parseQueryForm(List<Canonical.QueryParam> query) {
        String algorithm = find(query, "X-Amz-Algorithm");
        String credential = find(query, "X-Amz-Credential");
        String amzDate = find(query, "X-Amz-Date");
        String expires = find(query, "X-Amz-Expires");
        String signedHeaderList = find(query, "X-Amz-SignedHeaders");
        String signature = find(query, "X-Amz-Signature");
        List<String> problems = new ArrayList<>();
        String[][] required = {{"X-Amz-Algorithm", algorithm}, {"X-Amz-Credential", credential},
                {"X-Amz-Signature", signature}, {"X-Amz-SignedHeaders", signedHeaderList},
                {"X-Amz-Date", amzDate}};
        for (String[] r : required) {
            if (r[1] == null || r[1].isEmpty()) {
                problems.add("AWS query-string parameters must include '" + r[0] + "'.");
            }
        }
        if (!problems.isEmpty()) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    String.join(" ", problems) + " Re-examine the query-string parameters.");
        }
        if (!AuthorizationHeader.ALGORITHM.equals(algorithm)) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': '"
                    + Texts.clip(algorithm) + "'. Only '" + AuthorizationHeader.ALGORITHM + "' is supported.");
        }
        // X-Amz-Expires is optional outside S3 (the AWS SDKs omit it when no expiry is asked for);
        // without it a query-signed request is held to the same skew window as a header-signed one.
        long expiresSeconds = expires == null ? -1 : parseExpires(expires);
        CredentialScope scope = CredentialScope.parse(credential);
        Instant time = parseAmzDate(amzDate);
        return new Parsed(scope, signedHeaders(signedHeaderList), signature, amzDate, time, expiresSeconds, true);
    }

    private static long parseExpires(String expires) {
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "X-Amz-Expires should be a number, not '" + Texts.clip(expires) + "'.");
        }
        if (seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "X-Amz-Expires must be between 1 and " + MAX_PRESIGN_SECONDS + " seconds (one week).");
        }
        return seconds;
    }

    private static List<String> signedHeaders(String list) {
        List<String> names = AuthorizationHeader.splitSignedHeaders(list);
        if (!names.contains("host")) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }

    private static Instant parseAmzDate(String amzDate) {
        try {
            return ZonedDateTime.parse(amzDate, AMZ_DATE).toInstant();
        } catch (DateTimeParseException e) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '"
                    + Texts.clip(amzDate) + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private static Instant parseHttpDate(String httpDate) {
        try {
            return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new WharfException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "Date header must be an RFC 1123 date. Got '" + Texts.clip(httpDate) + "'.");
        }
    }

    // ---- checks before any cryptography

    private static void checkScope(CredentialScope scope, String expectedRegion, String expectedService) {
        if (expectedRegion != null && !expectedRegion.equals(scope.region())) {
            throw new WharfException(ErrorCode.INVALID_SIGNATURE, "Credential should be scoped to a valid region, not '"
                    + Texts.clip(scope.region()) + "'. Expected '" + expectedRegion + "'.");
        }
        if (expectedService != null && !expectedService.equals(scope.service())) {
            throw new WharfException(ErrorCode.INVALID_SIGNATURE,
                    "Credential should be scoped to correct service: '" + expectedService + "'.");
        }
    }

    private void checkTime(Parsed p) {
        String requestDay = p.amzDate.substring(0, 8);
        if (!requestDay.equals(p.scope.date())) {
            throw new WharfException(ErrorCode.INVALID_SIGNATURE,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + p.scope.date() + "' != '" + requestDay + "', from '" + p.amzDate + "'.");
        }
        Instant now = clock.instant();
        if (p.requestTime.isAfter(now.plus(allowedSkew))) {
            throw new WharfException(ErrorCode.REQUEST_EXPIRED, "Signature not yet current: " + p.amzDate
                    + " is still later than " + AMZ_DATE.format(now.plus(allowedSkew))
                    + " (" + AMZ_DATE.format(now) + " + " + describe(allowedSkew) + ")");
        }
        if (p.expiresSeconds > 0) {
            Instant expiry = p.requestTime.plusSeconds(p.expiresSeconds);
            if (now.isAfter(expiry)) {
                throw new WharfException(ErrorCode.REQUEST_EXPIRED, "Signature expired: " + AMZ_DATE.format(expiry)
                        + " is now earlier than " + AMZ_DATE.format(now) + " (" + p.amzDate + " + "
                        + p.expiresSeconds + " sec. X-Amz-Expires)");
            }
        } else if (p.requestTime.isBefore(now.minus(allowedSkew))) {
            throw new WharfException(ErrorCode.REQUEST_EXPIRED, "Signature expired: " + p.amzDate
                    + " is now earlier than " + AMZ_DATE.format(now.minus(allowedSkew))
                    + " (" + AMZ_DATE.format(now) + " - " + describe(allowedSkew) + ")");
        }
    }

    private static String describe(Duration d) {
        return d.toSecondsPart() == 0 ? d.toMinutes() + " min." : d.toSeconds() + " sec.";
    }

    // ---- canonical request

    /** {@code name:value\n} for each signed header, values of repeated headers joined with {@code ,}. */
    private static String canonicalHeaders(SignedRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder(256);
        for (String name : signedHeaders) {
            out.append(name).append(':');
            boolean first = true;
            for (String value : request.headerValues(name)) {
                if (!first) {
                    out.append(',');
                }
                Canonical.appendTrimmed(out, value);
                first = false;
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The payload hashes to try, in order. A declared {@code x-amz-content-sha256} is what was
     * signed (and must match the body when we have it). Otherwise the header form signs the body's
     * hash; a presigned URL signs {@code UNSIGNED-PAYLOAD} (S3 style, and what the AWS SDK for Java
     * v2 emits) or, as botocore does for non-S3 services, the body's hash: both are tried.
     */
    private static List<String> payloadHashes(SignedRequest request, boolean presigned) {
        String declared = request.firstHeader("x-amz-content-sha256");
        if (declared != null) {
            declared = declared.strip();
            if (declared.startsWith("STREAMING-")) {
                throw new WharfException(ErrorCode.INVALID_SIGNATURE,
                        "Chunked (" + Texts.clip(declared) + ") payload signing is not supported; sign the whole payload.");
            }
            if (!UNSIGNED_PAYLOAD.equals(declared)) {
                String actual = bodyHash(request);
                if (actual != null && !actual.equals(declared)) {
                    throw new WharfException(ErrorCode.INVALID_SIGNATURE,
                            "The provided 'x-amz-content-sha256' header does not match what was computed.");
                }
            }
            return List.of(declared);
        }
        String actual = bodyHash(request);
        if (actual == null) {
            actual = EMPTY_SHA256;
        }
        return presigned ? List.of(UNSIGNED_PAYLOAD, actual) : List.of(actual);
    }

    private static String bodyHash(SignedRequest request) {
        if (request.payloadHash() != null) {
            return request.payloadHash();
        }
        return request.body() == null ? null : Crypto.sha256Hex(request.body());
    }

    private static String find(List<Canonical.QueryParam> query, String name) {
        for (Canonical.QueryParam p : query) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    private static String queryValue(SignedRequest request, String name) {
        return find(Canonical.QueryParam.parse(request.rawQuery()), name);
    }
}
