package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.BatchDelete;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.blob.WholeBlobs;
import dev.wharf.storage.meta.MetadataStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import static dev.wharf.registry.GcFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Thousands of pushes, mounts, pulls, deletes and garbage-collection passes, interleaved at every
 * call the real services make to the real database and blob store, in an order drawn from a seed:
 * the same seed replays the same interleaving (one actor runs at a time; the clock ticks once per
 * step). Checked against a model of what was acknowledged: every acknowledged image pulls whole at
 * every moment, the only refusal a push may meet is {@code MANIFEST_BLOB_UNKNOWN} (the collector
 * took a layer before the manifest came, with no grace), and one last pass leaves exactly the blobs
 * the live images need. Replay one seed with {@code -Dgc.interleaving.seeds=42}.
 */
@Tag("slow") // minutes of CPU: in bin/test, not in the inner loop (bin/test --fast)
class GcScheduledInterleavingTest {
    private static final int PUSHERS = 4;
    private static final int OPS_PER_PUSHER = 300;
    private static final int SHARED_LAYERS = 8;
    /** The graces passes run with, in clock ticks (one a step): none at all (the harshest), shorter and longer than a push. */
    private static final long[] GRACES = {0, 0, 100, 5_000};
    /**
     * How often the collector is picked, against 1 for each pusher: a push takes some 60 calls, a pass
     * about 10, so passes with no grace still let most pushes through while running among all of them.
     */
    private static final double COLLECTOR_WEIGHT = 0.2;

    @TempDir
    Path dir;

    static Stream<Long> seeds() {
        return Arrays.stream(System.getProperty("gc.interleaving.seeds", "1,2").split(",")).map(String::trim).map(Long::parseLong);
    }

    /** An acknowledged image: its repository and every blob it needs. */
    record Image(String repo, Digest manifest, List<Digest> blobs) {}

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyAcknowledgedImagePullsAtEveryStepAndTheLastPassLeavesExactlyWhatTheyNeed(long seed) throws Exception {
        System.out.println("GcScheduledInterleavingTest seed " + seed);
        Scheduler s = new Scheduler(seed);
        Stats stats = new Stats();
        try (GcFixture f = new GcFixture(dir, s.clock, s::meta, s::store)) {
            for (int w = 0; w < PUSHERS; w++) f.createRepository("mix/w" + w);
            Map<Digest, Image> live = new HashMap<>(); // touched by one actor at a time
            AtomicInteger pushing = new AtomicInteger(PUSHERS);
            for (int w = 0; w < PUSHERS; w++) {
                int worker = w;
                Random rnd = new Random(seed * 31 + w);
                s.actor("pusher " + w, 1, () -> {
                    try {
                        work(f, worker, rnd, live, stats);
                    } finally {
                        pushing.decrementAndGet();
                    }
                });
            }
            Random gcRnd = new Random(seed * 31 + PUSHERS);
            // no rests between the pass's transactions: here nobody else runs while the collector rests
            GarbageCollector collector = new GarbageCollector(f.meta, f.store, f.clock,
                    new LeaseExclusive(f.meta, "gc", Duration.ofHours(1), f.clock), GarbageCollector.BATCH, Duration.ZERO);
            s.actor("collector", COLLECTOR_WEIGHT, () -> {
                while (pushing.get() > 0) {
                    collector.run(Duration.ofMillis(GRACES[gcRnd.nextInt(GRACES.length)]), false);
                    stats.passes++;
                }
            });
            s.run();

            String run = "seed " + seed + ": " + s.steps() + " steps, " + stats;
            System.out.println("GcScheduledInterleavingTest " + run);
            assertThat(stats.acknowledged).as(run).isGreaterThan(PUSHERS * OPS_PER_PUSHER / 5);
            assertThat(stats.passes).as(run).isGreaterThan(100);
            f.gc(Duration.ZERO);
            Set<Digest> needed = new HashSet<>();
            for (Image i : live.values()) {
                assertPulls(f, i);
                needed.addAll(i.blobs());
            }
            assertThat(f.stored()).as(run).containsExactlyInAnyOrderElementsOf(needed);
        }
    }

