package dev.wharf.auth.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a valid signature proves: who signed (access key id), for which scope, when, and over which
 * headers. {@code securityToken} is the {@code X-Amz-Security-Token} header or query parameter, not
 * yet checked: a caller that issues temporary credentials must check it belongs to the key.
 */
public record VerifiedSignature(String accessKeyId, String date, String region, String service,
                                Instant requestTime, List<String> signedHeaders,
                                Optional<String> securityToken, boolean presigned) {

    public VerifiedSignature {
        signedHeaders = List.copyOf(signedHeaders);
    }
}
