package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.auth.Authenticator;
import dev.wharf.registry.AccessControl;
import dev.wharf.registry.EcrAction;
import dev.wharf.registry.Repositories;

import java.util.List;
import java.util.Map;

/** GetAuthorizationToken: the registry password for docker/skopeo/podman login. */
final class AuthorizationOperations {
    private final Authenticator authenticator;
    private final AccessControl access;
    private final String publicUrl;

    AuthorizationOperations(Authenticator authenticator, AccessControl access, String publicUrl) {
        this.authenticator = authenticator;
        this.access = access;
        this.publicUrl = publicUrl;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("GetAuthorizationToken", this::getAuthorizationToken);
    }

    private JsonNode getAuthorizationToken(EcrOperation.Call call) {
        List<String> registryIds = call.input().strings("registryIds", 1, 10);
        // ECR: ecr:GetAuthorizationToken is authorized on Resource "*" only.
        access.check(call.caller(), EcrAction.GET_AUTHORIZATION_TOKEN, "*", call.account());
        Authenticator.IssuedToken token = authenticator.issueToken(call.authenticated());
        ObjectNode out = EcrJson.object();
        ArrayNode data = out.putArray("authorizationData");
        List<String> ids = registryIds == null ? List.of(call.account()) : registryIds;
        for (String id : ids) {
            Repositories.registryId(id, call.account());
            ObjectNode d = data.addObject();
            d.put("authorizationToken", token.authorizationToken());
            d.put("expiresAt", EcrJson.epochSeconds(token.expiresAt().toEpochMilli()));
            d.put("proxyEndpoint", publicUrl);
        }
        return out;
    }
}
