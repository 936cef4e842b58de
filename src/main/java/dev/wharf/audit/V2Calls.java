package dev.wharf.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a {@code /v2/} request reads as an ECR call in the audit trail, as ECR records docker pulls and
 * pushes: its parameters from the path, and its name when it was refused before the authorization
 * point named it (a missing or bad token).
 */
final class V2Calls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private V2Calls() {}

    static boolean isV2(String path) {
        return path.startsWith("/v2/");
    }

    /** The ECR operation a {@code /v2/} request is, or null for the version check and the catalog. */
    static String operation(String method, String path) {
        V2Path p = named(path);
        if (p == null) return null;
        return switch (p.route()) {
            case UPLOADS -> p.reference().isEmpty() ? "InitiateLayerUpload" : method.equals("PUT") ? "CompleteLayerUpload" : "UploadLayerPart";
            case BLOB -> switch (method) {
                case "HEAD" -> "BatchCheckLayerAvailability";
                case "DELETE" -> "BatchDeleteImage";
                default -> "GetDownloadUrlForLayer";
            };
            case MANIFEST -> switch (method) {
                case "PUT" -> "PutImage";
                case "DELETE" -> "BatchDeleteImage";
                default -> "BatchGetImage";
            };
            case TAGS -> "ListImages";
            case REFERRERS -> "ListImageReferrers";
        };
    }

    /** requestParameters as the ECR API would have them: repository, registry, and the image, layer or upload named. */
    static ObjectNode parameters(String path, String registryId) {
        ObjectNode p = JSON.createObjectNode();
        V2Path v2 = named(path);
        if (v2 != null) {
            p.put("repositoryName", v2.repository());
            switch (v2.route()) {
                case MANIFEST -> p.put(v2.reference().contains(":") ? "imageDigest" : "imageTag", v2.reference());
                case UPLOADS -> {
                    if (!v2.reference().isEmpty()) p.put("uploadId", v2.reference());
                }
                case BLOB -> p.put("layerDigest", v2.reference());
                case REFERRERS -> p.put("imageDigest", v2.reference());
                case TAGS -> { }
            }
        }
        if (registryId != null) p.put("registryId", registryId);
        return p;
    }

    /** The path's route, as ECR names it: a blob only by a digest ({@code sha...}), as its layer APIs take. */
    private static V2Path named(String path) {
        V2Path p = V2Path.parse(path);
        return p != null && p.route() == V2Path.Route.BLOB && !p.reference().startsWith("sha") ? null : p;
    }
}
