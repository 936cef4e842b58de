package dev.wharf.secrets;

import dev.wharf.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The errors the Secrets Manager door sends are exceptions of the real Secrets Manager model, all 400s. */
class SecretsManagerErrorCodesTest {
    @Test
    void everySecretsManagerErrorExistsInTheSecretsManagerSdkModel() throws Exception {
        for (ErrorCode code : List.of(ErrorCode.NOT_FOUND, ErrorCode.RESOURCE_EXISTS, ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_PARAMETER,
                ErrorCode.LIMIT_EXCEEDED, ErrorCode.INVALID_NEXT_TOKEN)) {
            Class<?> c = Class.forName("software.amazon.awssdk.services.secretsmanager.model." + code.ecrType());
            assertThat(SecretsManagerException.class).as(code.name()).isAssignableFrom(c);
            assertThat(code.ecrStatus()).isEqualTo(400);
        }
    }
}
