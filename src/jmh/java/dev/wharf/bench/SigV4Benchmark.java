package dev.wharf.bench;

import dev.wharf.auth.sigv4.SigV4Verifier;
import dev.wharf.auth.sigv4.SignedRequest;
import dev.wharf.auth.sigv4.VerifiedSignature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * SigV4 verification of an ECR JSON call signed by the real AWS SDK signer (what every
 * {@code aws ecr} request costs the server before it does anything), with a warm signing-key cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigV4Benchmark {
    private static final String ACCESS_KEY = "AKIAWHARFBENCH000001";
    private static final String SECRET = "wharfBenchSecretKey/0123456789abcdefghijKL";

    private SigV4Verifier verifier;
    private SignedRequest request;

    @Setup
    public void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC);
        verifier = new SigV4Verifier(clock, Duration.ofMinutes(15));
        byte[] body = "{\"repositoryNames\":[\"team-a/web-app\"],\"maxResults\":100}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("https://api.ecr.us-east-1.wharf.example/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories")
                .putHeader("User-Agent", "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET))
                .request(http)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecr")
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        signed.forEachHeader((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        if (signed.firstMatchingHeader("Host").isEmpty()) {
            headers.add(Map.entry("Host", signed.host())); // an HTTP client always sends Host
        }
        request = new SignedRequest("POST", "/", null, headers, body);
    }

    @Benchmark
    public VerifiedSignature verify() {
        return verifier.verify(request, "us-east-1", "ecr", akid -> Optional.of(SECRET));
    }
}
