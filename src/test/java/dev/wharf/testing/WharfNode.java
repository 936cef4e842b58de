package dev.wharf.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Wharf node in a process of its own ({@code wharf serve} on the test class path, port 0), for
 * tests that must kill a node the way a machine dies: {@link #kill} ends its JVM with SIGKILL,
 * mid-request if it has one. It logs every request (the access log, on its merged output), so a
 * test can see which node served what. Run through {@link ExternalProcess}: tests that use it are
 * tagged {@value ExternalProcess#TAG}.
 */
public final class WharfNode implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Main's line once it serves: {@code Wharf listening on http://127.0.0.1:PORT (data in ...)}. */
    private static final Pattern LISTENING = Pattern.compile("Wharf listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final ExternalProcess.Started process;
    private final Path dataDir;
    private final int port;

    private WharfNode(ExternalProcess.Started process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts a node with these {@code WHARF_*} variables (the test root key of {@link TestServer}
     * bootstrapped when the deployment has no account yet) and waits until it serves.
     */
    public static WharfNode start(Map<String, String> env) throws IOException {
        Path dataDir = Files.createTempDirectory("wharf-node");
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("WHARF_BOOTSTRAP_ACCOUNT_ID", TestServer.ACCOUNT);
        all.putIfAbsent("WHARF_BOOTSTRAP_ACCESS_KEY_ID", TestServer.ACCESS_KEY);
        all.putIfAbsent("WHARF_BOOTSTRAP_SECRET_ACCESS_KEY", TestServer.SECRET_KEY);
        all.putIfAbsent("WHARF_THROTTLING_ENABLED", "false");
        all.putIfAbsent("WHARF_MANAGEMENT_PORT", "0");
        all.put("WHARF_LOG_LEVEL", "INFO");
        all.put("WHARF_ACCESS_LOG", "INFO");
        String java = ProcessHandle.current().info().command().orElse("java");
        ExternalProcess.Started p = ExternalProcess.command(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classPath(),
                        "dev.wharf.cli.Main", "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString())
                .env(all).hide(all.getOrDefault("WHARF_POSTGRES_PASSWORD", "")).mergeErrors().start();
        try {
            p.awaitOutput("Wharf listening on", START_TIMEOUT);
            Matcher m = LISTENING.matcher(p.out());
            if (!m.find()) throw new AssertionError("the node did not name the port it bound:\n" + p.out());
            // A test JVM that exits without closing (a crash in a @BeforeAll) still stops its child.
            Runtime.getRuntime().addShutdownHook(new Thread(p::close, "wharf-node-stop"));
            return new WharfNode(p, dataDir, Integer.parseInt(m.group(1)));
        } catch (RuntimeException | Error e) {
            p.close();
            S3Proxy.deleteTree(dataDir);
            throw e;
        }
    }

    /** The class path this JVM runs tests with (Surefire names it apart from its own booter jar). */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the node logged so far (its access log among it). */
    public String log() {
        return process.out();
    }

    /** Ends the node at once with SIGKILL, as a machine that dies: no shutdown hook, no draining. */
    public void kill() {
        process.close();
    }

    /** Stops the node (SIGTERM, bounded wait) and deletes its data directory. */
    @Override
    public void close() throws IOException {
        try {
            process.stop(Duration.ofSeconds(60));
        } catch (AssertionError killedAfterTimeout) {
            // stop() killed its process tree; nothing is left running
        } finally {
            S3Proxy.deleteTree(dataDir);
        }
    }
}
