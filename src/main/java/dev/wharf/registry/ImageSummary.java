package dev.wharf.registry;

import dev.wharf.storage.meta.Rows;

import java.util.List;

/** An image as the list and describe operations show it: its manifest's summary, the tags pointing at it, its storage state. */
public record ImageSummary(String digest, String mediaType, String artifactType, String subjectDigest, long size,
                           long imageSize, long pushedAt, Long lastPulledAt, List<String> tags, Archive.State storage) {

    /**
     * ECR's artifactMediaType: the config's media type. The parser keeps a config type as
     * artifactType unless it is the plain image config of the manifest's format.
     */
    public String artifactMediaType() {
        if (artifactType != null) return artifactType;
        if (MediaTypes.DOCKER_MANIFEST.equals(mediaType)) return MediaTypes.DOCKER_IMAGE_CONFIG;
        if (MediaTypes.OCI_MANIFEST.equals(mediaType)) return MediaTypes.OCI_IMAGE_CONFIG;
        return null;
    }

    static ImageSummary of(Rows.Image i, Archive.State storage) {
        return new ImageSummary(i.digest(), i.mediaType(), i.artifactType(), i.subjectDigest(), i.size(), i.imageSize(),
                i.pushedAt(), i.lastPulledAt(), List.copyOf(i.tags()), storage);
    }

    static ImageSummary of(Rows.Manifest m, List<String> tags, Archive.State storage) {
        return new ImageSummary(m.digest(), m.mediaType(), m.artifactType(), m.subjectDigest(), m.size(), m.imageSize(),
                m.pushedAt(), m.lastPulledAt(), List.copyOf(tags), storage);
    }
}
