package dev.wharf.storage.meta;

import java.util.List;
import java.util.Map;

/** The records the {@link MetadataStore} reads and writes. Times are epoch milliseconds. */
public final class Rows {
    private Rows() {}

    public record Account(String accountId, boolean isDefault, long createdAt) {}

    /** {@code userName} is null for the account root's key. {@code secretEnc} is the encrypted secret. */
    public record AccessKey(String accessKeyId, String accountId, String userName, String secretEnc,
                            String status, long createdAt) {
        public boolean active() { return "Active".equals(status); }
    }

    public record Repository(long id, String accountId, String name, String tagMutability,
                             String mutabilityExclusions, boolean scanOnPush, String encryptionType,
                             String kmsKey, long createdAt) {}

    public record NewRepository(String accountId, String name, String tagMutability, String mutabilityExclusions,
                                boolean scanOnPush, String encryptionType, String kmsKey, long createdAt,
                                Map<String, String> tags) {}

    public record Blob(String digest, long size) {}

    /** A manifest and what it needs: {@code blobRefs} (config and layers) and {@code manifestRefs} (index children). */
    public record Manifest(long repositoryId, String digest, String mediaType, String artifactType,
                           String subjectDigest, long size, long imageSize, byte[] body, long pushedAt,
                           Long lastPulledAt) {}

    /** A manifest's summary without its body, with the tags pointing at it. */
    public record Image(String digest, String mediaType, String artifactType, String subjectDigest, long size,
                        long imageSize, long pushedAt, Long lastPulledAt, List<String> tags) {}

    public record Tag(String tag, String digest, long updatedAt) {}

    public record Upload(String uploadId, long repositoryId, long size, int parts, long createdAt, long updatedAt) {}

    public record Reference(String childDigest, String kind) {
        public static final String BLOB = "blob";
        public static final String MANIFEST = "manifest";
    }

    /** UploadLayerPart bookkeeping: the size of the last part, and whether an earlier part was below the minimum. */
    public record LayerParts(String uploadId, long lastPartSize, boolean smallPart) {}

    public record LifecyclePolicy(long repositoryId, String text, long updatedAt, Long lastEvaluatedAt) {}

    /** A lifecycle policy preview: {@code results} is the JSON the registry wrote. */
    public record LifecyclePreview(long repositoryId, String text, String status, String results, long createdAt) {}
}
