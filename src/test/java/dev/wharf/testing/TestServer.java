package dev.wharf.testing;

import dev.wharf.cli.Application;
import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.iam.Identities;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Wharf, started in-process on a loopback port it binds itself (port 0) with a fresh data
 * directory and a known root key, for tests that talk to it over HTTP with real clients. Test
 * classes usually get one from {@link WharfExtension} ({@code @WharfTest}) rather than start it.
 * <pre>
 *   try (TestServer s = TestServer.start()) { EcrClient ecr = s.ecr(); ... }
 * </pre>
 */
public final class TestServer implements AutoCloseable {
    public static final String ACCOUNT = "111122223333";
    public static final String ACCESS_KEY = "AKIAWHARFTESTROOT001";
    public static final String SECRET_KEY = "wharf-test-secret-key-0000000000000000000";
    public static final String REGION = "us-east-1";

    private final Path dataDir;
    private final Application app;
    private final int port;
    private final boolean ownsDir;

    private TestServer(Path dataDir, boolean ownsDir, Map<String, String> extraEnv) throws Exception {
        this(dataDir, ownsDir, extraEnv, Clock.systemUTC());
    }

    private TestServer(Path dataDir, boolean ownsDir, Map<String, String> extraEnv, Clock clock) throws Exception {
        this(dataDir, ownsDir, extraEnv, clock, false);
    }

