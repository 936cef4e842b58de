package dev.wharf.registry;

import dev.wharf.testing.TestServer;
import dev.wharf.testing.V2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One repository-name rule for the ECR API and the {@code /v2/} paths. */
class RepositoryNamesThroughBothDoorsTest {
    private static TestServer server;
    private static EcrClient ecr;
    private static V2 v2;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ecr = server.ecr();
        v2 = new V2(server.port(), null, ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken());
    }

    @AfterAll
    static void stop() {
        ecr.close();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a__b", "x---y", "team__a/web---app"})
    void namesWithDoubleUnderscoresOrDashRunsAreCreatedPushedAndPulled(String name) {
        assertEquals(name, ecr.createRepository(r -> r.repositoryName(name)).repository().repositoryName());
        assertEquals(201, v2.pushImage(name, "v1").status());
        assertEquals(200, v2.pullManifest(name, "v1").status());
        assertEquals(1, ecr.listImages(r -> r.repositoryName(name)).imageIds().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a___b", "a_-b", "Ab"})
    void invalidNamesAreInvalidParameterOnEcrAndNameInvalidOnV2(String name) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ecr.createRepository(r -> r.repositoryName(name)));
        assertTrue(e.awsErrorDetails().errorMessage().contains("repositoryName"), e.getMessage());
        V2.Response r = v2.pullManifest(name, "v1");
        assertEquals(400, r.status());
        assertTrue(r.body().contains("NAME_INVALID"), r.body());
    }
}
