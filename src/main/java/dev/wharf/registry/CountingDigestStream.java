package dev.wharf.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Counts, optionally hashes, and stops at a byte limit (reporting it instead of reading on). */
final class CountingDigestStream extends FilterInputStream {
    private final MessageDigest md;
    private final long limit;
    long count;
    boolean overLimit;
    /** The request body failed (the client went away), as opposed to the store. */
    boolean readFailed;

    CountingDigestStream(InputStream in, MessageDigest md, long limit) {
        super(in);
        this.md = md;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (count >= limit) {
            // one probe byte tells whether the body really goes on past the limit
            int probe;
            try {
                probe = super.read();
            } catch (IOException | RuntimeException e) {
                readFailed = true;
                throw e;
            }
            if (probe >= 0) {
                overLimit = true;
            }
            return -1;
        }
        int n;
        try {
            n = super.read(b, off, (int) Math.min(len, limit - count));
        } catch (IOException | RuntimeException e) {
            readFailed = true;
            throw e;
        }
        if (n > 0) {
            if (md != null) md.update(b, off, n);
            count += n;
        }
        return n;
    }
}
