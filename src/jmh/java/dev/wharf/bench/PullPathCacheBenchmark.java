package dev.wharf.bench;

import dev.wharf.storage.meta.CachingMetadataStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.PostgresMetadataStores;
import dev.wharf.storage.meta.Rows;
import dev.wharf.storage.meta.SqliteMetadataStores;
import dev.wharf.testing.PostgresCluster;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cached lookups of one manifest GET (account, repository, manifest by digest) as a new request
 * makes them, on SQLite and on PostgreSQL: with no cache (three reads), with the exact cache (one
 * read of the shared generation, then memory), and with the former one-second cache that knew only
 * its own node's writes (memory only: the baseline the exact cache costs on).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PullPathCacheBenchmark {
    private static final String ACCOUNT = "111122223333";
    private static final String DIGEST = "sha256:" + "e".repeat(64);

    @Param({"sqlite", "postgres"})
    public String database;

    @Param({"none", "exact", "ttl"})
    public String cache;

    private Path dir;
    private PostgresCluster pg;
    private MetadataStore raw;
    private MetadataStore store;
    private long repositoryId;
    /** The request in progress: a new object per benchmark call, as the server binds a new record per request. */
    private volatile Object request = new Object();

    @Setup
    public void setUp() throws Exception {
        if (database.equals("postgres")) {
            pg = PostgresCluster.start();
            raw = PostgresMetadataStores.openAll(new PostgresMetadataStores.Connection(pg.createDatabase(), PostgresCluster.USER,
                    PostgresCluster.PASSWORD, 4)).meta();
        } else {
            dir = Files.createTempDirectory("wharf-bench");
            raw = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        }
        raw.createAccount(new Rows.Account(ACCOUNT, true, 0), new Rows.AccessKey("AKIABENCHMARK0000001", ACCOUNT, null, "v1:x", "Active", 0));
        repositoryId = raw.createRepository(new Rows.NewRepository(ACCOUNT, "bench/app", "MUTABLE", null, false, "AES256", null, 0,
                Map.of()), 100).id();
        raw.putManifest(new Rows.Manifest(repositoryId, DIGEST, "application/vnd.oci.image.manifest.v1+json", null, null, 2, 2,
                new byte[1500], 0, null), List.of(), "v1", false, 1000);
        store = switch (cache) {
            case "none" -> raw;
            case "exact" -> CachingMetadataStore.wrap(raw, () -> request);
            case "ttl" -> CachingMetadataStore.wrap(raw, Duration.ofSeconds(1), System::nanoTime);
            default -> throw new IllegalArgumentException(cache);
        };
    }

    @TearDown
    public void tearDown() throws Exception {
        store.close();
        if (pg != null) pg.close();
        if (dir != null) dev.wharf.testing.TestServer.deleteTree(dir);
    }

    @Benchmark
    public void manifestGetLookups(Blackhole bh) {
        request = new Object();
        bh.consume(store.findAccount(ACCOUNT));
        bh.consume(store.findRepository(ACCOUNT, "bench/app"));
        bh.consume(store.findManifest(repositoryId, DIGEST));
    }
}
