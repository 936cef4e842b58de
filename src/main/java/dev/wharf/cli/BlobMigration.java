package dev.wharf.cli;

import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.MetadataCopy;
import dev.wharf.storage.meta.Rows;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * The blob phase of {@code wharf migrate}: copies the bytes of every blob the source's metadata
 * names from one store to another, hashing them on the way. A blob whose bytes do not hash to its
 * name (or are missing, or have another length) is never committed in the target: it is reported,
 * the others are still copied, and the run fails at its end naming each one. A blob already in the
 * target is skipped: a target commits a blob only after its digest was verified, so a blob there
 * with the expected length is the right one.
 */
final class BlobMigration {
    private static final int PAGE = 1000;

    /** Told of the progress; {@link #read} is called as bytes stream. */
    interface Listener {
        void read(long bytes);

        void blobDone(Rows.Blob blob, boolean copied);
    }

    /** What a pass did: blobs copied now (and their bytes), blobs already there, and the blobs that could not be copied. */
    record Report(long copied, long copiedBytes, long present, List<String> failures) {}

    private final BlobStore from;
    private final BlobStore to;
    private final Listener listener;

    BlobMigration(BlobStore from, BlobStore to, Listener listener) {
        this.from = from;
        this.to = to;
        this.listener = listener;
    }

    /** Copies every blob row of {@code rows}' source, by digest. */
    Report run(MetadataCopy rows) throws IOException {
        long copied = 0;
        long copiedBytes = 0;
        long present = 0;
        List<String> failures = new ArrayList<>();
        String last = null;
        while (true) {
            List<Rows.Blob> page = rows.blobsAfter(last, PAGE);
            for (Rows.Blob blob : page) {
                String failure = null;
                boolean done;
                try {
                    done = copy(Digest.parse(blob.digest()), blob.size());
                } catch (WharfException badName) {
                    failure = blob.digest() + ": not a valid digest";
                    done = false;
                } catch (NoSuchFileException gone) {
                    failure = blob.digest() + ": missing from the source (" + blob.size() + " bytes expected)";
                    done = false;
                } catch (CorruptBlob e) {
                    failure = blob.digest() + ": " + e.getMessage();
                    done = false;
                }
                if (failure != null) {
                    failures.add(failure);
                    continue;
                }
                if (done) {
                    copied++;
                    copiedBytes += blob.size();
                } else {
                    present++;
                }
                listener.blobDone(blob, done);
            }
            if (page.size() < PAGE) break;
            last = page.get(page.size() - 1).digest();
        }
        return new Report(copied, copiedBytes, present, List.copyOf(failures));
    }

    /** The bytes of a blob do not match its name or its recorded length. */
    private static final class CorruptBlob extends Exception {
        CorruptBlob(String message) {
            super(message, null, false, false);
        }
    }

    /** Copies one blob; false when the target already has it. */
    private boolean copy(Digest digest, long size) throws IOException, CorruptBlob {
        OptionalLong there = to.size(digest);
        if (there.isPresent()) {
            if (there.getAsLong() != size) {
                throw new CorruptBlob("the target already holds " + there.getAsLong() + " bytes under this digest, not " + size);
            }
            return false;
        }
        // One session name per blob: a session left by an interrupted run is discarded, never a second one added.
        String uploadId = "migrate-" + digest.algorithm().prefix() + "-" + digest.hex().substring(0, 48);
        to.abortUpload(uploadId);
        to.createUpload(uploadId);
        MessageDigest md = digest.algorithm().newMessageDigest();
        long written;
        try (InputStream in = new Hashing(from.open(digest, 0), md)) {
            written = to.write(uploadId, 0, in);
        } catch (IOException | RuntimeException e) {
            to.abortUpload(uploadId);
            throw e;
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (written != size || !actual.equals(digest.hex())) {
            to.abortUpload(uploadId);
            throw new CorruptBlob("the source's bytes are corrupt: " + written + " bytes hashing to " + digest.algorithm().prefix() + ":"
                    + actual + " (expected " + size + " bytes)");
        }
        to.commitUpload(uploadId, written, digest);
        return true;
    }

    /** Hashes what is read through it and reports the bytes to the listener. */
    private final class Hashing extends FilterInputStream {
        private final MessageDigest md;

        Hashing(InputStream in, MessageDigest md) {
            super(in);
            this.md = md;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                md.update((byte) b);
                listener.read(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                md.update(buf, off, n);
                listener.read(n);
            }
            return n;
        }

        @Override
        public long skip(long n) {
            return 0; // every byte must pass through the hash
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
