package dev.wharf.registry;

import dev.wharf.storage.blob.Digest;

import java.util.Map;

/** An OCI content descriptor (image-spec §"Content Descriptors"): what a manifest points at. */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
                         Map<String, String> annotations) {
}
