package dev.wharf.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a {@code /v2/} request reads as an ECR call in the audit trail, as ECR records docker pulls and
 * pushes: its parameters from the path, and its name when it was refused before the authorization
 * point named it (a missing or bad token).
 */
final class V2Calls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
    private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/(sha[^/]+)$");
    private static final Pattern UPLOADS = Pattern.compile("^/v2/(.+)/blobs/uploads/?([^/]*)$");
    private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
    private static final Pattern REFERRERS = Pattern.compile("^/v2/(.+)/referrers/([^/]+)$");

    private V2Calls() {}

    static boolean isV2(String path) {
        return path.startsWith("/v2/");
    }

    /** The ECR operation a {@code /v2/} request is, or null for the version check and the catalog. */
    static String operation(String method, String path) {
        Matcher m;
        if ((m = UPLOADS.matcher(path)).matches()) {
            if (m.group(2).isEmpty()) return "InitiateLayerUpload";
            return switch (method) {
                case "PUT" -> "CompleteLayerUpload";
                default -> "UploadLayerPart";
            };
        }
        if (BLOB.matcher(path).matches()) {
            return switch (method) {
                case "HEAD" -> "BatchCheckLayerAvailability";
                case "DELETE" -> "BatchDeleteImage";
                default -> "GetDownloadUrlForLayer";
            };
        }
        if (MANIFEST.matcher(path).matches()) {
            return switch (method) {
                case "PUT" -> "PutImage";
                case "DELETE" -> "BatchDeleteImage";
                default -> "BatchGetImage";
            };
        }
        if (TAGS.matcher(path).matches()) return "ListImages";
        if (REFERRERS.matcher(path).matches()) return "ListImageReferrers";
        return null;
    }

    /** requestParameters as the ECR API would have them: repository, registry, and the image, layer or upload named. */
    static ObjectNode parameters(String path, String registryId) {
        ObjectNode p = JSON.createObjectNode();
        Matcher m;
        if ((m = MANIFEST.matcher(path)).matches()) {
            p.put("repositoryName", m.group(1));
            String ref = m.group(2);
            p.put(ref.contains(":") ? "imageDigest" : "imageTag", ref);
        } else if ((m = UPLOADS.matcher(path)).matches()) {
            p.put("repositoryName", m.group(1));
            if (!m.group(2).isEmpty()) p.put("uploadId", m.group(2));
        } else if ((m = BLOB.matcher(path)).matches()) {
            p.put("repositoryName", m.group(1));
            p.put("layerDigest", m.group(2));
        } else if ((m = TAGS.matcher(path)).matches()) {
            p.put("repositoryName", m.group(1));
        } else if ((m = REFERRERS.matcher(path)).matches()) {
            p.put("repositoryName", m.group(1));
            p.put("imageDigest", m.group(2));
        }
        if (registryId != null) p.put("registryId", registryId);
        return p;
    }
}
