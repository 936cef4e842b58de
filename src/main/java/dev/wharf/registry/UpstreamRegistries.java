package dev.wharf.registry;

import dev.wharf.storage.blob.Digest;

import java.io.InputStream;
import java.net.URI;

/**
 * The port through which a pull through cache reads another registry over the OCI Distribution
 * API. The {@code upstream} package implements it (anonymous, HTTP Basic, and the Docker token
 * flow); {@code cli.Application} plugs it in. Every method either answers or throws
 * {@link UpstreamException}; none waits without bound, and none reads more than its limits.
 */
public interface UpstreamRegistries {

    /** Who to be at the upstream: a user name and a password or access token. Never printed. */
    record Credentials(String username, String secret) {
        @Override
        public String toString() {
            return "Credentials[" + username + ", ****]";
        }
    }

    /** An upstream registry: its base URL ({@code https://host[:port]}, no path) and credentials (null: anonymous). */
    record Upstream(URI base, Credentials credentials) {}

    /** A manifest as the upstream served it; {@code digest} is the digest of {@code body}, verified. */
    record Manifest(Digest digest, String mediaType, byte[] body) {}

    /** A blob being read from the upstream: {@code size} bytes, which the caller verifies against the digest it asked for. */
    record Blob(long size, InputStream body) {}

    /** Why an upstream did not answer as asked. */
    enum Failure {
        /** The upstream has no such repository, manifest or blob. */
        NOT_FOUND,
        /** The upstream refused the credentials, or asked for some and none were given. */
        UNAUTHORIZED,
        /** The upstream could not be reached, timed out, or failed (5xx). */
        UNAVAILABLE,
        /** The upstream's answer broke the protocol or a limit (too large, wrong digest, bad redirect). */
        INVALID
    }

    /** An upstream failure; the message names the upstream and what went wrong, never a credential. */
    final class UpstreamException extends RuntimeException {
        private final Failure failure;

        public UpstreamException(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** Signs in to the upstream and checks that it speaks the distribution API ({@code GET /v2/}). */
    void ping(Upstream upstream);

    /**
     * The manifest {@code reference} (a tag or a digest) of {@code repository}, at most {@code maxBytes}
     * long. By digest, the body is verified to hash to it.
     */
    Manifest manifest(Upstream upstream, String repository, String reference, long maxBytes);

    /** Opens the blob {@code digest} of {@code repository}; the caller closes the stream. */
    Blob blob(Upstream upstream, String repository, Digest digest);
}
