package dev.wharf.metrics;

import dev.wharf.storage.meta.EventOutbox;
import dev.wharf.storage.meta.UsageStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wharf's meters, exposed in the Prometheus text format by the management listener. Names follow
 * Prometheus conventions (snake case, base units, {@code _total} on counters: Micrometer adds the
 * suffixes). Every label has a bounded set of values: doors and operations are fixed vocabularies
 * (the {@link #MAX_OPERATIONS} guard catches a bug that would widen them), statuses are HTTP codes,
 * and per-repository series exist only for the {@code repositorySeries} largest repositories.
 * <p>
 * The request path costs one map lookup and a few atomic adds: meters are created once per label
 * combination and kept.
 */
public final class WharfMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WharfMetrics.class);

    /** Distinct operation label values accepted before new ones are reported as {@code other}. */
    static final int MAX_OPERATIONS = 512;
    /** Stored-bytes figures are recomputed at most this often (each is an aggregate query). */
    private static final Duration USAGE_REFRESH = Duration.ofSeconds(30);
    /** Latency buckets from a cached manifest GET (about 1 ms) to a multi-gigabyte layer push. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(300)};

    /** What a maintenance run was; each has its own series. */
    public enum Task {
        LIFECYCLE("lifecycle"), GC("gc");

        private final String label;

        Task(String label) { this.label = label; }
    }

    private record RequestKey(String door, String operation, int status) {}

    private record DoorMeters(Counter received, Counter sent) {}

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Whether the JVM's meters are bound, or may no longer be; its monitor orders binding, scraping and closing. */
    private final JvmMeterState jvmMeters = new JvmMeterState();

    private static final class JvmMeterState {
        boolean bound;
        boolean closed;
        /** Null until bound; it holds listeners on the collectors, removed by {@link #close()}. */
        JvmGcMetrics gc;
    }
    private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, DoorMeters> doors = new ConcurrentHashMap<>();
    private final Map<String, Counter> throttled = new ConcurrentHashMap<>();
    private final Map<String, Boolean> operations = new ConcurrentHashMap<>();
    private final UsageStore usage;
    private final int repositorySeries;
    private final Clock clock;
    private final AtomicLong openUploads = new AtomicLong();
    private final MultiGauge accountBytes;
    private final MultiGauge repositoryBytes;
    private long usageReadAt = Long.MIN_VALUE;
    private final GcMeters gcMeters;

    /**
     * @param usage            where stored bytes and open uploads are read (at scrape time, at most every 30 s)
     * @param repositorySeries how many repositories (the largest) get a stored-bytes series of their own
     */
    public WharfMetrics(UsageStore usage, int repositorySeries, Clock clock) {
        this.usage = usage;
        this.repositorySeries = repositorySeries;
        this.clock = clock;
        // Two of Micrometer's processor meters break Prometheus naming rules (promtool: an abbreviated
        // unit, a "_count" gauge); they are replaced by conventionally named equivalents.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            }
        });
        Gauge.builder("wharf.uploads.open", openUploads, AtomicLong::get)
                .description("Upload sessions started and not yet completed, cancelled or expired")
                .register(registry);
        accountBytes = MultiGauge.builder("wharf.account.stored").baseUnit("bytes")
                .description("Bytes of the blobs linked to an account's repositories, each blob counted once")
                .register(registry);
        repositoryBytes = MultiGauge.builder("wharf.repository.stored").baseUnit("bytes")
                .description("Bytes of the blobs linked to a repository; only the largest repositories have a series")
                .register(registry);
        gcMeters = new GcMeters(registry);
    }

    /**
     * Binds the JVM's and the process's meters on a thread of their own, so that a start does not wait
     * for them: binding the JVM's management beans was a tenth of a warm start (docs/performance.md,
     * "Warm start"). A scrape that comes first binds them itself (or waits for the binding under way),
     * so no scrape ever lacks them.
     *
     * @return the binding thread (nothing needs to wait for it; a test may)
     */
    public Thread bindJvmMetersInBackground() {
        return Thread.ofPlatform().daemon().name("wharf-metrics-jvm").start(this::bindJvmMeters);
    }

    /** Binds the JVM's and the process's meters once; never after {@link #close()}. */
    private void bindJvmMeters() {
        synchronized (jvmMeters) {
            if (jvmMeters.bound || jvmMeters.closed) return;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                        .description("CPU time the Wharf process used").register(registry);
            }
            new JvmMemoryMetrics().bindTo(registry);
            jvmMeters.gc = new JvmGcMetrics();
            jvmMeters.gc.bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new JvmInfoMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
            jvmMeters.bound = true;
        }
    }

    /**
     * One finished request.
     *
     * @param door      {@code oci}, {@code ecr}, {@code iam}, {@code sts} or {@code other}
     * @param operation the ECR, IAM or STS action the request was, or {@code unknown}
     */
    public void request(String door, String operation, int status, long nanos, long bytesReceived, long bytesSent) {
        Timer timer = requests.get(new RequestKey(door, operation, status));
        if (timer == null) timer = requestTimer(door, operation, status);
        timer.record(nanos, TimeUnit.NANOSECONDS);
        DoorMeters d = doors.get(door);
        if (d == null) d = doors.computeIfAbsent(door, this::doorMeters);
        if (bytesReceived > 0) d.received().increment(bytesReceived);
        if (bytesSent > 0) d.sent().increment(bytesSent);
    }

    private Timer requestTimer(String door, String operation, int status) {
        String op = bounded(operation);
        return requests.computeIfAbsent(new RequestKey(door, operation, status), k -> Timer.builder("wharf.requests")
                .description("Requests by door, operation and HTTP status, with their latency")
                .tags("door", door, "operation", op, "status", Integer.toString(status))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry));
    }

    private DoorMeters doorMeters(String door) {
        return new DoorMeters(
                Counter.builder("wharf.http.received").baseUnit("bytes").description("Request body bytes read")
                        .tag("door", door).register(registry),
                Counter.builder("wharf.http.sent").baseUnit("bytes").description("Response body bytes written")
                        .tag("door", door).register(registry));
    }

    /**
     * A request refused by throttling. {@code operation} is the ECR, IAM or STS action it was
     * counted against (a fixed vocabulary, never a value taken from the request).
     */
    public void throttled(String operation) {
        Counter c = throttled.get(operation);
        if (c == null) {
            String op = bounded(operation);
            c = throttled.computeIfAbsent(operation, k -> Counter.builder("wharf.throttled.requests")
                    .description("Requests refused because their operation's rate was exceeded")
                    .tag("operation", op).register(registry));
        }
        c.increment();
    }

    /** A finished lifecycle or GC run and how many images (lifecycle) or blobs (GC) it removed, and their bytes. */
    public void maintenanceRun(Task task, long removedItems, long removedBytes) {
        Counter.builder("wharf.maintenance.runs").description("Lifecycle and garbage collection runs")
                .tag("task", task.label).register(registry).increment();
        Counter.builder("wharf.maintenance.removed.items")
                .description("What maintenance runs removed: images (lifecycle) or blobs (gc)")
                .tag("task", task.label).register(registry).increment(removedItems);
        Counter.builder("wharf.maintenance.removed").baseUnit("bytes").description("Bytes maintenance runs removed")
                .tag("task", task.label).register(registry).increment(removedBytes);
    }

    /**
     * A garbage-collection pass that ran to its end (docs/operations.md, "Garbage collection").
     *
     * @param candidates       blob rows the pass found unreferenced and queued for deletion
     * @param blobs            blobs whose bytes it deleted, and their {@code bytes}
     * @param deletionFailures queued blobs whose bytes the store refused to delete (retried next pass)
     */
    public void gcPass(long finishedAtMillis, Duration took, long candidates, long blobs, long bytes, long manifests,
                       long deletionFailures) {
        gcMeters.pass(finishedAtMillis, took, candidates, blobs, bytes, manifests, deletionFailures);
        maintenanceRun(Task.GC, blobs, bytes);
    }

    /** A pass not run because another collector (another node, or {@code wharf gc}) held the lease. */
    public void gcSkipped() {
        gcMeters.skipped();
    }

    /** A pass that stopped on an error; what it left is resumed by the next. */
    public void gcFailed() {
        gcMeters.failed();
    }

    /** Reports the outbox's backlog: image events not yet delivered (a growing value is a receiver that is down). */
    public void watch(EventOutbox outbox) {
        Gauge.builder("wharf.events.pending", outbox, o -> {
                    try {
                        return o.pending();
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("Image event deliveries waiting for their webhook, all receivers together")
                .register(registry);
    }

    /** Everything, in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        bindJvmMeters();
        refreshUsage();
        return registry.scrape();
    }

    /** Content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private synchronized void refreshUsage() {
        long now = clock.millis();
        if (usageReadAt != Long.MIN_VALUE && now - usageReadAt < USAGE_REFRESH.toMillis()) return;
        usageReadAt = now;
        try {
            openUploads.set(usage.openUploads());
            List<MultiGauge.Row<?>> accounts = new ArrayList<>();
            for (UsageStore.AccountBytes a : usage.storedBytesByAccount()) {
                accounts.add(MultiGauge.Row.of(Tags.of("account", a.accountId()), a.bytes()));
            }
            accountBytes.register(accounts, true);
            List<MultiGauge.Row<?>> repos = new ArrayList<>();
            for (UsageStore.RepositoryBytes r : usage.largestRepositories(repositorySeries)) {
                repos.add(MultiGauge.Row.of(Tags.of("account", r.accountId(), "repository", r.repositoryName()), r.bytes()));
            }
            repositoryBytes.register(repos, true);
        } catch (RuntimeException e) {
            LOG.warn("reading storage figures for /metrics failed: {}", e.toString());
        }
    }

    /** The label value for an operation: itself, unless the vocabulary has grown past its bound. */
    private String bounded(String operation) {
        if (operations.containsKey(operation)) return operation;
        if (operations.size() >= MAX_OPERATIONS) return "other";
        operations.putIfAbsent(operation, Boolean.TRUE);
        return operation;
    }

    @Override
    public void close() {
        synchronized (jvmMeters) {
            jvmMeters.closed = true;
            if (jvmMeters.gc != null) jvmMeters.gc.close();
        }
        registry.close();
    }
}
