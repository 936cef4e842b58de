package dev.wharf.bench;

import dev.wharf.registry.ManifestParser;
import dev.wharf.registry.ParsedManifest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/** Parse and validation of a pushed manifest: an OCI image manifest of 8 layers, and an OCI index of 4 platforms. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManifestParseBenchmark {
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";
    private byte[] image;
    private byte[] index;

    @Setup
    public void setUp() {
        Random r = new Random(42);
        StringJoiner layers = new StringJoiner(",");
        for (int i = 0; i < 8; i++) {
            layers.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + digest(r)
                    + "\",\"size\":" + (1_000_000 + i) + "}");
        }
        image = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest(r) + "\",\"size\":1469},"
                + "\"layers\":[" + layers + "],\"annotations\":{\"org.opencontainers.image.created\":\"2025-01-01T00:00:00Z\"}}")
                .getBytes(StandardCharsets.UTF_8);
        StringJoiner platforms = new StringJoiner(",");
        for (String arch : new String[] {"amd64", "arm64", "ppc64le", "s390x"}) {
            platforms.add("{\"mediaType\":\"" + MANIFEST + "\",\"digest\":\"" + digest(r) + "\",\"size\":1234,"
                    + "\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}}");
        }
        index = ("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[" + platforms + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String digest(Random r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        return "sha256:" + HexFormat.of().formatHex(b);
    }

    @Benchmark
    public ParsedManifest imageManifest() {
        return ManifestParser.parse(image, MANIFEST);
    }

    @Benchmark
    public ParsedManifest imageIndex() {
        return ManifestParser.parse(index, INDEX);
    }
}
