package dev.wharf.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static dev.wharf.policy.Fixtures.ALICE;
import static dev.wharf.policy.Fixtures.DEPLOYER;
import static dev.wharf.policy.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyVariablesTest {

    private final Evaluator evaluator = new Evaluator();

    private static PolicyDocument ownRepositories(String version) {
        return Fixtures.identity("""
                {"Version": "%s", "Statement": {"Effect": "Allow", "Action": "ecr:*",
                 "Resource": "arn:aws:ecr:us-east-1:111122223333:repository/home/${aws:username}/*"}}
                """.formatted(version));
    }

    private static RequestContext on(Principal p, String repo) {
        return RequestContext.of(p, "ecr:PutImage", "arn:aws:ecr:us-east-1:111122223333:repository/" + repo, NOW);
    }

    @Test
    void usernameVariableScopesResourceToTheCaller() {
        PolicyDocument doc = ownRepositories("2012-10-17");
        assertThat(evaluator.evaluate(doc, on(ALICE, "home/alice/app"))).isEqualTo(Effect3.ALLOW);
        assertThat(evaluator.evaluate(doc, on(ALICE, "home/bob/app"))).isEqualTo(Effect3.NOT_APPLICABLE);
    }

    @Test
    void variablesAreLiteralTextUnderVersion2008() {
        PolicyDocument doc = ownRepositories("2008-10-17");
        assertThat(evaluator.evaluate(doc, on(ALICE, "home/alice/app"))).isEqualTo(Effect3.NOT_APPLICABLE);
        assertThat(evaluator.evaluate(doc, on(ALICE, "home/${aws:username}/app"))).isEqualTo(Effect3.ALLOW);
    }

    @Test
    void variableWithoutValueMakesTheResourceNotMatch() {
        // A role session has no aws:username.
        assertThat(evaluator.evaluate(ownRepositories("2012-10-17"), on(DEPLOYER, "home/deployer/app")))
                .isEqualTo(Effect3.NOT_APPLICABLE);
    }

    @Test
    void substitutedValueIsLiteralNotAWildcard() {
        Principal star = Principal.user("111122223333", "a*", "AIDASTAR", Map.of());
        PolicyDocument doc = ownRepositories("2012-10-17");
        assertThat(evaluator.evaluate(doc, on(star, "home/a*/app"))).isEqualTo(Effect3.ALLOW);
        assertThat(evaluator.evaluate(doc, on(star, "home/abc/app"))).isEqualTo(Effect3.NOT_APPLICABLE);
    }

    @ParameterizedTest(name = "{0} against {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            repository/${*}                        | repository/*      | true
            repository/${*}                        | repository/x      | false
            repository/${?}                        | repository/?      | true
            repository/${$}x                       | repository/$x     | true
            repository/${aws:PrincipalTag/team}/*  | repository/a/app  | true
            repository/${aws:PrincipalTag/cost, 'shared'}/* | repository/shared/app | true
            repository/${aws:PrincipalTag/cost}/*  | repository/shared/app | false
            """)
    void specialAndDefaultedVariables(String resourceSuffix, String repoSuffix, boolean expected) {
        PolicyDocument doc = Fixtures.identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecr:*",
                 "Resource": "arn:aws:ecr:us-east-1:111122223333:%s"}}
                """.formatted(resourceSuffix));
        RequestContext ctx = RequestContext.of(ALICE, "ecr:PutImage", "arn:aws:ecr:us-east-1:111122223333:" + repoSuffix, NOW);
        assertThat(evaluator.evaluate(doc, ctx) == Effect3.ALLOW).isEqualTo(expected);
    }

    @Test
    void variablesWorkInConditionValues() {
        PolicyDocument doc = Fixtures.identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecr:*", "Resource": "*",
                 "Condition": {"StringEquals": {"ecr:ResourceTag/owner": "${aws:username}"}}}}
                """);
        RequestContext ctx = Fixtures.ctx(ALICE, "ecr:PutImage");
        assertThat(evaluator.evaluate(doc, ctx.withKey("ecr:ResourceTag/owner", "alice"))).isEqualTo(Effect3.ALLOW);
        assertThat(evaluator.evaluate(doc, ctx.withKey("ecr:ResourceTag/owner", "bob"))).isEqualTo(Effect3.NOT_APPLICABLE);
        assertThat(evaluator.evaluate(doc, Fixtures.ctx(DEPLOYER, "ecr:PutImage").withKey("ecr:ResourceTag/owner", "x")))
                .isEqualTo(Effect3.NOT_APPLICABLE);
    }
}
