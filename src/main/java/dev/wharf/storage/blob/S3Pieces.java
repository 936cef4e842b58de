package dev.wharf.storage.blob;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * An upload session's pieces as {@link S3BlobStore} keeps them (objects named by the offset they
 * start at), read back in order, and assembled into one object by a multipart upload.
 */
final class S3Pieces {
    /** S3's smallest part but the last of a multipart upload. */
    private static final long MIN_PART_BYTES = 5L << 20;
    /** Parts of one commit made at once (server-side copies, mostly). */
    private static final int PARALLEL_PARTS = 8;

    /**
     * One stored piece of a session: its key, where it starts in the session, and how many of its
     * bytes count ({@code whole} false when only a prefix does: a commit shorter than what was written).
     */
    record Piece(String key, long offset, long size, boolean whole) {
        long end() {
            return offset + size;
        }
    }

    private final S3Client s3;
    private final String bucket;

    S3Pieces(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The pieces' bytes in order, each object opened only when the one before it is used up. */
    InputStream concatenation(List<Piece> pieces) {
        Iterator<Piece> it = pieces.iterator();
        return new SequenceInputStream(new java.util.Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                Piece p = it.next();
                try {
                    return s3.getObject(r -> {
                        r.bucket(bucket).key(p.key());
                        if (!p.whole()) r.range("bytes=0-" + (p.size() - 1));
                    });
                } catch (SdkException e) {
                    throw new java.io.UncheckedIOException(S3BlobStore.failed("GET " + p.key(), e));
                }
            }
        });
    }

    /**
     * One multipart upload from the pieces: runs of consecutive pieces of at least the part minimum
     * each; a run of one piece is copied inside S3, a longer run is read once and sent as one part.
     * Parts are made {@link #PARALLEL_PARTS} at a time. Visible only when the upload completes;
     * aborted on any failure.
     */
    void assemble(List<Piece> pieces, String target) throws IOException {
        List<List<Piece>> runs = new ArrayList<>();
        List<Piece> run = new ArrayList<>();
        long runBytes = 0;
        for (int i = 0; i < pieces.size(); i++) {
            run.add(pieces.get(i));
            runBytes += pieces.get(i).size();
            if (runBytes >= MIN_PART_BYTES || i == pieces.size() - 1) {
                runs.add(List.copyOf(run));
                run.clear();
                runBytes = 0;
            }
        }
        String mpu;
        try {
            mpu = s3.createMultipartUpload(r -> r.bucket(bucket).key(target)).uploadId();
        } catch (SdkException e) {
            throw S3BlobStore.failed("starting the multipart upload of " + target, e);
        }
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore slots = new Semaphore(PARALLEL_PARTS);
            List<Future<CompletedPart>> made = new ArrayList<>();
            for (int n = 0; n < runs.size(); n++) {
                int number = n + 1;
                List<Piece> r = runs.get(n);
                made.add(workers.submit(() -> {
                    slots.acquire();
                    try {
                        return part(target, mpu, number, r, r.stream().mapToLong(Piece::size).sum());
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<CompletedPart> parts = new ArrayList<>();
            for (Future<CompletedPart> f : made) parts.add(f.get());
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(target).uploadId(mpu)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (SdkException | ExecutionException | InterruptedException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(target).uploadId(mpu));
            } catch (SdkException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while assembling " + target);
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof java.io.UncheckedIOException u) throw u.getCause();
            if (cause instanceof SdkException se) throw S3BlobStore.failed("assembling " + target, se);
            throw new IOException("assembling " + target + " failed", cause);
        }
    }

    private CompletedPart part(String target, String mpu, int number, List<Piece> run, long bytes) {
        String etag;
        if (run.size() == 1) {
            Piece p = run.get(0);
            etag = s3.uploadPartCopy(r -> {
                r.sourceBucket(bucket).sourceKey(p.key()).destinationBucket(bucket).destinationKey(target).uploadId(mpu).partNumber(number);
                if (!p.whole()) r.copySourceRange("bytes=0-" + (p.size() - 1));
            }).copyPartResult().eTag();
        } else {
            etag = s3.uploadPart(r -> r.bucket(bucket).key(target).uploadId(mpu).partNumber(number).contentLength(bytes),
                    RequestBody.fromContentProvider(() -> concatenation(run), bytes, "application/octet-stream")).eTag();
        }
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }
}
