package dev.wharf.bench;

import dev.wharf.audit.AuditTrail;
import dev.wharf.audit.CallRecord;
import dev.wharf.limits.Rate;
import dev.wharf.limits.RateTable;
import dev.wharf.limits.Throttle;
import dev.wharf.policy.Principal;
import dev.wharf.storage.meta.JdbcAuditStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SqliteMetadataStores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What throttling and the audit trail add to every request, on the request's thread: one token
 * taken from an account's bucket, and one CloudTrail record built and queued (the database write
 * happens on the writer thread; when it falls behind, records are dropped, which costs less).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AuditAndThrottleBenchmark {
    private static final Principal ROOT = Principal.root("111122223333");
    private Throttle throttle;
    private Path dir;
    private MetadataStore meta;
    private JdbcAuditStore.Closeable store;
    private AuditTrail trail;

    @Setup
    public void setUp() throws Exception {
        throttle = new Throttle(true, RateTable.withOverrides(Map.of("BatchGetImage", Rate.of(Rate.MAX)), null),
                Throttle.Overrides.NONE, Clock.systemUTC());
        dir = Files.createTempDirectory("wharf-bench");
        meta = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        store = JdbcAuditStore.openSqlite(dir.resolve("wharf.db"));
        trail = new AuditTrail(store, "us-east-1", Clock.systemUTC(), Duration.ofDays(90));
    }

    @TearDown
    public void tearDown() throws Exception {
        trail.close();
        store.close();
        meta.close();
    }

    @Benchmark
    public long throttleAcquire() {
        return throttle.acquire("111122223333", "ecr", "BatchGetImage");
    }

    @Benchmark
    public void auditRecordOfABlobHead() {
        CallRecord r = trail.begin("3f1c7c1e-8a7b-4c59-9a0d-1b2c3d4e5f60", "HEAD",
                "/v2/team/app/blobs/sha256:4c1f2a7c5d9e8b0a1f3e5d7c9b1a2f4e6d8c0b2a4f6e8d0c2b4a6f8e0d2c4b6a", null,
                "10.0.0.7", "containerd/1.7.0");
        CallRecord.named("ecr", "BatchCheckLayerAvailability");
        CallRecord.identity(ROOT, "AKIAWHARFBENCHROOT01");
        CallRecord.resource("arn:aws:ecr:us-east-1:111122223333:repository/team/app", "111122223333");
        trail.end(r, 200);
    }
}
