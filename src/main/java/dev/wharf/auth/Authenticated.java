package dev.wharf.auth;

import dev.wharf.policy.Principal;

import java.time.Instant;

/**
 * A verified caller. {@code credentialExpiry} is set for temporary credentials (and for tokens),
 * so that anything derived from them expires no later.
 */
public record Authenticated(Principal principal, String accessKeyId, Instant credentialExpiry) {
}
