package dev.wharf.registry;

import dev.wharf.storage.blob.Digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validated manifest or index. {@code config} is null for an index; {@code manifests} is empty
 * for an image manifest.
 */
public record ParsedManifest(String mediaType, Digest digest, byte[] bytes, String artifactType,
                             Descriptor config, List<Descriptor> layers, List<Descriptor> manifests,
                             Descriptor subject, Map<String, String> annotations) {

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** Blobs the registry must hold for this manifest: config and distributable layers. */
    public List<Descriptor> requiredBlobs() {
        List<Descriptor> out = new ArrayList<>();
        if (config != null) out.add(config);
        for (Descriptor l : layers) {
            if (!MediaTypes.NON_DISTRIBUTABLE_LAYERS.contains(l.mediaType())) out.add(l);
        }
        return out;
    }

    /** ECR's imageSizeInBytes: the config and layers of an image; an index counts its own bytes. */
    public long imageSize() {
        if (isIndex()) return bytes.length;
        long sum = config == null ? 0 : config.size();
        for (Descriptor l : layers) sum += l.size();
        return sum;
    }
}
