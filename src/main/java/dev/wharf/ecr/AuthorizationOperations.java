package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.auth.Authenticator;
import dev.wharf.registry.AccountSettings;
import dev.wharf.registry.Repositories;

import java.util.List;
import java.util.Map;

/** GetAuthorizationToken: the registry password for docker/skopeo/podman login. */
final class AuthorizationOperations {
    private final Authenticator authenticator;
    private final AccountSettings accountSettings;
    private final String publicUrl;

    AuthorizationOperations(Authenticator authenticator, AccountSettings accountSettings, String publicUrl) {
        this.authenticator = authenticator;
        this.accountSettings = accountSettings;
        this.publicUrl = publicUrl;
    }

    void register(Map<String, EcrOperation> ops) {
        ops.put("GetAuthorizationToken", this::getAuthorizationToken);
    }

    private JsonNode getAuthorizationToken(EcrOperation.Call call) {
        List<String> registryIds = call.input().strings("registryIds", 1, 10);
        accountSettings.authorizeTokenRequest(call.caller(), call.account());
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
