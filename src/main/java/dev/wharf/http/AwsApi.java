package dev.wharf.http;

import dev.wharf.errors.WharfException;

/**
 * An extra API on {@code POST /} (the AWS Query APIs): claims the requests it accepts. Declared
 * here, beside {@link Exchange}, so that the doors implement it without depending on the server
 * that routes to them (ARCHITECTURE.md: the server uses the API packages, never the reverse).
 */
public interface AwsApi {
    boolean accepts(Exchange ex);

    /**
     * True when the request is in this API's protocol but names no service of its own to claim
     * it by (unsigned, or signed with no readable scope): the API answers it with its
     * authentication error rather than another door answering in a foreign protocol.
     */
    default boolean acceptsUnsigned(Exchange ex) {
        return false;
    }

    void handle(Exchange ex);

    void writeFault(Exchange ex, WharfException e);
}
