package dev.wharf.registry;

import dev.wharf.policy.Principal;

import java.time.Instant;

/**
 * Who is calling and from where: the input of every authorization decision, whichever door the
 * call came through.
 */
public record Caller(Principal principal, String accessKeyId, String sourceIp, String userAgent,
                     boolean secureTransport, Instant at) {
}
