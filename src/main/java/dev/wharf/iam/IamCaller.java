package dev.wharf.iam;

import dev.wharf.policy.Principal;
import dev.wharf.policy.RequestContext;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Who calls an IAM or STS action and from where: what the decision's global condition keys come from. */
public record IamCaller(Principal principal, String sourceIp, String userAgent, boolean secureTransport, Instant at) {

    /** The request context of {@code action} on {@code resourceArn}, with aws:SourceIp, aws:SecureTransport and aws:UserAgent. */
    public RequestContext context(String action, String resourceArn) {
        Map<String, List<String>> keys = new HashMap<>();
        if (sourceIp != null) keys.put("aws:SourceIp", List.of(sourceIp));
        if (userAgent != null) keys.put("aws:UserAgent", List.of(userAgent));
        keys.put("aws:SecureTransport", List.of(Boolean.toString(secureTransport)));
        return new RequestContext(principal, action, resourceArn, keys, at);
    }
}
