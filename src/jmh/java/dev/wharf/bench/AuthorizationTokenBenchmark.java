package dev.wharf.bench;

import dev.wharf.auth.Authenticated;
import dev.wharf.auth.Authenticator;
import dev.wharf.auth.RegistryTokens;
import dev.wharf.iam.Identities;
import dev.wharf.iam.SecretCipher;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SqliteMetadataStores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The authorization-token check every {@code /v2/} request pays: the HMAC of the token alone
 * ({@code tokenOnly}), and the whole {@code Authorization: Basic} path with the access-key lookup
 * in a real SQLite store ({@code basicHeader}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuthorizationTokenBenchmark {
    private Path dir;
    private MetadataStore meta;
    private RegistryTokens tokens;
    private Authenticator authenticator;
    private String password;
    private String header;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("wharf-jmh");
        meta = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        SecretCipher cipher = new SecretCipher(new byte[32]);
        Clock clock = Clock.systemUTC();
        Identities identities = new Identities(meta, cipher, clock);
        Identities.RootCredentials root = identities.createAccount("111122223333", null, null, true);
        tokens = new RegistryTokens(cipher.deriveKey("registry-token"), clock);
        authenticator = new Authenticator(identities, tokens, clock, Duration.ofHours(12), Duration.ofMinutes(15));
        password = tokens.issue(root.accessKeyId(), root.accountId(), Instant.now().plus(Duration.ofHours(12)));
        header = "Basic " + Base64.getEncoder().encodeToString(("AWS:" + password).getBytes());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        meta.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public RegistryTokens.Claims tokenOnly() {
        return tokens.verify(password);
    }

    @Benchmark
    public Authenticated basicHeader() {
        return authenticator.basic(header);
    }
}
