package dev.wharf.replication;

import dev.wharf.testing.OciClient;
import dev.wharf.testing.OciLayout;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Small images pushed through {@code /v2/} for the replication tests. */
final class Images {
    private Images() {}

    /** What was pushed: the manifest's digest and its one layer's. */
    record Pushed(String digest, String layer) {}

    /** Pushes a one-layer image (distinct per {@code seed}) to {@code repository:tag} (the repository must exist). */
    static Pushed push(OciClient oci, String repository, String tag, long seed) {
        byte[] layer = new byte[2048];
        new Random(seed).nextBytes(layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8);
        String layerDigest = oci.pushBlob(repository, layer);
        String configDigest = oci.pushBlob(repository, config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OciLayout.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + OciLayout.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        String digest = oci.putManifest(repository, tag, OciLayout.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        return new Pushed(digest, layerDigest);
    }
}
