package dev.wharf.oci;

import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CreateOnPushTest {
    private static final byte[] BLOB = "create-on-push".getBytes(StandardCharsets.UTF_8);

    @Test
    void withCreateOnPushTheFirstBlobPushCreatesTheRepository() {
        try (TestServer s = TestServer.start(Map.of("WHARF_CREATE_ON_PUSH", "true")); EcrClient ecr = s.ecr()) {
            OciClient oci = OciClient.of(s);
            var r = oci.send("POST", "/v2/made/by-push/blobs/uploads/?digest=" + OciClient.sha256(BLOB), Map.of(), BLOB);
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(ecr.describeRepositories(q -> q.repositoryNames("made/by-push")).repositories())
                    .singleElement().satisfies(repo -> assertThat(repo.imageTagMutabilityAsString()).isEqualTo("MUTABLE"));
        }
    }

    @Test
    void withoutCreateOnPushAPushToAMissingRepositoryIsNameUnknown() {
        try (TestServer s = TestServer.start()) {
            var r = OciClient.of(s).send("POST", "/v2/not/there/blobs/uploads/", Map.of(), null);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("NAME_UNKNOWN")
                    .contains("The repository with name 'not/there' does not exist in the registry with id '111122223333'");
        }
    }

    @Test
    void createOnPushNeverCreatesOnAPull() {
        try (TestServer s = TestServer.start(Map.of("WHARF_CREATE_ON_PUSH", "true"))) {
            var r = OciClient.of(s).send("GET", "/v2/pulled/only/manifests/latest");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("NAME_UNKNOWN");
        }
    }
}
