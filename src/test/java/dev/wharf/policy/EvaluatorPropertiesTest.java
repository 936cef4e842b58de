package dev.wharf.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Laws of the decision that must hold for any policies, drawn from a small vocabulary. */
class EvaluatorPropertiesTest {

    private static final List<String> ACTIONS = List.of("ecr:BatchGetImage", "ecr:PutImage", "ecr:DeleteRepository");
    private static final List<String> ACTION_PATTERNS = List.of("*", "ecr:*", "ecr:Batch*", "ecr:PutImage", "ecr:?utImage",
            "ecr:Delete*", "iam:*");
    private static final List<String> RESOURCES = List.of(
            "arn:aws:ecr:us-east-1:111122223333:repository/team-a/app",
            "arn:aws:ecr:us-east-1:111122223333:repository/team-b/web");
    private static final List<String> RESOURCE_PATTERNS = List.of("*", "arn:aws:ecr:*:111122223333:repository/team-a/*",
            "arn:aws:ecr:us-east-1:111122223333:repository/*/web", "arn:aws:ecr:*:*:repository/home/${aws:username}");
    private static final List<String> CONDITIONS = List.of("", ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
            ",\"Condition\":{\"StringNotEquals\":{\"aws:username\":\"alice\"}}",
            ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}");
    private static final List<Principal> CALLERS = List.of(Fixtures.ALICE, Fixtures.BOB, Fixtures.DEPLOYER);

    private final Evaluator evaluator = new Evaluator();

    @Provide
    Arbitrary<String> statement() {
        return Combinators.combine(
                Arbitraries.of("Allow", "Deny"),
                Arbitraries.of(ACTION_PATTERNS),
                Arbitraries.of(true, false),
                Arbitraries.of(RESOURCE_PATTERNS),
                Arbitraries.of(CONDITIONS)).as((effect, action, notAction, resource, condition) ->
                "{\"Effect\":\"" + effect + "\",\"" + (notAction ? "NotAction" : "Action") + "\":\"" + action
                        + "\",\"Resource\":\"" + resource + "\"" + condition + "}");
    }

    @Provide
    Arbitrary<List<String>> statements() {
        return statement().list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<RequestContext> request() {
        return Combinators.combine(Arbitraries.of(CALLERS), Arbitraries.of(ACTIONS), Arbitraries.of(RESOURCES),
                Arbitraries.of("true", "false"), Arbitraries.of("10.1.2.3", "192.0.2.1")).as((p, a, r, tls, ip) ->
                RequestContext.of(p, a, r, Fixtures.NOW).withKey("aws:SecureTransport", tls).withKey("aws:SourceIp", ip));
    }

    private static PolicyDocument policy(List<String> statements) {
        return Fixtures.identity("{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}");
    }

    private boolean allowed(RequestContext ctx, List<String> statements) {
        return evaluator.decide(new AuthorizationRequest(ctx, List.of(policy(statements)), List.of(), Fixtures.ACCOUNT)).allowed();
    }

    @Property(tries = 200)
    void denyAlwaysWins(@ForAll("statements") List<String> statements, @ForAll("request") RequestContext ctx) {
        List<String> withDeny = new ArrayList<>(statements);
        withDeny.add("{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}");
        assertThat(allowed(ctx, withDeny)).isFalse();
        assertThat(evaluator.evaluate(policy(withDeny), ctx)).isEqualTo(Effect3.DENY);
    }

    @Property(tries = 200)
    void statementOrderNeverMatters(@ForAll("statements") List<String> statements, @ForAll("request") RequestContext ctx,
                                    @ForAll long seed) {
        List<String> shuffled = new ArrayList<>(statements);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(evaluator.evaluate(policy(shuffled), ctx)).isEqualTo(evaluator.evaluate(policy(statements), ctx));
    }

    @Property(tries = 200)
    void addingAnAllowStatementNeverRemovesAccess(@ForAll("statements") List<String> statements,
                                                  @ForAll("statement") String extra, @ForAll("request") RequestContext ctx) {
        List<String> more = new ArrayList<>(statements);
        more.add(extra.replace("\"Deny\"", "\"Allow\""));
        if (allowed(ctx, statements)) {
            assertThat(allowed(ctx, more)).isTrue();
        }
    }

    @Property(tries = 200)
    void addingADenyStatementNeverAddsAccess(@ForAll("statements") List<String> statements,
                                             @ForAll("statement") String extra, @ForAll("request") RequestContext ctx) {
        List<String> more = new ArrayList<>(statements);
        more.add(extra.replace("\"Allow\"", "\"Deny\""));
        if (!allowed(ctx, statements)) {
            assertThat(allowed(ctx, more)).isFalse();
        }
    }
}