    static final class Stats {
        int acknowledged, refused, mounted, deleted, pulls, passes;

        @Override
        public String toString() {
            return acknowledged + " pushes acknowledged, " + refused + " refused, " + mounted + " layers mounted, " + deleted
                    + " images deleted, " + pulls + " pulls, " + passes + " passes";
        }
    }

    private static void work(GcFixture f, int worker, Random rnd, Map<Digest, Image> live, Stats stats) {
        String repo = "mix/w" + worker;
        List<Digest> mine = new ArrayList<>();
        for (int op = 0; op < OPS_PER_PUSHER; op++) {
            int kind = rnd.nextInt(10);
            if (kind < 5 || mine.isEmpty()) {
                byte[] cfg = bytes("{\"worker\":" + worker + ",\"op\":" + op + "}");
                byte[] shared = bytes("shared layer " + rnd.nextInt(SHARED_LAYERS));
                byte[] own = bytes("own " + worker + "/" + op);
                List<byte[]> layers = List.of(shared, own);
                Digest m;
                try {
                    // a shared layer is mounted from another pusher's repository when it still links it, else uploaded
                    String from = "mix/w" + rnd.nextInt(PUSHERS);
                    if (rnd.nextBoolean() && !from.equals(repo)
                            && f.blobs.mount(f.caller, GcFixture.ACCOUNT, repo, Digest.sha256(shared), from).isPresent()) {
                        stats.mounted++;
                    } else {
                        f.pushBlob(repo, shared);
                    }
                    f.pushBlob(repo, cfg);
                    f.pushBlob(repo, own);
                    m = f.putManifest(repo, rnd.nextBoolean() ? "t" + op : null, GcFixture.manifest(cfg, layers, null, 0));
                } catch (WharfException e) {
                    // the collector took a layer between its upload and the manifest: a clean refusal, nothing acknowledged
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN);
                    stats.refused++;
                    continue;
                }
                Image img = new Image(repo, m, List.of(Digest.sha256(cfg), Digest.sha256(shared), Digest.sha256(own)));
                live.put(m, img);
                mine.add(m);
                stats.acknowledged++;
                assertPulls(f, img);
            } else if (kind < 8) {
                assertPulls(f, live.get(mine.get(rnd.nextInt(mine.size()))));
                stats.pulls++;
            } else {
                Digest m = mine.remove(rnd.nextInt(mine.size()));
                live.remove(m);
                f.deleteImage(repo, m);
                stats.deleted++;
            }
        }
    }

    private static void assertPulls(GcFixture f, Image i) {
        assertThat(f.images.get(f.caller, GcFixture.ACCOUNT, i.repo(), i.manifest().toString(), false).digest()).isEqualTo(i.manifest());
        for (Digest b : i.blobs()) assertThat(f.pullsAndVerifies(i.repo(), b)).as("blob %s of acknowledged %s", b, i.manifest()).isTrue();
    }

    /** A clock that moves only when the scheduler ticks it: timestamps, and so grace decisions, replay with the seed. */
    static final class StepClock extends Clock {
        private volatile long millis = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

        void tick() {
            millis++;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    /** Thrown into the actors still parked once one actor failed, to end them. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("aborted: another actor failed", null, false, false);
        }
    }

    /**
     * Runs actors on their own (virtual) threads, one at a time: an actor parks before each call to
     * the stores, and the last one to park picks, with the seed, the next actor to make its call.
     */
    static final class Scheduler {
        private static final long STUCK_SECONDS = 120;
        final StepClock clock = new StepClock();
        private final Random rnd;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final List<Actor> actors = new ArrayList<>();
        private final ThreadLocal<Actor> current = new ThreadLocal<>();
        private final List<Throwable> failures = new ArrayList<>();
        private volatile boolean aborted;
        private volatile long steps;

        Scheduler(long seed) {
            this.rnd = new Random(seed);
        }

        private static final class Actor {
            final String name;
            final double weight;
            final Semaphore go = new Semaphore(0);
            Thread thread;
            boolean parked;
            boolean done;

            Actor(String name, double weight) {
                this.name = name;
                this.weight = weight;
            }
        }

        interface Body {
            void run() throws Exception;
        }

        long steps() {
            return steps;
        }

        /** Adds an actor, picked with {@code weight} against the others' when several are ready. */
        void actor(String name, double weight, Body body) {
            Actor a = new Actor(name, weight);
            actors.add(a);
            a.thread = Thread.ofVirtual().name("gc-interleaving " + name).unstarted(() -> {
                current.set(a);
                try {
                    pause();
                    body.run();
                } catch (Aborted e) {
                    // ended because another actor failed
                } catch (Throwable t) {
                    lock.lock();
                    try {
                        failures.add(new AssertionError(name + " failed at step " + steps, t));
                        aborted = true;
                    } finally {
                        lock.unlock();
                    }
                } finally {
                    lock.lock();
                    try {
                        a.done = true;
                        passTurn();
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            });
        }

        /** Parks the calling actor until it is picked; other threads (set-up, checks) pass straight through. */
        void pause() {
            Actor a = current.get();
            if (a == null) return;
            lock.lock();
            try {
                a.parked = true;
                passTurn();
            } finally {
                lock.unlock();
            }
            a.go.acquireUninterruptibly();
            if (aborted) throw new Aborted();
        }

        /** Once no actor runs, lets the next one (drawn from the seed) run; called holding the lock. */
        private void passTurn() {
            List<Actor> ready = new ArrayList<>();
            for (Actor x : actors) {
                if (x.done) continue;
                if (!x.parked) return; // still starting, or running: it passes the turn when it parks
                ready.add(x);
            }
            if (ready.isEmpty()) return;
            Actor next = aborted ? ready.get(0) : pick(ready);
            next.parked = false;
            steps++;
            clock.tick();
            next.go.release();
        }

        private Actor pick(List<Actor> ready) {
            double total = ready.stream().mapToDouble(a -> a.weight).sum();
            double x = rnd.nextDouble() * total;
            for (Actor a : ready) {
                x -= a.weight;
                if (x < 0) return a;
            }
            return ready.get(ready.size() - 1);
        }

        /** Steps the actors until all are done; rethrows the first failure. A step that never ends fails the test. */
        void run() throws InterruptedException {
            for (Actor a : actors) a.thread.start();
            lock.lock();
            try {
                long seen = -1;
                while (!actors.stream().allMatch(a -> a.done)) {
                    if (steps == seen) {
                        aborted = true;
                        fail("no step for " + STUCK_SECONDS + " s at step " + steps + "; running: "
                                + actors.stream().filter(a -> !a.done && !a.parked).map(a -> a.name).toList());
                    }
                    seen = steps;
                    changed.await(STUCK_SECONDS, TimeUnit.SECONDS);
                }
            } finally {
                lock.unlock();
            }
            if (!failures.isEmpty()) {
                AssertionError e = new AssertionError("interleaving failed (replay with -Dgc.interleaving.seeds=<the seed>)", failures.get(0));
                failures.stream().skip(1).forEach(e::addSuppressed);
                throw e;
            }
        }

        MetadataStore meta(MetadataStore real) {
            return (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(), new Class<?>[]{MetadataStore.class},
                    (proxy, m, args) -> {
                        if (m.getDeclaringClass() != Object.class && !m.getName().equals("close")) pause();
                        try {
                            return m.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        BlobStore store(BlobStore real) {
            // the store's powers stay (small blobs in one step, in the database; batched deletions), so that their calls interleave too
            Class<?>[] powers = Stream.of(BlobStore.class, WholeBlobs.class, InlineBlobs.class, BatchDelete.class).filter(c -> c.isInstance(real)).toArray(Class<?>[]::new);
            return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), powers,
                    (proxy, m, args) -> {
                        if (m.getDeclaringClass() != Object.class) pause();
                        try {
                            return m.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
