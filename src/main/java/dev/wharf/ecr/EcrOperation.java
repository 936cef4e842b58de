package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.auth.Authenticated;
import dev.wharf.registry.Caller;

/** One operation of the ECR API: a request body in, a response body out. */
@FunctionalInterface
interface EcrOperation {
    JsonNode invoke(Call call);

    /** The operation's input and who calls it. */
    record Call(JsonInput input, Caller caller, Authenticated authenticated) {
        String account() {
            return caller.principal().accountId();
        }
    }
}
