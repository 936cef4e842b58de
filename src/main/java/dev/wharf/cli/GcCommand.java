package dev.wharf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.registry.GarbageCollector;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.meta.MetadataStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code wharf gc}: one garbage-collection pass now, also while servers run on the same stores. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Run one garbage-collection pass now: delete the blobs (and the manifests ECR's rules remove) that no image needs,",
                "and print what it found and freed. Safe while servers run on the same data directory: pushes and pulls go on,",
                "and only one collector runs at a time (exit 3 when another one is running)."})
final class GcCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.Common common = new Main.Common();

    @Option(names = "--dry-run", description = "Count what a pass would free; delete nothing.")
    boolean dryRun;

    @Option(names = "--grace", paramLabel = "DURATION",
            description = "Keep what became garbage less than this long ago (e.g. 0s, 30m, 24h): a push in progress sends its layers "
                    + "before its manifest. Default: gc.grace, WHARF_GC_GRACE, else 24h.")
    String grace;

    @Option(names = "--output", paramLabel = "FORMAT",
            description = "text (default) or json: {\"ran\", \"dryRun\", \"blobs\", \"bytes\", \"manifests\", \"links\", \"pending\", \"failed\", \"candidates\", \"millis\"}.")
    String output = "text";

    @Override
    public Integer call() throws Exception {
        if (!output.equals("text") && !output.equals("json")) throw new IllegalArgumentException("--output must be text or json");
        Duration given = grace == null ? null : ConfigLoader.parseDuration(grace);
        WharfConfig config = common.load(null, null);
        Duration g = given == null ? config.gc().grace() : given;
        if (g.isNegative()) throw new IllegalArgumentException("--grace must not be negative");
        GarbageCollector.Report r;
        // the configured blob store: on S3 the pass deletes objects in the bucket, not files
        try (MetadataStore meta = Application.openMetadata(config)) {
            BlobStore blobs = Backends.openBlobs(config, meta);
            try {
                r = Application.collector(meta, blobs, Clock.systemUTC()).run(g, dryRun);
            } finally {
                if (blobs instanceof AutoCloseable c) c.close();
            }
        }
        if (output.equals("json")) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("ran", r.ran());
            o.put("dryRun", r.dryRun());
            o.put("blobs", r.blobs());
            o.put("bytes", r.bytes());
            o.put("manifests", r.manifests());
            o.put("links", r.links());
            o.put("pending", r.pending());
            o.put("failed", r.failed());
            o.put("candidates", r.candidates());
            o.put("millis", r.took().toMillis());
            System.out.println(o);
        } else {
            System.out.println(r.summary());
        }
        return r.ran() ? 0 : 3;
    }
}
