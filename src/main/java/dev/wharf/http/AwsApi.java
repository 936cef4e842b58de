package dev.wharf.http;

import dev.wharf.errors.WharfException;

/**
 * An extra API on {@code POST /} (the AWS Query APIs): claims the requests it accepts. Declared
 * here, beside {@link Exchange}, so that the doors implement it without depending on the server
 * that routes to them (ARCHITECTURE.md: the server uses the API packages, never the reverse).
 */
public interface AwsApi {
    boolean accepts(Exchange ex);

    void handle(Exchange ex);

    void writeFault(Exchange ex, WharfException e);
}
