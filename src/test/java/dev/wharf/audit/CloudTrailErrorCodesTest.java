package dev.wharf.audit;

import dev.wharf.errors.ErrorCode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The LookupEvents errors Wharf sends are exceptions of the real CloudTrail model. */
class CloudTrailErrorCodesTest {
    @Test
    void everyLookupEventsErrorExistsInTheCloudTrailSdkModel() throws Exception {
        for (ErrorCode code : List.of(ErrorCode.INVALID_LOOKUP_ATTRIBUTES, ErrorCode.INVALID_TIME_RANGE, ErrorCode.INVALID_NEXT_TOKEN,
                ErrorCode.INVALID_MAX_RESULTS, ErrorCode.INVALID_EVENT_CATEGORY)) {
            Class<?> c = Class.forName("software.amazon.awssdk.services.cloudtrail.model." + code.ecrType());
            assertThat(CloudTrailException.class).as(code.name()).isAssignableFrom(c);
            assertThat(code.ecrStatus()).isEqualTo(400);
        }
    }
}
