package dev.wharf.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Shared identities, resources and small builders for the policy tests. */
final class Fixtures {

    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String REPO_ARN = "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/team-a/app";
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    static final Principal ALICE = Principal.user(ACCOUNT, "alice", "AIDAALICE", Map.of("team", "a"));
    static final Principal BOB = Principal.user(ACCOUNT, "bob", "AIDABOB", Map.of());
    static final Principal ROOT = Principal.root(ACCOUNT);
    static final Principal DEPLOYER = Principal.assumedRole(ACCOUNT, "deployer", "ci-42", "AROADEPLOY", Map.of());
    static final Principal CAROL_ELSEWHERE = Principal.user(OTHER_ACCOUNT, "carol", "AIDACAROL", Map.of());
    static final Principal OTHER_ROOT = Principal.root(OTHER_ACCOUNT);

    private Fixtures() {
    }

    static RequestContext ctx(Principal p, String action) {
        return RequestContext.of(p, action, REPO_ARN, NOW);
    }

    static PolicyDocument identity(String json) {
        return PolicyDocument.parse(json, PolicyKind.IDENTITY);
    }

    static PolicyDocument resource(String json) {
        return PolicyDocument.parse(json, PolicyKind.RESOURCE);
    }

    /** An identity policy of one statement. */
    static PolicyDocument identityStatement(String effect, String action, String resource) {
        return identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "%s", "Action": "%s", "Resource": "%s"}}
                """.formatted(effect, action, resource));
    }

    static AuthorizationDecision decide(RequestContext ctx, List<PolicyDocument> identity, List<PolicyDocument> resource) {
        return new Evaluator().decide(new AuthorizationRequest(ctx, identity, resource, ACCOUNT));
    }
}
