package dev.wharf.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real CNCF Distribution registry (Debian's {@code docker-registry}) as the upstream of a pull
 * through cache: started through {@link ExternalProcess} on a port it binds itself (port 0, named
 * in its log), with a temporary configuration and storage folder, anonymous or behind HTTP Basic
 * (htpasswd, bcrypt) or the Docker token flow ({@link TokenIssuer}). Every request it serves appears in its access log, so a test can count what
 * Wharf asked of it. {@link #close} stops it and deletes its folder. Tests that use it are tagged
 * {@value ExternalProcess#TAG}.
 */
public final class Distribution implements AutoCloseable {
    public static final String USER = "puller";
    public static final String PASSWORD = "upstream-test-password";
    /** {@code htpasswd -Bbn puller upstream-test-password}: Distribution reads bcrypt hashes only. */
    private static final String HTPASSWD = USER + ":$2y$05$ksgwLXEvJMStwBMme1bUvuq2GJGfFFSpkmpbBnGpGt8zNcz7bDShm\n";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SKOPEO_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final ExternalProcess.Started process;
    private final Path dir;
    private final int port;
    private final boolean auth;

    private Distribution(ExternalProcess.Started process, Path dir, int port, boolean auth) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.auth = auth;
    }

    /** An upstream anyone may pull from (and push to). */
    public static Distribution start() throws IOException {
        return start(null);
    }

    /** An upstream that answers 401 with a Basic challenge unless the request signs in as {@link #USER}. */
    public static Distribution startWithBasicAuth() throws IOException {
        return start(String.join("\n", "auth:", "  htpasswd:", "    realm: upstream", "    path: %s/htpasswd", ""));
    }

    /**
     * An upstream that speaks the Docker token flow: a 401 with {@code WWW-Authenticate: Bearer
     * realm=...,service=...,scope=...} sends clients to {@code issuer} for a token.
     */
    public static Distribution startWithTokenAuth(TokenIssuer issuer) throws IOException {
        return start(String.join("\n", "auth:", "  token:", "    realm: " + issuer.realm(), "    service: " + TokenIssuer.SERVICE,
                "    issuer: " + TokenIssuer.ISSUER, "    rootcertbundle: %s/token.pem", ""), issuer.certificatePem());
    }

    /** {@code auth}: the configuration's auth section ({@code %s} stands for the folder), or null for none. */
    private static Distribution start(String auth) throws IOException {
        return start(auth, null);
    }

    private static Distribution start(String auth, String tokenCertificate) throws IOException {
        Path dir = Files.createTempDirectory("wharf-distribution");
        StringBuilder config = new StringBuilder(String.join("\n",
                "version: 0.1",
                "log:",
                "  level: info",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:0", ""));
        if (auth != null) {
            Files.writeString(dir.resolve("htpasswd"), HTPASSWD);
            if (tokenCertificate != null) Files.writeString(dir.resolve("token.pem"), tokenCertificate);
            config.append(auth.replace("%s", dir.toString()));
        }
        Path file = dir.resolve("config.yml");
        Files.writeString(file, config);
        ExternalProcess.Started p = ExternalProcess.command("docker-registry", "serve", file.toString()).mergeErrors().start();
        try {
            p.awaitOutput("listening on", START_TIMEOUT);
            Matcher m = LISTENING.matcher(p.out());
            if (!m.find()) throw new AssertionError("docker-registry did not name the port it bound:\n" + p.out());
            // A test JVM that exits without closing (a crash in a @BeforeAll) still stops its child.
            Runtime.getRuntime().addShutdownHook(new Thread(p::close, "distribution-stop"));
            return new Distribution(p, dir, Integer.parseInt(m.group(1)), auth != null);
        } catch (RuntimeException | Error e) {
            p.close();
            S3Proxy.deleteTree(dir);
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + host();
    }

    /** Pushes {@code source} (e.g. {@link OciLayout#reference}) to {@code repository:tag} here with skopeo, keeping its digests. */
    public void push(String source, String repositoryAndTag) {
        List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--retry-times", "0", "--preserve-digests",
                "--dest-tls-verify=false"));
        if (auth) cmd.addAll(List.of("--dest-creds", USER + ":" + PASSWORD));
        cmd.addAll(List.of(source, "docker://" + host() + "/" + repositoryAndTag));
        ExternalProcess.command(cmd).hide(PASSWORD).mergeErrors().timeout(SKOPEO_TIMEOUT).run().expectOk();
    }

    /**
     * How many requests {@code <method> <path>} it has answered so far, counted in its access log
     * (lines {@code "GET /v2/... HTTP/1.1" <status>}); {@code pathPart} matches anywhere in the path.
     */
    public long requests(String method, String pathPart) {
        Pattern line = Pattern.compile("\"" + method + " (\\S*)" + " HTTP/1\\.1\" \\d{3}");
        Matcher m = line.matcher(process.out());
        long n = 0;
        while (m.find()) if (m.group(1).contains(pathPart)) n++;
        return n;
    }

    /** Stops the registry (the pull through cache sees it as down); its folder goes with {@link #close}. */
    public void stop() {
        try {
            process.stop(Duration.ofSeconds(30));
        } catch (AssertionError killedAfterTimeout) {
            // stop() killed its process tree; nothing is left running
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } finally {
            S3Proxy.deleteTree(dir);
        }
    }
}
