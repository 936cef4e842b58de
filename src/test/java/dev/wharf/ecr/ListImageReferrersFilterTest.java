package dev.wharf.ecr;

import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ListImageReferrers' filter is checked under its own member names. */
@WharfTest
class ListImageReferrersFilterTest {
    private static final String SUBJECT = "sha256:" + "a".repeat(64);

    @Test
    void anInvalidArtifactStatusIsRefusedNamingArtifactStatus(EcrClient ecr) {
        ecr.createRepository(r -> r.repositoryName("referrers/filter"));

        assertThatThrownBy(() -> ecr.listImageReferrers(r -> r.repositoryName("referrers/filter")
                .subjectId(s -> s.imageDigest(SUBJECT)).filter(f -> f.artifactStatus("DELETED"))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("'artifactStatus'").doesNotContain("imageStatus")
                        .contains("[ACTIVATING, ACTIVE, ANY, ARCHIVED]"));
    }

    @Test
    void everyArtifactStatusOfTheModelIsAccepted(EcrClient ecr) {
        ecr.createRepository(r -> r.repositoryName("referrers/statuses"));

        for (String status : new String[] {"ACTIVE", "ARCHIVED", "ACTIVATING", "ANY"}) {
            assertThat(ecr.listImageReferrers(r -> r.repositoryName("referrers/statuses")
                    .subjectId(s -> s.imageDigest(SUBJECT)).filter(f -> f.artifactStatus(status))).referrers()).isEmpty();
        }
    }
}
