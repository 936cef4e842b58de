package dev.wharf.ecr;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Builds images through the ECR API alone: blobs through the layer API, manifests through PutImage. */
final class EcrFixtures {
    private EcrFixtures() {}

    static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Uploads {@code bytes} in one part and returns its digest. */
    static String uploadLayer(EcrClient ecr, String repo, byte[] bytes) {
        String id = ecr.initiateLayerUpload(r -> r.repositoryName(repo)).uploadId();
        ecr.uploadLayerPart(r -> r.repositoryName(repo).uploadId(id).partFirstByte(0L).partLastByte((long) bytes.length - 1)
                .layerPartBlob(SdkBytes.fromByteArray(bytes)));
        String digest = sha256(bytes);
        ecr.completeLayerUpload(r -> r.repositoryName(repo).uploadId(id).layerDigests(digest));
        return digest;
    }

    /** A Docker schema 2 manifest for a config and one layer. */
    static String manifest(byte[] config, byte[] layer) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":" + config.length
                + ",\"digest\":\"" + sha256(config) + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":" + layer.length
                + ",\"digest\":\"" + sha256(layer) + "\"}]}";
    }

    /** Pushes a small distinct image ({@code seed} makes it unique) and returns its manifest digest. */
    static String pushImage(EcrClient ecr, String repo, String tag, long seed) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        byte[] layer = randomBytes(1024, seed);
        if (!available(ecr, repo, sha256(config))) uploadLayer(ecr, repo, config);
        if (!available(ecr, repo, sha256(layer))) uploadLayer(ecr, repo, layer);
        String manifest = manifest(config, layer);
        ecr.putImage(r -> {
            r.repositoryName(repo).imageManifest(manifest);
            if (tag != null) r.imageTag(tag);
        });
        return sha256(manifest.getBytes(StandardCharsets.UTF_8));
    }

    static boolean available(EcrClient ecr, String repo, String digest) {
        return !ecr.batchCheckLayerAvailability(r -> r.repositoryName(repo).layerDigests(digest)).layers().isEmpty();
    }

    /** An OCI index listing the given manifests (Docker schema 2, each {@code size} bytes is not checked by Wharf's index rules). */
    static String index(String... manifestDigestsAndSizes) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[");
        for (int i = 0; i < manifestDigestsAndSizes.length; i += 2) {
            if (i > 0) sb.append(',');
            sb.append("{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"")
                    .append(manifestDigestsAndSizes[i]).append("\",\"size\":").append(manifestDigestsAndSizes[i + 1])
                    .append(",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}");
        }
        return sb.append("]}").toString();
    }
}
