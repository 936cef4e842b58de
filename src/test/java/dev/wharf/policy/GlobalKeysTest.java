package dev.wharf.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.wharf.policy.Fixtures.ALICE;
import static dev.wharf.policy.Fixtures.DEPLOYER;
import static dev.wharf.policy.Fixtures.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class GlobalKeysTest {

    static Stream<Arguments> derived() {
        return Stream.of(
                arguments(ALICE, "aws:PrincipalArn", List.of("arn:aws:iam::111122223333:user/alice")),
                arguments(DEPLOYER, "aws:PrincipalArn", List.of("arn:aws:iam::111122223333:role/deployer")),
                arguments(ROOT, "aws:PrincipalArn", List.of("arn:aws:iam::111122223333:root")),
                arguments(ALICE, "aws:PrincipalAccount", List.of("111122223333")),
                arguments(ROOT, "aws:PrincipalType", List.of("Account")),
                arguments(ALICE, "aws:PrincipalType", List.of("User")),
                arguments(DEPLOYER, "aws:PrincipalType", List.of("AssumedRole")),
                arguments(Principal.anonymous(), "aws:PrincipalType", List.of("Anonymous")),
                arguments(new Principal("arn:aws:sts::111122223333:federated-user/fed", "111122223333",
                        PrincipalType.FEDERATED_USER, "111122223333:fed", null, null, null), "aws:PrincipalType",
                        List.of("FederatedUser")),
                arguments(ALICE, "aws:userid", List.of("AIDAALICE")),
                arguments(DEPLOYER, "aws:userid", List.of("AROADEPLOY:ci-42")),
                arguments(ROOT, "aws:userid", List.of("111122223333")),
                arguments(ALICE, "aws:username", List.of("alice")),
                arguments(DEPLOYER, "aws:username", List.of()),
                arguments(ALICE, "aws:PrincipalTag/team", List.of("a")),
                arguments(ALICE, "AWS:PRINCIPALTAG/TEAM", List.of("a")),
                arguments(BOB(), "aws:PrincipalTag/team", List.of()),
                arguments(ALICE, "aws:CurrentTime", List.of("2024-05-01T12:00:00Z")),
                arguments(ALICE, "aws:EpochTime", List.of("1714564800")),
                arguments(Principal.service("ecs.amazonaws.com"), "aws:PrincipalServiceName", List.of("ecs.amazonaws.com")));
    }

    private static Principal BOB() {
        return Fixtures.BOB;
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("derived")
    void globalKeysAreDerivedFromPrincipalAndTime(Principal p, String key, List<String> expected) {
        ContextKeys keys = ContextKeys.of(Fixtures.ctx(p, "ecr:BatchGetImage"));
        assertThat(keys.get(key)).isEqualTo(expected);
    }

    @Test
    void aKeyGivenInTheRequestWinsOverTheDerivedOne() {
        RequestContext ctx = Fixtures.ctx(ALICE, "ecr:BatchGetImage").withKey("AWS:CurrentTime", "2030-01-01T00:00:00Z");
        assertThat(ContextKeys.of(ctx).get("aws:currenttime")).containsExactly("2030-01-01T00:00:00Z");
    }

    @Test
    void derivedKeysAreUsableInConditions() {
        PolicyDocument doc = Fixtures.identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecr:*", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:PrincipalType": "AssumedRole"},
                               "ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/deploy*"},
                               "DateLessThan": {"aws:CurrentTime": "2025-01-01T00:00:00Z"}}}}
                """);
        Evaluator ev = new Evaluator();
        assertThat(ev.evaluate(doc, Fixtures.ctx(DEPLOYER, "ecr:PutImage"))).isEqualTo(Effect3.ALLOW);
        assertThat(ev.evaluate(doc, Fixtures.ctx(ALICE, "ecr:PutImage"))).isEqualTo(Effect3.NOT_APPLICABLE);
    }
}
