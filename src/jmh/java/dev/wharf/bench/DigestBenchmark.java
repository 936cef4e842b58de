package dev.wharf.bench;

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

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 per GiB, the way blob bytes are hashed while they stream in: {@link MessageDigest} fed
 * 1 MiB at a time, from a heap array and from a direct buffer. Compare with
 * {@code openssl speed -evp sha256} (the CPU's SHA extensions set the ceiling for both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class DigestBenchmark {
    private static final int MIB = 1 << 20;
    private byte[] heap;
    private ByteBuffer direct;

    @Setup
    public void setUp() {
        heap = new byte[MIB];
        new Random(1).nextBytes(heap);
        direct = ByteBuffer.allocateDirect(MIB);
        direct.put(heap).flip();
    }

    /** Milliseconds to hash 1 GiB from a heap array. */
    @Benchmark
    public byte[] sha256PerGiBHeap() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 1024; i++) md.update(heap, 0, MIB);
        return md.digest();
    }

    /** Milliseconds to hash 1 GiB from a direct buffer (as bytes read by a channel would be). */
    @Benchmark
    public byte[] sha256PerGiBDirect() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 1024; i++) {
            md.update(direct.duplicate());
        }
        return md.digest();
    }
}
