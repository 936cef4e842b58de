package dev.wharf.cli;

import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.storage.meta.Rows;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.PostgresCluster;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes started at the same moment on an empty PostgreSQL database, as an orchestrator starts a
 * deployment: every node migrates the schema and runs the bootstrap; all start, and they share one
 * account and one root key.
 */
@Tag(ExternalProcess.TAG)
class ConcurrentFirstStartTest {
    private static final int NODES = 3;
    private static PostgresCluster pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = PostgresCluster.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) pg.close();
    }

    private record Node(Application app, String printed) {}

    private Map<String, String> env() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("WHARF_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        env.put("WHARF_MANAGEMENT_PORT", "0");
        env.put("WHARF_STORAGE_METADATA", "postgres");
        env.put("WHARF_POSTGRES_URL", pg.createDatabase());
        env.put("WHARF_POSTGRES_USER", PostgresCluster.USER);
        env.put("WHARF_POSTGRES_PASSWORD", PostgresCluster.PASSWORD);
        return env;
    }

    /** Starts the nodes as {@code wharf serve} does (create, bootstrap, start), all released at one barrier. */
    private List<Node> startAtOnce(Map<String, String> env) throws Exception {
        CyclicBarrier together = new CyclicBarrier(NODES);
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try {
            List<Future<Node>> started = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                Path data = dir.resolve("node-" + i);
                started.add(pool.submit(() -> {
                    WharfConfig config = new ConfigLoader(env).load(new ConfigLoader.Flags("127.0.0.1", 0, data, null));
                    together.await(60, TimeUnit.SECONDS);
                    Application app = Application.create(config, env, Clock.systemUTC());
                    StringWriter out = new StringWriter();
                    Main.bootstrap(app.identities(), app.config(), env, new PrintWriter(out));
                    app.start();
                    return new Node(app, out.toString());
                }));
            }
            List<Node> nodes = new ArrayList<>();
            for (Future<Node> f : started) nodes.add(f.get(120, TimeUnit.SECONDS));
            return nodes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void closeAll(List<Node> nodes) throws Exception {
        for (Node n : nodes) n.app().closeNow();
    }

    private static long creators(List<Node> nodes) {
        return nodes.stream().filter(n -> n.printed().contains("Wharf created account")).count();
    }

    @Test
    void nodesStartedAtOnceWithTheBootstrapVariablesShareOneAccountAndItsKey() throws Exception {
        Map<String, String> env = env();
        env.put("WHARF_BOOTSTRAP_ACCOUNT_ID", TestServer.ACCOUNT);
        env.put("WHARF_BOOTSTRAP_ACCESS_KEY_ID", TestServer.ACCESS_KEY);
        env.put("WHARF_BOOTSTRAP_SECRET_ACCESS_KEY", TestServer.SECRET_KEY);
        List<Node> nodes = startAtOnce(env);
        try {
            assertThat(creators(nodes)).as("nodes that created the account").isEqualTo(1);
            for (Node n : nodes) {
                assertThat(n.app().identities().accounts()).extracting(Rows.Account::accountId).containsExactly(TestServer.ACCOUNT);
                try (EcrClient ecr = EcrClient.builder().endpointOverride(URI.create(n.app().config().effectivePublicUrl()))
                        .region(Region.of(TestServer.REGION)).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(TestServer.credentials(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null)).build()) {
                    assertThat(ecr.describeRepositories(r -> {}).repositories()).as("the bootstrap key on every node").isEmpty();
                }
            }
        } finally {
            closeAll(nodes);
        }
    }

    @Test
    void nodesStartedAtOnceWithoutBootstrapVariablesShareOneDefaultAccount() throws Exception {
        List<Node> nodes = startAtOnce(env());
        try {
            assertThat(creators(nodes)).as("nodes that created an account").isEqualTo(1);
            String account = nodes.get(0).app().identities().defaultAccount().orElseThrow().accountId();
            for (Node n : nodes) {
                assertThat(n.app().identities().accounts()).extracting(Rows.Account::accountId).containsExactly(account);
            }
        } finally {
            closeAll(nodes);
        }
    }
}