    private TestServer(Path dataDir, boolean ownsDir, Map<String, String> extraEnv, Clock clock, boolean management) throws Exception {
        this.dataDir = dataDir;
        this.ownsDir = ownsDir;
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("WHARF_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        // ECR's published rates (PutImage: 10/s) would throttle tests that push quickly, at a pace that
        // depends on the machine: a test of throttling turns it on with WHARF_THROTTLING_ENABLED=true.
        env.putIfAbsent("WHARF_THROTTLING_ENABLED", "false");
        // Tests run side by side: the management listener is off unless a test asks for a port.
        env.putIfAbsent("WHARF_MANAGEMENT_PORT", "0");
        // Port 0: the server binds a free port itself and reports it; no window for another process to take it.
        WharfConfig config = new ConfigLoader(env).load(new ConfigLoader.Flags("127.0.0.1", 0, dataDir, null));
        // The same for the management listener, when asked for: it binds a port itself, read back by managementPort().
        if (management) config = config.withEphemeralManagementPort();
        this.app = Application.create(config, env, clock);
        this.port = app.config().server().port();
        Identities ids = app.identities();
        if (ids.accounts().isEmpty()) ids.createAccount(ACCOUNT, ACCESS_KEY, SECRET_KEY, true);
        app.start();
    }

    /** A server with a new temporary data directory (deleted on close). */
    public static TestServer start() {
        return start(Map.of());
    }

    /** A server with extra {@code WHARF_*} settings, e.g. {@code WHARF_LIMITS_IMAGES_PER_REPOSITORY}. */
    public static TestServer start(Map<String, String> env) {
        try {
            return new TestServer(Files.createTempDirectory("wharf-test"), true, env);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test server", e);
        }
    }

    /**
     * A server whose management listener ({@code GET /metrics}) is on, on a loopback port it binds
     * itself: {@link #managementPort()}.
     */
    public static TestServer startWithManagement(Map<String, String> env) {
        try {
            return new TestServer(Files.createTempDirectory("wharf-test"), true, env, Clock.systemUTC(), true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test server", e);
        }
    }

    /** A server whose services read time from {@code clock} (e.g. to let credentials expire). */
    public static TestServer start(Map<String, String> env, Clock clock) {
        try {
            return new TestServer(Files.createTempDirectory("wharf-test"), true, env, clock);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test server", e);
        }
    }


    /** A server on an existing data directory (kept on close), e.g. to restart over the same data. */
    public static TestServer startOn(Path dataDir, Map<String, String> env) {
        return startOn(dataDir, env, Clock.systemUTC());
    }

    /** A server on an existing data directory (kept on close) whose services read time from {@code clock}. */
    public static TestServer startOn(Path dataDir, Map<String, String> env, Clock clock) {
        try {
            return new TestServer(dataDir, false, env, clock);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test server", e);
        }
    }

    public int port() { return port; }

    /** The port of the management listener, or -1 when it is off (see {@link #startWithManagement}). */
    public int managementPort() { return app.managementPort(); }

    /** {@code http://127.0.0.1:<port>} */
    public String url() { return "http://127.0.0.1:" + port; }

    /** {@code 127.0.0.1:<port>}, the registry host for image references. */
    public String host() { return "127.0.0.1:" + port; }

    public Path dataDir() { return dataDir; }

    public Application app() { return app; }

    /** An ECR client signed with the given credentials. */
    public EcrClient ecr(String accessKey, String secretKey) {
        return ecr(accessKey, secretKey, null);
    }

    /** An ECR client signed with the root key of {@link #ACCOUNT}. */
    public EcrClient ecr() {
        return ecr(ACCESS_KEY, SECRET_KEY);
    }

    /** A Secrets Manager client signed with the root key of {@link #ACCOUNT}. */
    public SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().endpointOverride(URI.create(url())).region(Region.of(REGION))
                .credentialsProvider(credentials(ACCESS_KEY, SECRET_KEY, null)).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates these repositories of {@link #ACCOUNT} as its root, through CreateRepository. */
    public void createRepositories(String... names) {
        try (EcrClient ecr = ecr()) {
            for (String name : names) ecr.createRepository(r -> r.repositoryName(name));
        }
    }

    /**
     * A registry password for {@link #ACCOUNT}'s root, obtained the way the aws CLI does it
     * ({@code GetAuthorizationToken}, then the part after {@code AWS:} of the decoded token).
     */
    public String registryPassword() {
        try (EcrClient ecr = ecr()) {
            String token = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
            String decoded = new String(Base64.getDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
            return decoded.substring(decoded.indexOf(':') + 1);
        }
    }

    /** {@code Authorization} header value for {@code /v2/} requests: Basic {@code AWS:<password>}. */
    public String basicAuth() {
        return basicAuth(registryPassword());
    }

    public static String basicAuth(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Static credentials, with a session token when {@code sessionToken} is not null. */
    public static StaticCredentialsProvider credentials(String accessKey, String secretKey, String sessionToken) {
        return StaticCredentialsProvider.create(sessionToken == null ? AwsBasicCredentials.create(accessKey, secretKey)
                : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
    }

    /** An ECR client signed with the given credentials (temporary ones when {@code sessionToken} is set). */
    public EcrClient ecr(String accessKey, String secretKey, String sessionToken) {
        return EcrClient.builder().endpointOverride(URI.create(url())).region(Region.of(REGION))
                .credentialsProvider(credentials(accessKey, secretKey, sessionToken))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An IAM client signed with the given credentials. */
    public IamClient iam(String accessKey, String secretKey) {
        return IamClient.builder().endpointOverride(URI.create(url())).region(Region.of(REGION))
                .credentialsProvider(credentials(accessKey, secretKey, null))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An IAM client signed with the root key of {@link #ACCOUNT}. */
    public IamClient iam() {
        return iam(ACCESS_KEY, SECRET_KEY);
    }

    /** An STS client signed with the given credentials. */
    public StsClient sts(String accessKey, String secretKey, String sessionToken) {
        return StsClient.builder().endpointOverride(URI.create(url())).region(Region.of(REGION))
                .credentialsProvider(credentials(accessKey, secretKey, sessionToken))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Environment for an {@code aws} CLI process using the root key (no config files of the machine). */
    public Map<String, String> awsCliEnv() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_DEFAULT_REGION", REGION,
                "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_PAGER", "");
    }

    @Override
    public void close() {
        try {
            app.closeNow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (ownsDir) deleteTree(dataDir);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
