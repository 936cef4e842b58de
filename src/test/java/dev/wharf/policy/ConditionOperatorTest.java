package dev.wharf.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One table per operator family. Columns: operator | condition key | policy values (';') |
 * request values (';', '-' for an absent key) | whether the condition holds.
 */
class ConditionOperatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean holds(String operator, String key, String policyValues, String requestValues) throws Exception {
        String condition = JSON.writeValueAsString(Map.of(operator, Map.of(key, Arrays.asList(policyValues.split(";", -1)))));
        PolicyDocument doc = Fixtures.identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ecr:*", "Resource": "*",
                 "Condition": %s}}
                """.formatted(condition));
        RequestContext ctx = Fixtures.ctx(Fixtures.ALICE, "ecr:BatchGetImage");
        if (!requestValues.equals("-")) {
            ctx = new RequestContext(ctx.principal(), ctx.action(), ctx.resourceArn(),
                    Map.of(key, List.of(requestValues.split(";", -1))), ctx.time());
        }
        Effect3 e = new Evaluator().evaluate(doc, ctx);
        assertThat(e).isNotEqualTo(Effect3.DENY);
        return e == Effect3.ALLOW;
    }

    @ParameterizedTest(name = "{0} {1} {2} vs {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            StringEquals                     | aws:UserAgent | curl               | curl          | true
            StringEquals                     | aws:UserAgent | curl               | Curl          | false
            StringEquals                     | aws:UserAgent | a;curl             | curl          | true
            StringEquals                     | aws:UserAgent | curl               | -             | false
            StringNotEquals                  | aws:UserAgent | curl               | wget          | true
            StringNotEquals                  | aws:UserAgent | a;curl             | curl          | false
            StringNotEquals                  | aws:UserAgent | curl               | -             | true
            StringEqualsIgnoreCase           | aws:UserAgent | CURL               | curl          | true
            StringNotEqualsIgnoreCase        | aws:UserAgent | CURL               | curl          | false
            StringNotEqualsIgnoreCase        | aws:UserAgent | CURL               | -             | true
            StringLike                       | aws:UserAgent | docker/*           | docker/24.0   | true
            StringLike                       | aws:UserAgent | docker/??.?        | docker/24.0   | true
            StringLike                       | aws:UserAgent | docker/*           | Docker/24.0   | false
            StringNotLike                    | aws:UserAgent | docker/*;skopeo*   | skopeo/1.2    | false
            StringNotLike                    | aws:UserAgent | docker/*           | -             | true
            StringEqualsIfExists             | aws:UserAgent | curl               | -             | true
            StringEqualsIfExists             | aws:UserAgent | curl               | wget          | false
            StringNotEqualsIfExists          | aws:UserAgent | curl               | -             | true
            StringNotEqualsIfExists          | aws:UserAgent | curl               | curl          | false
            """)
    void stringOperators(String op, String key, String policy, String request, boolean expected) throws Exception {
        assertThat(holds(op, key, policy, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {2} vs {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            NumericEquals                | x:n | 10    | 10.0 | true
            NumericEquals                | x:n | 10    | 11   | false
            NumericNotEquals             | x:n | 10;11 | 11   | false
            NumericNotEquals             | x:n | 10    | 12   | true
            NumericNotEquals             | x:n | 10    | -    | true
            NumericLessThan              | x:n | 10    | 9.5  | true
            NumericLessThan              | x:n | 10    | 10   | false
            NumericLessThanEquals        | x:n | 10    | 10   | true
            NumericGreaterThan           | x:n | 10    | 10   | false
            NumericGreaterThan           | x:n | -1    | 0    | true
            NumericGreaterThanEquals     | x:n | 10    | 10   | true
            NumericGreaterThanEquals     | x:n | 10    | -    | false
            NumericLessThan              | x:n | 10    | ten  | false
            NumericLessThanIfExists      | x:n | 10    | -    | true
            """)
    void numericOperators(String op, String key, String policy, String request, boolean expected) throws Exception {
        assertThat(holds(op, key, policy, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {2} vs {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            DateEquals               | x:d | 2024-05-01T12:00:00Z | 2024-05-01T14:00:00+02:00 | true
            DateEquals               | x:d | 1714564800           | 2024-05-01T12:00:00Z      | true
            DateNotEquals            | x:d | 2024-05-01T12:00:00Z | 2024-05-01T12:00:01Z      | true
            DateNotEquals            | x:d | 2024-05-01T12:00:00Z | -                         | true
            DateLessThan             | x:d | 2024-05-02           | 2024-05-01T23:59:59Z      | true
            DateLessThan             | x:d | 2024-05-01           | 2024-05-01T00:00:00Z      | false
            DateLessThanEquals       | x:d | 2024-05-01           | 2024-05-01T00:00:00Z      | true
            DateGreaterThan          | x:d | 2024-05-01T12:00:00Z | 1714564801                | true
            DateGreaterThanEquals    | x:d | 2024-05-01T12:00:00Z | 2024-05-01T11:59:59Z      | false
            DateGreaterThanEquals    | x:d | 2024-05-01T12:00:00Z | -                         | false
            DateLessThanIfExists     | x:d | 2024-05-01T12:00:00Z | -                         | true
            """)
    void dateOperators(String op, String key, String policy, String request, boolean expected) throws Exception {
        assertThat(holds(op, key, policy, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {2} vs {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            Bool              | aws:SecureTransport | true  | true  | true
            Bool              | aws:SecureTransport | true  | TRUE  | true
            Bool              | aws:SecureTransport | true  | false | false
            Bool              | aws:SecureTransport | false | -     | false
            BoolIfExists      | aws:SecureTransport | false | -     | true
            BinaryEquals      | x:b                 | QmluYXJ5VmFsdWU= | QmluYXJ5VmFsdWU= | true
            BinaryEquals      | x:b                 | QmluYXJ5VmFsdWU= | b3RoZXI=         | false
            BinaryEquals      | x:b                 | QmluYXJ5VmFsdWU= | -                | false
            """)
    void boolAndBinaryOperators(String op, String key, String policy, String request, boolean expected) throws Exception {
        assertThat(holds(op, key, policy, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {2} vs {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            IpAddress            | aws:SourceIp | 203.0.113.0/24          | 203.0.113.7        | true
            IpAddress            | aws:SourceIp | 203.0.113.0/24          | 203.0.114.7        | false
            IpAddress            | aws:SourceIp | 10.0.0.0/8;192.168.0.0/16 | 192.168.5.5      | true
            IpAddress            | aws:SourceIp | 203.0.113.7             | 203.0.113.7        | true
            IpAddress            | aws:SourceIp | 10.0.0.0/13             | 10.7.255.255       | true
            IpAddress            | aws:SourceIp | 10.0.0.0/13             | 10.8.0.0           | false
            IpAddress            | aws:SourceIp | 0.0.0.0/0               | 8.8.8.8            | true
            IpAddress            | aws:SourceIp | 2001:db8::/32           | 2001:db8:1::5      | true
            IpAddress            | aws:SourceIp | 2001:db8::/32           | 2001:db9::5        | false
            IpAddress            | aws:SourceIp | ::ffff:0:0/96           | ::ffff:10.1.2.3    | true
            IpAddress            | aws:SourceIp | 10.0.0.0/8              | 2001:db8::1        | false
            IpAddress            | aws:SourceIp | 10.0.0.0/8              | example.com        | false
            IpAddress            | aws:SourceIp | 10.0.0.0/8              | -                  | false
            NotIpAddress         | aws:SourceIp | 10.0.0.0/8              | 11.0.0.1           | true
            NotIpAddress         | aws:SourceIp | 10.0.0.0/8              | 10.0.0.1           | false
            NotIpAddress         | aws:SourceIp | 10.0.0.0/8              | -                  | true
            IpAddressIfExists    | aws:SourceIp | 10.0.0.0/8              | -                  | true
            """)
    void ipAddressOperators(String op, String key, String policy, String request, boolean expected) throws Exception {
        assertThat(holds(op, key, policy, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {2} vs {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            ArnEquals      | aws:SourceArn | arn:aws:ecr:us-east-1:111122223333:repository/app | arn:aws:ecr:us-east-1:111122223333:repository/app | true
            ArnLike        | aws:SourceArn | arn:aws:ecr:*:111122223333:repository/*         | arn:aws:ecr:eu-west-1:111122223333:repository/x/y | true
            ArnLike        | aws:SourceArn | arn:aws:ecr:*:111122223333:repository/*         | arn:aws:ecr:eu-west-1:444455556666:repository/x   | false
            ArnLike        | aws:SourceArn | arn:aws:ecr:*:*:repository/*                    | arn:aws:ecr:r:1:2:repository/x                    | false
            ArnLike        | aws:SourceArn | arn:aws:ecr:*:*:repository/App                  | arn:aws:ecr:r:1:repository/app                    | false
            ArnLike        | aws:SourceArn | arn:aws:ecr:*:*:*                               | not-an-arn                                        | false
            ArnNotEquals   | aws:SourceArn | arn:aws:ecr:us-east-1:111122223333:repository/app | arn:aws:ecr:us-east-1:111122223333:repository/b | true
            ArnNotLike     | aws:SourceArn | arn:aws:ecr:*:*:repository/*                    | arn:aws:ecr:r:1:repository/a                      | false
            ArnNotLike     | aws:SourceArn | arn:aws:ecr:*:*:repository/*                    | -                                                 | true
            ArnLikeIfExists | aws:SourceArn | arn:aws:ecr:*:*:repository/*                   | -                                                 | true
            """)
    void arnOperators(String op, String key, String policy, String request, boolean expected) throws Exception {
        assertThat(holds(op, key, policy, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {2} vs {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            Null | aws:TokenIssueTime | true       | -     | true
            Null | aws:TokenIssueTime | true       | x     | false
            Null | aws:TokenIssueTime | false      | x     | true
            Null | aws:TokenIssueTime | false      | -     | false
            """)
    void nullOperatorTestsPresence(String op, String key, String policy, String request, boolean expected) throws Exception {
        assertThat(holds(op, key, policy, request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {2} vs {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            ForAllValues:StringEquals       | aws:TagKeys | env;team  | env;team     | true
            ForAllValues:StringEquals       | aws:TagKeys | env;team  | env;owner    | false
            ForAllValues:StringEquals       | aws:TagKeys | env;team  | -            | true
            ForAnyValue:StringEquals        | aws:TagKeys | env;team  | owner;team   | true
            ForAnyValue:StringEquals        | aws:TagKeys | env;team  | owner;cost   | false
            ForAnyValue:StringEquals        | aws:TagKeys | env;team  | -            | false
            ForAllValues:StringNotLike      | aws:TagKeys | key1*     | key2:audit   | true
            ForAllValues:StringNotLike      | aws:TagKeys | key1*     | key1:hr;key2 | false
            ForAllValues:StringNotLike      | aws:TagKeys | key1*     | -            | true
            ForAnyValue:StringNotEquals     | aws:TagKeys | env       | env;team     | true
            ForAnyValue:StringNotEquals     | aws:TagKeys | env       | env          | false
            ForAnyValue:StringLikeIfExists  | aws:TagKeys | team*     | -            | true
            StringEquals                    | aws:TagKeys | env       | owner;env    | true
            StringNotEquals                 | aws:TagKeys | env       | owner;env    | false
            """)
    void setQualifiersForMultiValuedKeys(String op, String key, String policy, String request, boolean expected) throws Exception {
        assertThat(holds(op, key, policy, request)).isEqualTo(expected);
    }
}
