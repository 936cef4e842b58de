package dev.wharf.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests, made with Debian's binaries
 * ({@code /usr/lib/postgresql/<version>/bin}): {@code initdb} into a temporary folder, {@code pg_ctl}
 * start on a free loopback port, password authentication over TCP. PostgreSQL refuses to run as
 * root, so under root it runs as {@code nobody}, owning its folder. {@link #close} stops it
 * (immediate shutdown) and deletes the folder: nothing is left running or on disk. PostgreSQL
 * cannot bind port 0, so this one fixture picks a free port and retries when it was taken
 * meanwhile. Commands run through {@link ExternalProcess}; tests that use it are tagged
 * {@value ExternalProcess#TAG}.
 */
public final class PostgresCluster implements AutoCloseable {
    public static final String USER = "wharf";
    public static final String PASSWORD = "wharf-test-password";
    private static final String RUN_AS = "nobody";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path bin;
    private final Path dir;
    private final boolean asRoot;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path bin, Path dir, boolean asRoot, int port) {
        this.bin = bin;
        this.dir = dir;
        this.asRoot = asRoot;
        this.port = port;
    }

    /** The newest installed PostgreSQL's binaries, or empty when PostgreSQL is not installed. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> s = Files.list(root)) {
            return s.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Creates and starts a cluster. */
    public static PostgresCluster start() throws IOException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL is not installed (/usr/lib/postgresql/*/bin): bin/test installs Debian's postgresql package"));
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("wharf-pg");
        try {
            Files.writeString(dir.resolve("pwfile"), PASSWORD + "\n");
            if (asRoot) run(List.of("chown", "-R", RUN_AS, dir.toString()), dir, false);
            run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                    "--pwfile=" + dir.resolve("pwfile"), "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--no-sync"), dir, asRoot);
            IOException last = null;
            // A port found free can be taken before the server binds it: try a few.
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                try {
                    // fsync off: a test cluster never outlives a crash, and the suite runs faster.
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                            "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                            "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                    + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                            "start"), dir, asRoot);
                    PostgresCluster cluster = new PostgresCluster(bin, dir, asRoot, port);
                    // A test JVM that exits without closing (a crash in a @BeforeAll) still stops the server.
                    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopQuietly, "postgres-stop"));
                    return cluster;
                } catch (IOException e) {
                    last = e;
                }
            }
            throw last;
        } catch (IOException | RuntimeException e) {
            S3Proxy.deleteTree(dir);
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a command to its end (as {@code nobody} when asked), failing with its output. */
    private static void run(List<String> command, Path dir, boolean asNobody) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (asNobody) cmd.addAll(Arrays.asList("runuser", "-u", RUN_AS, "--"));
        cmd.addAll(command);
        ExternalProcess.Result r = ExternalProcess.command(cmd).directory(dir).mergeErrors().timeout(TIMEOUT).run();
        if (!r.ok()) {
            String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
            throw new IOException(r.command() + " exited with " + r.exit() + ":\n" + r.out() + log);
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of {@code database} on this cluster. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new, empty database and returns its JDBC URL. */
    public String createDatabase() throws SQLException {
        return createDatabase("template1");
    }

    /**
     * Creates a new database as a copy of {@code template} (a database nobody is connected to)
     * and returns its JDBC URL: a migrated template makes each test's database in one step.
     */
    public String createDatabase(String template) throws SQLException {
        if (!template.matches("[a-z0-9_]+")) throw new IllegalArgumentException("not a plain database name: " + template);
        String name = "wharf_test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        }
        return url(name);
    }

    /** The name of the database a URL of this cluster names. */
    public static String databaseName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private void stopQuietly() {
        if (!Files.exists(dir.resolve("data").resolve("postmaster.pid"))) return;
        try {
            close();
        } catch (IOException | RuntimeException | AssertionError ignored) {
            // the JVM is exiting; nothing more can be done
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "-t", "60", "stop"),
                    dir, asRoot);
        } finally {
            S3Proxy.deleteTree(dir);
        }
    }
}
