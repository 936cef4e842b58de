/**
 * JMH microbenchmarks of the per-request costs that are Wharf's own (authentication, policy
 * evaluation, manifest parsing, hashing). Built and run only with the Maven profile {@code jmh}
 * ({@code bench/jmh}); the regular build and {@code bin/test} never compile them.
 */
package dev.wharf.bench;
