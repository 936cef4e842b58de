package dev.wharf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.Await;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import dev.wharf.testing.StoredBlobs;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage collection while real clients work: skopeo pushes and pulls on several threads while
 * {@code wharf gc} — the command, as its own process beside the running server — runs pass after
 * pass. With a grace period no push or pull fails; with none a push may be refused cleanly
 * ({@code MANIFEST_BLOB_UNKNOWN}: its layers went before its manifest came) and succeeds when sent
 * again, and no acknowledged image ever loses a layer. Afterwards one pass leaves exactly the blobs
 * the remaining images need, and layers whose manifest never came go once their grace has passed.
 */
@Tag("e2e")
@WharfTest
class GcConcurrentEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PUSHERS = 3;
    private static final int ROUNDS = 4;
    private static final Duration GC_TIMEOUT = Duration.ofMinutes(2);
    private static TestServer server;
    private static Skopeo skopeo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start(TestServer s) {
        server = s;
        List<String> repos = new ArrayList<>(List.of("gc-live/slow", "gc-live/stable"));
        for (int p = 0; p < PUSHERS; p++) {
            repos.add("gc-live/graced" + p);
            repos.add("gc-live/nograce" + p);
        }
        server.createRepositories(repos.toArray(String[]::new));
        try (EcrClient ecr = server.ecr()) {
            skopeo = Skopeo.loggedIn(server, ecr);
        }
    }

    /** {@code wharf gc --output json} as its own process on the server's data directory. */
    private static JsonNode gc(String grace) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExternalProcess.Result r = ExternalProcess.command(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                        "gc", "--data-dir", server.dataDir().toString(), "--grace", grace, "--output", "json")
                .env(Map.of("WHARF_MANAGEMENT_PORT", "0")).timeout(GC_TIMEOUT).run();
        // exit 3: the server's own collector was running; nothing was done
        assertThat(r.exit()).as(r.out() + r.err()).isIn(0, 3);
        return JSON.readTree(r.out());
    }

    /** The blobs stored, files and small blobs' rows (docs/design.md, "Small blobs in the database"). */
    private static Set<String> blobFiles() {
        return StoredBlobs.hex(server.dataDir());
    }

    /** The hex digests of the blobs (config and layers) an image needs. */
    private static Set<String> files(OciLayout layout, OciLayout.Descriptor image) {
        Set<String> out = new HashSet<>();
        for (String d : layout.closure(image.digest())) {
            if (!d.equals(image.digest())) out.add(d.substring("sha256:".length()));
        }
        return out;
    }

    private static void assertPulls(OciLayout layout, OciLayout.Descriptor image, String repoAndTag, String tag, Path into) {
        skopeo.pull(repoAndTag, into, tag).expectOk();
        assertThat(OciLayout.taggedDigest(into, tag)).as(repoAndTag).isEqualTo(image.digest());
        for (String d : layout.closure(image.digest())) {
            assertThat(OciLayout.blob(into, d)).as("bytes of %s in %s", d, repoAndTag).isEqualTo(layout.read(d));
        }
    }

    private static void deleteTag(String repo, String tag) {
        try (EcrClient ecr = server.ecr()) {
            assertThat(ecr.batchDeleteImage(b -> b.repositoryName(repo).imageIds(ImageIdentifier.builder().imageTag(tag).build()))
                    .failures()).isEmpty();
        }
    }

    /** What the pushers leave: per repository, the tag still there and its image. */
    record Kept(String repo, String tag, OciLayout.Descriptor image) {}

    @Test
    void withAGracePeriodPushesAndPullsDuringRepeatedPassesNeverFailAndNoLayerIsLost() throws Exception {
        RunResult r = pushAndPullDuringPasses("graced", "30s");
        assertThat(r.refused).as("pushes refused although the grace period covers them").isZero();
        assertExactlyTheKeptBlobsRemain(r);
    }

    @Test
    void withNoGraceAPushIsRefusedOnlyCleanlyAndNoAcknowledgedLayerIsLost() throws Exception {
        RunResult r = pushAndPullDuringPasses("nograce", "0s");
        assertThat(r.freed).as("blobs the passes freed among the pushes").isPositive();
        assertExactlyTheKeptBlobsRemain(r);
    }

    record RunResult(OciLayout layout, OciLayout.Descriptor stable, Set<String> before, List<Kept> kept, int passes, long freed,
                     int refused) {}

    /**
     * A stable image pulled over and over, and pushers that each push a new image (sharing a base
     * layer with all others) per round, pull it back and delete the one before, while passes with
     * {@code grace} run back to back.
     */
    private RunResult pushAndPullDuringPasses(String prefix, String grace) throws Exception {
        gc("0s");
        Set<String> before = blobFiles();
        OciLayout layout = new OciLayout(tmp.resolve("layout"));
        OciLayout.Descriptor stable = layout.taggedImage("stable", 5, 150_000, 20_000);
        List<List<OciLayout.Descriptor>> rounds = new ArrayList<>();
        for (int p = 0; p < PUSHERS; p++) {
            List<OciLayout.Descriptor> mine = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) mine.add(layout.taggedImage(prefix + p + "-" + i, 5, 150_000, 30_000 + 1_000 * p + 37 * i));
            rounds.add(mine);
        }
        skopeo.push(layout.reference("stable"), "gc-live/stable", "stable-" + prefix).expectOk();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger passes = new AtomicInteger(), refused = new AtomicInteger();
        AtomicLong freed = new AtomicLong();
        List<Kept> kept = new ArrayList<>();
        Map<Integer, Kept> last = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(PUSHERS + 2);
        try {
            Future<?> collector = pool.submit(() -> {
                while (!stop.get()) {
                    JsonNode r = gc(grace);
                    if (r.get("ran").asBoolean()) {
                        passes.incrementAndGet();
                        freed.addAndGet(r.get("blobs").asLong());
                    }
                }
                return null;
            });
            Future<?> puller = pool.submit(() -> {
                while (!stop.get()) {
                    assertPulls(layout, stable, "gc-live/stable:stable-" + prefix, "stable-" + prefix, Files.createTempDirectory(tmp, "stable"));
                }
                return null;
            });
            List<Future<?>> pushers = new ArrayList<>();
            for (int p = 0; p < PUSHERS; p++) {
                int pusher = p;
                pushers.add(pool.submit(() -> {
                    String repo = "gc-live/" + prefix + pusher;
                    for (int i = 0; i < ROUNDS; i++) {
                        int passesBefore = passes.get();
                        OciLayout.Descriptor image = rounds.get(pusher).get(i);
                        String tag = prefix + pusher + "-" + i;
                        Skopeo.Result push = skopeo.push(layout.reference(tag), repo, tag);
                        for (int attempt = 1; !push.ok(); attempt++) {
                            // the only refusal a pass may cause: the layers went before the manifest came
                            assertThat(push.output()).as(push.command()).containsIgnoringCase("manifest blob unknown");
                            assertThat(attempt).as("attempts of %s", tag).isLessThan(5);
                            refused.incrementAndGet();
                            push = skopeo.push(layout.reference(tag), repo, tag);
                        }
                        assertPulls(layout, image, repo + ":" + tag, tag, Files.createTempDirectory(tmp, "pulled"));
                        Kept previous = last.put(pusher, new Kept(repo, tag, image));
                        if (previous != null) deleteTag(repo, previous.tag());
                        // a pass ends within every round (a pass, a whole process, may take longer than a round)
                        Await.until(GC_TIMEOUT, "a pass during round " + i + " of " + tag, () -> passes.get() > passesBefore);
                    }
                    return null;
                }));
            }
            for (Future<?> f : pushers) f.get(15, TimeUnit.MINUTES);
            stop.set(true);
            puller.get(5, TimeUnit.MINUTES);
            collector.get(5, TimeUnit.MINUTES);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        kept.addAll(last.values());
        System.out.printf("GcConcurrentEndToEndTest %s: %d passes freed %d blobs; %d pushes refused%n", prefix, passes.get(), freed.get(),
                refused.get());
        assertThat(passes.get()).as("passes among the pushes").isGreaterThanOrEqualTo(ROUNDS);
        return new RunResult(layout, stable, before, kept, passes.get(), freed.get(), refused.get());
    }

    /** One more pass with no grace: exactly the blobs of the kept images and the stable one remain, and each pulls whole. */
    private void assertExactlyTheKeptBlobsRemain(RunResult r) throws IOException {
        gc("0s");
        Set<String> expected = new HashSet<>(r.before());
        expected.addAll(files(r.layout(), r.stable()));
        for (Kept k : r.kept()) {
            expected.addAll(files(r.layout(), k.image()));
            assertPulls(r.layout(), k.image(), k.repo() + ":" + k.tag(), k.tag(), Files.createTempDirectory(tmp, "kept"));
        }
        assertThat(blobFiles()).as("%d passes, %d pushes refused", r.passes(), r.refused()).isEqualTo(expected);
    }

    @Test
    void layersWhoseManifestComesWithinTheGraceSurviveAndLayersWhoseManifestNeverComesGoOnceItPassed() throws Exception {
        OciClient oci = new OciClient(server.url(), TestServer.basicAuth(server.registryPassword()));
        OciLayout layout = new OciLayout(tmp.resolve("slow"));
        OciLayout.Descriptor late = layout.taggedImage("late", 21, 60_000);
        OciLayout.Descriptor never = layout.taggedImage("never", 22, 70_000);
        gc("0s");
        Set<String> before = blobFiles();
        for (OciLayout.Descriptor image : List.of(late, never)) {
            for (String d : layout.closure(image.digest())) {
                if (!d.equals(image.digest())) oci.pushBlob("gc-live/slow", layout.read(d));
            }
        }
        // the pushes wait between their layers and their manifests: a pass runs meanwhile
        assertThat(gc("1h").get("blobs").asInt()).as("a pass within the grace").isZero();
        oci.putManifest("gc-live/slow", "late", OciLayout.OCI_MANIFEST, layout.read(late.digest()));
        Set<String> all = new HashSet<>(before);
        all.addAll(files(layout, late));
        all.addAll(files(layout, never));
        assertThat(blobFiles()).isEqualTo(all);

        JsonNode r = gc("0s"); // a pass once the grace has passed: any grace shorter than the unfinished push's age
        assertThat(r.get("blobs").asInt()).isEqualTo(files(layout, never).size());
        Set<String> left = new HashSet<>(before);
        left.addAll(files(layout, late));
        assertThat(blobFiles()).isEqualTo(left);
        assertPulls(layout, late, "gc-live/slow:late", "late", Files.createTempDirectory(tmp, "late"));
    }
}
