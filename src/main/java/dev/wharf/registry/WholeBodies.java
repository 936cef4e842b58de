package dev.wharf.registry;

import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

import static dev.wharf.registry.BlobErrors.digestMismatch;
import static dev.wharf.registry.BlobErrors.interrupted;
import static dev.wharf.registry.BlobErrors.sizeMismatch;

/** Reading and hashing a blob's bytes whole, for {@link Blobs}' completions. */
final class WholeBodies {
    private WholeBodies() {}

    /**
     * The whole body of a blob of {@code length} bytes, read into memory and checked against its
     * digest; on a mismatch {@code onMismatch} runs (the session is discarded) before the error.
     */
    static byte[] read(Digest expected, int length, InputStream body, Runnable onMismatch) {
        MessageDigest md = expected.algorithm().newMessageDigest();
        CountingDigestStream in = new CountingDigestStream(body, md, length);
        byte[] bytes = new byte[length];
        int read;
        try {
            read = in.readNBytes(bytes, 0, length);
            if (read == length) in.read(); // at the limit this probes for a byte past the length (overLimit)
        } catch (IOException | RuntimeException e) {
            if (e instanceof WharfException we) throw we;
            throw interrupted(in.count, e);
        }
        if (read != length || in.overLimit) throw sizeMismatch(length, in.overLimit ? "more" : String.valueOf(read));
        Digest actual = Digest.of(expected.algorithm(), md.digest());
        if (!actual.equals(expected)) {
            onMismatch.run();
            throw digestMismatch(expected, actual);
        }
        return bytes;
    }

    /** The digest of a session's first {@code size} bytes, read back from the store (bytes past it are a failed chunk's). */
    static Digest digestOfSession(BlobStore store, String uploadId, long size, Digest.Algorithm alg) throws IOException {
        MessageDigest md = alg.newMessageDigest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = store.openUpload(uploadId)) {
            long left = size;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                md.update(buf, 0, n);
                left -= n;
            }
        }
        return Digest.of(alg, md.digest());
    }
}
