package dev.wharf.iam;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Statement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy simulator names the statements that decided (MatchedStatements), as IAM does: the
 * policy's name and source type for every applicable Allow of an allowed request, the applicable
 * Deny of an explicitly denied one, none for an implicit deny. The web console's "who can do
 * what" panel shows them.
 */
class SimulatorMatchedStatementsTest {
    static final String REPO_ARN = "arn:aws:ecr:us-east-1:" + TestServer.ACCOUNT + ":repository/app";
    static final String USER_ARN = "arn:aws:iam::" + TestServer.ACCOUNT + ":user/hana";
    static TestServer server;
    static IamClient iam;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        iam = server.iam();
        iam.createUser(r -> r.userName("hana"));
        iam.attachUserPolicy(r -> r.userName("hana").policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
        iam.putUserPolicy(r -> r.userName("hana").policyName("team").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"Pull","Effect":"Allow","Action":"ecr:BatchGetImage","Resource":"*"},
                 {"Sid":"NoDelete","Effect":"Deny","Action":"ecr:BatchDeleteImage","Resource":"*"}]}"""));
        iam.createGroup(r -> r.groupName("pushers"));
        iam.addUserToGroup(r -> r.groupName("pushers").userName("hana"));
        iam.putGroupPolicy(r -> r.groupName("pushers").policyName("push").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:PutImage","Resource":"*"}]}"""));
    }

    @AfterAll
    static void stop() {
        iam.close();
        server.close();
    }

    static EvaluationResult simulate(String action, String resourcePolicy) {
        return iam.simulatePrincipalPolicy(r -> r.policySourceArn(USER_ARN).actionNames(action).resourceArns(REPO_ARN)
                .resourcePolicy(resourcePolicy)).evaluationResults().get(0);
    }

    static List<String> sources(EvaluationResult r) {
        return r.matchedStatements().stream().map(Statement::sourcePolicyId).toList();
    }

    @Test
    void anAllowedRequestNamesEveryAllowThatApplies() {
        EvaluationResult r = simulate("ecr:BatchGetImage", null);
        assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(r.matchedStatements()).extracting(s -> s.sourcePolicyId() + "/" + s.sourcePolicyTypeAsString())
                .containsExactly("team/user", "AmazonEC2ContainerRegistryReadOnly/aws-managed");
    }

    @Test
    void aGroupsPolicyIsNamedAsAGroupPolicy() {
        EvaluationResult r = simulate("ecr:PutImage", null);
        assertThat(r.matchedStatements()).extracting(s -> s.sourcePolicyId() + "/" + s.sourcePolicyTypeAsString())
                .containsExactly("push/group");
    }

    @Test
    void anExplicitDenyNamesOnlyTheDenyingStatement() {
        EvaluationResult r = simulate("ecr:BatchDeleteImage", null);
        assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
        assertThat(sources(r)).containsExactly("team");
    }

    @Test
    void anImplicitDenyNamesNoStatement() {
        EvaluationResult r = simulate("ecr:DeleteRepository", null);
        assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(r.matchedStatements()).isEmpty();
    }

    @Test
    void theResourcePolicysStatementIsNamedAsTheResourcePolicy() {
        EvaluationResult r = simulate("ecr:DeleteRepository", """
                {"Version":"2012-10-17","Statement":[{"Sid":"Admins","Effect":"Allow",
                 "Principal":{"AWS":"%s"},"Action":"ecr:DeleteRepository"}]}""".formatted(USER_ARN));
        assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(r.matchedStatements()).extracting(s -> s.sourcePolicyId() + "/" + s.sourcePolicyTypeAsString())
                .containsExactly("ResourcePolicy/resource");
    }

    @Test
    void aCustomPolicyIsNamedByItsPlaceInTheInputList() {
        EvaluationResult r = iam.simulateCustomPolicy(q -> q.policyInputList(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:ListImages\",\"Resource\":\"*\"}]}")
                .actionNames("ecr:ListImages")).evaluationResults().get(0);
        assertThat(r.matchedStatements()).extracting(s -> s.sourcePolicyId() + "/" + s.sourcePolicyTypeAsString())
                .containsExactly("PolicyInputList.1/none");
    }
}
