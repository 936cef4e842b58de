package dev.wharf.iam;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The AWS-managed and customer-managed policies answer in IAM's shapes. */
class ManagedPolicyShapesTest {
    private static final String UNIQUE_ID = "ANPA[A-Z2-7]{17}";

    private static List<Policy> awsPolicies(TestServer s) {
        try (IamClient iam = s.iam()) {
            return iam.listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies();
        }
    }

    @Test
    void awsManagedPoliciesHaveIamPolicyIdsAndRealDatesThatSurviveARestart() throws Exception {
        Path dir = Files.createTempDirectory("wharf-policy-ids");
        try {
            List<Policy> first;
            try (TestServer s = TestServer.startOn(dir, Map.of())) {
                first = awsPolicies(s);
            }
            assertEquals(3, first.size());
            for (Policy p : first) {
                assertTrue(p.policyId().matches(UNIQUE_ID), p.policyId());
                assertTrue(p.createDate().isAfter(Instant.parse("2015-01-01T00:00:00Z")), p.createDate().toString());
                assertFalse(p.updateDate().isBefore(p.createDate()), p.toString());
            }
            assertEquals(3, first.stream().map(Policy::policyId).distinct().count());
            try (TestServer s = TestServer.startOn(dir, Map.of())) {
                assertEquals(first, awsPolicies(s));
            }
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    @Test
    void theReadOnlyPolicyCarriesTheDatesAwsPublishes() {
        try (TestServer s = TestServer.start(); IamClient iam = s.iam()) {
            Policy p = iam.getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly")).policy();
            assertEquals(Instant.parse("2015-12-21T17:04:00Z"), p.createDate());
            assertEquals(Instant.parse("2019-12-10T20:56:00Z"), p.updateDate());
        }
    }

    @Test
    void aCustomerManagedPolicyIdIsAnpaAndSeventeenCharacters() {
        try (TestServer s = TestServer.start(); IamClient iam = s.iam()) {
            String id = iam.createPolicy(r -> r.policyName("mine").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecr:ListImages\",\"Resource\":\"*\"}]}"))
                    .policy().policyId();
            assertTrue(id.matches(UNIQUE_ID), id);
        }
    }
}
