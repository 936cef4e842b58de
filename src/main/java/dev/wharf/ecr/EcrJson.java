package dev.wharf.ecr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.registry.RepositoryInfo;

import java.math.BigDecimal;

/** Renders ECR response shapes. Timestamps are epoch seconds as JSON numbers (awsJson1_1). */
final class EcrJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private EcrJson() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static BigDecimal epochSeconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    static ObjectNode repository(RepositoryInfo r) {
        ObjectNode o = object();
        o.put("repositoryArn", r.arn());
        o.put("registryId", r.accountId());
        o.put("repositoryName", r.name());
        o.put("repositoryUri", r.uri());
        o.put("createdAt", epochSeconds(r.createdAtMillis()));
        o.put("imageTagMutability", r.tagMutability());
        if (!r.mutabilityExclusions().isEmpty()) {
            var arr = o.putArray("imageTagMutabilityExclusionFilters");
            for (RepositoryInfo.TagFilter f : r.mutabilityExclusions()) {
                arr.addObject().put("filterType", f.filterType()).put("filter", f.filter());
            }
        }
        o.putObject("imageScanningConfiguration").put("scanOnPush", r.scanOnPush());
        ObjectNode enc = o.putObject("encryptionConfiguration");
        enc.put("encryptionType", r.encryptionType());
        if (r.kmsKey() != null) enc.put("kmsKey", r.kmsKey());
        return o;
    }

    /** An {@code ImageIdentifier}: the members that are set. */
    static ObjectNode imageId(String digest, String tag) {
        ObjectNode o = object();
        if (digest != null) o.put("imageDigest", digest);
        if (tag != null) o.put("imageTag", tag);
        return o;
    }

    /** {@code registryId}, {@code repositoryName} and the rest of a repository-scoped answer. */
    static ObjectNode scoped(RepositoryInfo r) {
        return scoped(r.accountId(), r.name());
    }

    static ObjectNode scoped(String registryId, String repositoryName) {
        ObjectNode o = object();
        o.put("registryId", registryId);
        o.put("repositoryName", repositoryName);
        return o;
    }
}
