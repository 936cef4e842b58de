package dev.wharf.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The port through which replication reaches registries in other regions: other Wharf deployments,
 * over their public API. {@code cli.Application} plugs the {@code dev.wharf.replication} adapter in;
 * the registry knows nothing of HTTP.
 */
public interface RemoteRegistries {

    /** Whether a deployment standing for {@code region} is configured. */
    boolean reaches(String region);

    /**
     * Copies {@code image} into repository {@code image.repository()} of registry {@code registryId} in
     * {@code region}, creating the repository when it is missing: the blobs it lacks, then each manifest
     * in the order given, then the tag. Copying an image that is already there is no error.
     *
     * @throws ReplicationFailure when the copy did not complete (retryable or not)
     */
    void push(String region, String registryId, Image image) throws ReplicationFailure;

    /** A blob of an image being copied: its digest and exact size. */
    record Blob(String digest, long size) {}

    /** One manifest of an image being copied, with the blobs it needs. */
    record Manifest(String digest, String mediaType, byte[] body, List<Blob> blobs) {}

    /**
     * An image to copy: its manifests in push order (an index's children before the index; the last
     * is the image itself), the tag to put on the last one (null: by digest only), where to read
     * blob bytes, and what to call before each step of the copy (each blob, each manifest).
     */
    record Image(String repository, String tag, List<Manifest> manifests, BlobSource blobs, Heartbeat heartbeat) {
        public Image {
            manifests = List.copyOf(manifests);
        }

        public Manifest top() {
            return manifests.get(manifests.size() - 1);
        }
    }

    /**
     * Called before each step of a copy: keeps the copy's claim on its queue item, and stops the
     * copy (throwing) when the claim has been lost, e.g. because the image was pushed again.
     */
    @FunctionalInterface
    interface Heartbeat {
        void beat() throws ReplicationFailure;
    }

    /** Opens a blob's bytes (the caller closes the stream). */
    @FunctionalInterface
    interface BlobSource {
        InputStream open(String digest) throws IOException;
    }

    /** Nothing is configured: no other region is reachable. */
    RemoteRegistries NONE = new RemoteRegistries() {
        @Override
        public boolean reaches(String region) {
            return false;
        }

        @Override
        public void push(String region, String registryId, Image image) throws ReplicationFailure {
            throw new ReplicationFailure("No Wharf deployment is configured for the region " + region, false);
        }
    };
}
