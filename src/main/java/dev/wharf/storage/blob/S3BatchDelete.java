package dev.wharf.storage.blob;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link BatchDelete} on S3: DeleteObjects, at most {@link #MAX_KEYS} keys a request (S3's limit),
 * in quiet mode, so the answer lists only the keys S3 could not delete, each with its error code.
 * Deleting an absent key is a success in S3, as {@link BlobStore#delete} promises.
 * <p>
 * DeleteObjects is the one S3 request that must carry a body checksum, and the AWS SDK sends it as
 * {@code x-amz-checksum-crc32}, which AWS S3 and current MinIO accept and some S3-compatible servers
 * (S3Proxy, older Ceph RGW) answer with 501 Not Implemented. For those, the batch falls back to one
 * DeleteObject per key: slower, never wrong.
 */
final class S3BatchDelete {
    /** S3's most keys in one DeleteObjects request. */
    static final int MAX_KEYS = 1000;

    private final S3Client s3;
    private final String bucket;
    private final Function<Digest, String> key;

    S3BatchDelete(S3Client s3, String bucket, Function<Digest, String> key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
    }

    Map<Digest, String> deleteAll(List<Digest> digests) throws IOException {
        Map<Digest, String> refused = new LinkedHashMap<>();
        boolean batches = true;
        for (int i = 0; i < digests.size(); i += MAX_KEYS) {
            List<Digest> part = digests.subList(i, Math.min(digests.size(), i + MAX_KEYS));
            if (batches) {
                try {
                    refused.putAll(deleteObjects(part));
                    continue;
                } catch (S3Exception e) {
                    if (e.statusCode() != 501) throw failed(part.size(), e);
                    batches = false; // this server has no DeleteObjects we can use: one key at a time
                } catch (SdkException e) {
                    throw failed(part.size(), e);
                }
            }
            refused.putAll(deleteEach(part));
        }
        return refused;
    }

    private Map<Digest, String> deleteObjects(List<Digest> part) {
        Map<String, Digest> byKey = new HashMap<>();
        for (Digest d : part) byKey.put(key.apply(d), d);
        List<ObjectIdentifier> ids = byKey.keySet().stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
        Map<Digest, String> refused = new LinkedHashMap<>();
        for (S3Error e : r.errors()) {
            Digest d = byKey.get(e.key());
            if (d == null || "NoSuchKey".equals(e.code())) continue; // not ours to report; absent is deleted
            refused.put(d, e.code() + ": " + e.message());
        }
        return refused;
    }

    private Map<Digest, String> deleteEach(List<Digest> part) {
        Map<Digest, String> refused = new LinkedHashMap<>();
        for (Digest d : part) {
            try {
                s3.deleteObject(r -> r.bucket(bucket).key(key.apply(d)));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) refused.put(d, e.awsErrorDetails() == null ? e.getMessage()
                        : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
            } catch (SdkException e) {
                refused.put(d, e.getMessage());
            }
        }
        return refused;
    }

    private static IOException failed(int keys, SdkException e) {
        return new IOException("S3 DeleteObjects of " + keys + " blobs failed: " + e.getMessage(), e);
    }
}
