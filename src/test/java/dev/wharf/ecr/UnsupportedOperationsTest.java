package dev.wharf.ecr;

import dev.wharf.errors.ErrorCode;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EcrException;
import software.amazon.awssdk.services.ecr.model.ValidationException;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnsupportedOperationsTest {
    /** AWS common errors of awsJson1_1 and SigV4, which the ECR model does not list per operation. */
    static final Set<String> AWS_COMMON_ERRORS = Set.of("AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
            "MissingAuthenticationTokenException", "IncompleteSignatureException", "ExpiredTokenException", "ThrottlingException",
            "UnknownOperationException", "SerializationException");

    /** Codes the ECR door never sends (IAM/STS/OCI-only codes with no ECR meaning). */
    /** Codes only the OCI door or the IAM/STS Query door sends (thrown by the iam services and iam.Sessions only). */
    static final Set<ErrorCode> NOT_ON_THE_ECR_DOOR = EnumSet.of(ErrorCode.UNSUPPORTED_OPERATION, ErrorCode.NOT_FOUND,
            ErrorCode.QUERY_ACCESS_DENIED, ErrorCode.NO_SUCH_ENTITY, ErrorCode.ENTITY_ALREADY_EXISTS, ErrorCode.DELETE_CONFLICT,
            ErrorCode.IAM_LIMIT_EXCEEDED, ErrorCode.MALFORMED_POLICY_DOCUMENT, ErrorCode.IAM_INVALID_INPUT,
            // CloudTrail's LookupEvents errors, checked against the CloudTrail model by CloudTrailErrorCodesTest
            ErrorCode.INVALID_LOOKUP_ATTRIBUTES, ErrorCode.INVALID_TIME_RANGE, ErrorCode.INVALID_NEXT_TOKEN,
            ErrorCode.INVALID_MAX_RESULTS, ErrorCode.INVALID_EVENT_CATEGORY,
            // Secrets Manager's errors, checked against its model by SecretsManagerErrorCodesTest
            ErrorCode.RESOURCE_EXISTS, ErrorCode.INVALID_REQUEST);

    @Test
    void unsupportedOperationsAnswerTheirModelledExceptionSayingSo() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            assertThatThrownBy(() -> ecr.startImageScan(r -> r.repositoryName("x").imageId(i -> i.imageTag("t"))))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("not supported by this Wharf");
            assertThatThrownBy(() -> ecr.getSigningConfiguration(r -> {})).isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void everyModelledOperationIsRegisteredOrLeftToThePolicyWork() {
        Set<String> policyOps = Set.of("SetRepositoryPolicy", "GetRepositoryPolicy", "DeleteRepositoryPolicy", "PutRegistryPolicy",
                "GetRegistryPolicy", "DeleteRegistryPolicy");
        assertThat(UnsupportedOperations.OPERATIONS.keySet()).doesNotContainAnyElementsOf(policyOps).hasSize(9);
    }

    @Test
    void everyEcrExceptionNameWharfSendsExistsInTheSdkModel() {
        for (ErrorCode code : ErrorCode.values()) {
            if (NOT_ON_THE_ECR_DOOR.contains(code) || AWS_COMMON_ERRORS.contains(code.ecrType())) continue;
            String type = code.ecrType();
            assertThat(type).as(code.name()).isNotEmpty();
            Class<?> c;
            try {
                c = Class.forName("software.amazon.awssdk.services.ecr.model." + type);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(code + " sends " + type + ", which the ECR model does not define", e);
            }
            assertThat(EcrException.class).as(type).isAssignableFrom(c);
        }
    }
}
