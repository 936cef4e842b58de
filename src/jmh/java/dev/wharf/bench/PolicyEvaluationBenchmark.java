package dev.wharf.bench;

import dev.wharf.policy.AuthorizationDecision;
import dev.wharf.policy.AuthorizationRequest;
import dev.wharf.policy.Evaluator;
import dev.wharf.policy.ManagedPolicies;
import dev.wharf.policy.PolicyDocument;
import dev.wharf.policy.PolicyKind;
import dev.wharf.policy.Principal;
import dev.wharf.policy.RequestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One authorization decision with a realistic policy set: an IAM user with a managed policy
 * (PowerUser), an inline policy with a Deny guarded by conditions and a {@code ${aws:username}}
 * variable, a group policy, and a repository policy granting another account pull access with an
 * IP condition; the caller pulls a layer from 10.1.2.3.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyEvaluationBenchmark {
    private static final String ACCOUNT = "111122223333";
    private static final String REPO = "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/team-a/web-app";

    private final Evaluator evaluator = new Evaluator();
    private AuthorizationRequest sameAccountPull;
    private AuthorizationRequest deniedDelete;

    @Setup
    public void setUp() {
        PolicyDocument powerUser = ManagedPolicies.POWER_USER.document();
        PolicyDocument inline = PolicyDocument.parse("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "OwnRepos", "Effect": "Allow", "Action": ["ecr:*"],
                   "Resource": "arn:aws:ecr:*:111122223333:repository/${aws:username}/*"},
                  {"Sid": "NoDeleteOutsideOffice", "Effect": "Deny",
                   "Action": ["ecr:BatchDeleteImage", "ecr:DeleteRepository"], "Resource": "*",
                   "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]}}},
                  {"Sid": "TagRequired", "Effect": "Deny", "Action": "ecr:CreateRepository", "Resource": "*",
                   "Condition": {"Null": {"aws:RequestTag/team": "true"}}}
                ]}""", PolicyKind.IDENTITY);
        PolicyDocument group = PolicyDocument.parse("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["ecr:Describe*", "ecr:List*", "ecr:Get*"],
                   "Resource": "arn:aws:ecr:us-east-1:111122223333:repository/team-*"}
                ]}""", PolicyKind.IDENTITY);
        PolicyDocument repositoryPolicy = PolicyDocument.parse("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "CrossAccountPull", "Effect": "Allow",
                   "Principal": {"AWS": ["arn:aws:iam::444455556666:root", "arn:aws:iam::777788889999:role/ci"]},
                   "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
                   "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "Bool": {"aws:SecureTransport": "true"}}},
                  {"Sid": "NoPushFromOutside", "Effect": "Deny", "Principal": "*",
                   "Action": ["ecr:PutImage", "ecr:UploadLayerPart"],
                   "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}}
                ]}""", PolicyKind.RESOURCE);
        Principal alice = Principal.user(ACCOUNT, "alice", "AIDAALICE", Map.of("team", "a"));
        Instant now = Instant.parse("2025-01-01T12:00:00Z");
        RequestContext pull = new RequestContext(alice, "ecr:GetDownloadUrlForLayer", REPO,
                Map.of("aws:SourceIp", List.of("10.1.2.3"), "aws:SecureTransport", List.of("true")), now);
        RequestContext delete = new RequestContext(alice, "ecr:BatchDeleteImage", REPO,
                Map.of("aws:SourceIp", List.of("10.1.2.3"), "aws:SecureTransport", List.of("true")), now);
        List<PolicyDocument> identity = List.of(powerUser, inline, group);
        sameAccountPull = new AuthorizationRequest(pull, identity, List.of(repositoryPolicy), ACCOUNT);
        deniedDelete = new AuthorizationRequest(delete, identity, List.of(repositoryPolicy), ACCOUNT);
    }

    @Benchmark
    public AuthorizationDecision allowedPull() {
        return evaluator.decide(sameAccountPull);
    }

    @Benchmark
    public AuthorizationDecision deniedDelete() {
        return evaluator.decide(deniedDelete);
    }
}
