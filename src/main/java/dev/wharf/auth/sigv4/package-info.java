/**
 * AWS Signature Version 4 verification, as an AWS service front end performs it.
 *
 * <p>Pure: the verifier sees one {@link dev.wharf.auth.sigv4.SignedRequest} (method, raw path and
 * query as received, headers, body or its hash), a clock and a secret lookup, and either returns a
 * {@link dev.wharf.auth.sigv4.VerifiedSignature} or throws a {@link dev.wharf.errors.WharfException}
 * with one of the authentication codes. It imports only {@code java.*} and {@code dev.wharf.errors}.
 *
 * <p>Reference: AWS General Reference, "Signature Version 4 signing process" (create a canonical
 * request, create a string to sign, calculate the signature) and "Authenticating requests: using
 * query parameters"; conformance data: the AWS Signature Version 4 test suite.
 */
package dev.wharf.auth.sigv4;
