package dev.wharf.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PolicyValidationTest {

    private static final String PULL = "[\"ecr:BatchGetImage\"]";

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("action without a service prefix", PolicyKind.IDENTITY,
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                                + "{\"Sid\":\"AllowPull\",\"Effect\":\"Allow\",\"Action\":\"ecr:Get Thing\",\"Resource\":\"*\"}]}",
                        "Statement[1] (Sid \"AllowPull\"): Action \"ecr:Get Thing\" is not \"*\" or of the form service:ActionName"),
                arguments("unknown statement element", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\",\"Resources\":\"*\"}}",
                        "Statement[0]: unknown element \"Resources\""),
                arguments("unknown top-level element", PolicyKind.IDENTITY,
                        "{\"Version\":\"2012-10-17\",\"Statements\":[]}", "Policy document has unknown element \"Statements\""),
                arguments("bad Effect", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Sid\":\"X\",\"Effect\":\"allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}}",
                        "Statement[0] (Sid \"X\"): Effect \"allow\" is invalid (expected \"Allow\" or \"Deny\")"),
                arguments("missing Effect", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Action\":\"ecr:*\",\"Resource\":\"*\"}}", "Statement[0]: Effect is missing"),
                arguments("missing Action", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}", "Statement[0]: Action or NotAction is missing"),
                arguments("Action and NotAction", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}}",
                        "Statement[0]: has both Action and NotAction"),
                arguments("empty Action array", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}}",
                        "Statement[0]: Action must be a string or a non-empty array of strings"),
                arguments("bad Version", PolicyKind.IDENTITY,
                        "{\"Version\":\"2012-10-18\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}}",
                        "Version \"2012-10-18\" is not supported"),
                arguments("unknown condition operator", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\","
                                + "\"Condition\":{\"StringEqualz\":{\"aws:username\":\"a\"}}}}",
                        "Statement[0]: Condition operator \"StringEqualz\" is unknown"),
                arguments("Null with IfExists", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\","
                                + "\"Condition\":{\"NullIfExists\":{\"aws:username\":\"true\"}}}}",
                        "Null takes no IfExists"),
                arguments("numeric condition value not a number", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\","
                                + "\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"ten\"}}}}",
                        "NumericLessThan value \"ten\" for s3:max-keys is not a number"),
                arguments("bad CIDR", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\","
                                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}}}",
                        "IpAddress value \"10.0.0.0/33\" for aws:SourceIp is not an IPv4 or IPv6 address or CIDR block"),
                arguments("Principal in an identity policy", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}}",
                        "Statement[0]: Principal is not allowed in an identity-based policy"),
                arguments("identity policy without Resource", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\"}}", "Statement[0]: Resource or NotResource is missing"),
                arguments("resource policy without Principal", PolicyKind.RESOURCE,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":" + PULL + "}}",
                        "Statement[0]: Principal or NotPrincipal is missing"),
                arguments("Resource in a trust policy", PolicyKind.TRUST,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ecs.amazonaws.com\"},"
                                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}}",
                        "Resource is not allowed in a trust policy"),
                arguments("wildcard inside a principal ARN", PolicyKind.RESOURCE,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/*\"},"
                                + "\"Action\":" + PULL + "}}",
                        "wildcards are not allowed in a principal except \"*\" alone"),
                arguments("principal that is no ARN", PolicyKind.RESOURCE,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"},\"Action\":" + PULL + "}}",
                        "Principal.AWS \"alice\" is not a 12-digit account id"),
                arguments("unknown principal type", PolicyKind.RESOURCE,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Aws\":\"*\"},\"Action\":" + PULL + "}}",
                        "unknown principal type \"Aws\""),
                arguments("resource that is no ARN", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"repository/app\"}}",
                        "Resource \"repository/app\" is not \"*\" or an ARN"),
                arguments("malformed policy variable", PolicyKind.IDENTITY,
                        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"ecr:*\","
                                + "\"Resource\":\"arn:aws:ecr:*:*:repository/${aws:username\"}}",
                        "has no closing '}'"),
                arguments("duplicate Sid", PolicyKind.IDENTITY,
                        "{\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\"},"
                                + "{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}]}",
                        "Statement[1] (Sid \"A\"): Sid is used by an earlier statement"),
                arguments("duplicate JSON key", PolicyKind.IDENTITY,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}}",
                        "Policy document is not valid JSON at line 1"),
                arguments("empty Statement array", PolicyKind.IDENTITY,
                        "{\"Statement\":[]}", "Statement must not be an empty array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void invalidDocumentsAreRejectedWithAPreciseMessage(String why, PolicyKind kind, String json, String message) {
        assertThatThrownBy(() -> PolicyDocument.parse(json, kind))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void invalidJsonNamesLineAndColumn() {
        String json = "{\n  \"Statement\": {\n    \"Effect\": \"Allow\",,\n  }\n}";
        assertThatThrownBy(() -> PolicyDocument.parse(json, PolicyKind.IDENTITY))
                .hasMessageStartingWith("Policy document is not valid JSON at line 3, column");
    }

    @Test
    void identityPolicySizeIsMeasuredWithoutWhitespace() {
        String statement = "{\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}";
        String padded = "{\"Statement\":[" + statement + "]}" + " ".repeat(10_000);
        assertThat(PolicyDocument.parse(padded, PolicyKind.IDENTITY).statements()).hasSize(1);

        StringBuilder big = new StringBuilder("{\"Statement\":[");
        for (int i = 0; big.length() < 6200; i++) {
            big.append(i == 0 ? "" : ",").append("{\"Sid\":\"S").append(i).append("\",\"Effect\":\"Allow\",\"Action\":\"ecr:*\",\"Resource\":\"*\"}");
        }
        big.append("]}");
        assertThatThrownBy(() -> PolicyDocument.parse(big.toString(), PolicyKind.IDENTITY))
                .hasMessageContaining("without white space; an identity policy may have at most 6144");
    }

    @Test
    void repositoryPolicyLongerThan10240CharactersIsRejected() {
        String json = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"}}"
                + " ".repeat(10_300);
        assertThatThrownBy(() -> PolicyDocument.parse(json, PolicyKind.RESOURCE))
                .hasMessageContaining("at most 10240");
    }

    @Test
    void documentWithoutVersionIs2008AndKeepsItsText() {
        String json = "{ \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"ecr:*\", \"Resource\": \"*\"} }";
        PolicyDocument doc = PolicyDocument.parse(json, PolicyKind.IDENTITY);
        assertThat(doc.version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(doc.text()).isEqualTo(json);
    }

    @Test
    void statementMayBeASingleObjectOrAnArray() {
        PolicyDocument one = Fixtures.identity("{\"Statement\":{\"Effect\":\"Deny\",\"NotAction\":\"ecr:*\",\"NotResource\":\"*\"}}");
        assertThat(one.statements()).singleElement().satisfies(s -> {
            assertThat(s.notAction()).isTrue();
            assertThat(s.notResource()).isTrue();
            assertThat(s.effect()).isEqualTo(StatementEffect.DENY);
        });
    }

    @Test
    void principalFormsThatAwsAcceptsAreAccepted() {
        PolicyDocument doc = Fixtures.resource("""
                {"Statement": {"Effect": "Allow", "Action": "ecr:*", "Principal": {
                  "AWS": ["*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/a",
                          "arn:aws:iam::111122223333:role/path/r", "arn:aws:sts::111122223333:assumed-role/r/s"],
                  "Service": "ecs.amazonaws.com"}}}
                """);
        assertThat(doc.statements().get(0).principal().aws()).hasSize(6);
    }

    @Test
    void conditionValuesMayBeNumbersAndBooleans() {
        PolicyDocument doc = Fixtures.identity("""
                {"Statement": {"Effect": "Allow", "Action": "ecr:*", "Resource": "*",
                  "Condition": {"Bool": {"aws:SecureTransport": true}, "NumericLessThan": {"x:n": [1, 2.5]}}}}
                """);
        assertThat(doc.statements().get(0).conditions()).extracting(ConditionClause::values)
                .containsExactlyInAnyOrder(java.util.List.of("true"), java.util.List.of("1", "2.5"));
    }
}
