package dev.wharf;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmokeTest {
    @Test
    void createdRepositoryIsDescribedAndASecondCreateIsRefused() {
        try (TestServer server = TestServer.start(); EcrClient ecr = server.ecr()) {
            var created = ecr.createRepository(r -> r.repositoryName("team-a/web-app")).repository();
            assertThat(created.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:111122223333:repository/team-a/web-app");
            assertThat(ecr.describeRepositories(r -> {}).repositories()).extracting(r -> r.repositoryName()).containsExactly("team-a/web-app");
            assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("team-a/web-app")))
                    .isInstanceOf(RepositoryAlreadyExistsException.class);
        }
    }
}
