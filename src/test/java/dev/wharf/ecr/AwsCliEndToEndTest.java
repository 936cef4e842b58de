package dev.wharf.ecr;

import dev.wharf.testing.WharfTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.AwsCli;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The unmodified {@code aws} CLI against Wharf, as the ECR user guide's CLI chapter uses it, with only --endpoint-url added. */
@Tag("e2e")
@WharfTest
class AwsCliEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start(TestServer s) {
        server = s;
    }

    private record Result(int exit, String out, String err) {}

    private Result aws(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("--region", TestServer.REGION));
        cmd.addAll(List.of(args));
        ExternalProcess.Result r = AwsCli.run(server, server.awsCliEnv(), cmd);
        return new Result(r.exit(), r.out(), r.err());
    }

    private JsonNode awsJson(String... args) throws Exception {
        Result r = aws(args);
        assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void theLoginPasswordOpensTheRegistry() throws Exception {
        Result r = aws("ecr", "get-login-password");
        assertThat(r.exit()).as(r.err()).isZero();
        String password = r.out().trim();
        assertThat(password).doesNotContain(":");
        OciClient oci = new OciClient(server.url(), TestServer.basicAuth(password));
        assertThat(oci.send("GET", "/v2/").statusCode()).isEqualTo(200);
    }

    @Test
    void createDescribeAndForceDeleteARepository() throws Exception {
        JsonNode created = awsJson("ecr", "create-repository", "--repository-name", "cli/web-app", "--image-tag-mutability", "IMMUTABLE");
        JsonNode repo = created.path("repository");
        assertThat(repo.path("repositoryArn").asText()).isEqualTo("arn:aws:ecr:us-east-1:111122223333:repository/cli/web-app");
        assertThat(repo.path("repositoryUri").asText()).endsWith("/cli/web-app").startsWith("111122223333.dkr.ecr.us-east-1.");
        assertThat(repo.path("registryId").asText()).isEqualTo(TestServer.ACCOUNT);
        assertThat(repo.path("imageTagMutability").asText()).isEqualTo("IMMUTABLE");

        JsonNode described = awsJson("ecr", "describe-repositories", "--repository-names", "cli/web-app");
        assertThat(described.path("repositories").get(0).path("repositoryName").asText()).isEqualTo("cli/web-app");

        OciClient oci = OciClient.of(server);
        String config = oci.pushBlob("cli/web-app", "{}".getBytes());
        oci.putManifest("cli/web-app", "v1", "application/vnd.oci.image.manifest.v1+json", ("{\"schemaVersion\":2,\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"" + config + "\",\"size\":2},\"layers\":[]}").getBytes());

        Result refused = aws("ecr", "delete-repository", "--repository-name", "cli/web-app");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("RepositoryNotEmptyException");

        JsonNode deleted = awsJson("ecr", "delete-repository", "--repository-name", "cli/web-app", "--force");
        assertThat(deleted.path("repository").path("repositoryName").asText()).isEqualTo("cli/web-app");

        Result gone = aws("ecr", "describe-repositories", "--repository-names", "cli/web-app");
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.err()).contains("RepositoryNotFoundException");
    }

    @Test
    void describeRepositoriesPaginatesAcrossPages() throws Exception {
        try (var ecr = server.ecr()) {
            for (String n : List.of("page/a", "page/b", "page/c")) ecr.createRepository(b -> b.repositoryName(n));
        }
        // the CLI follows nextToken itself; a page size of 1 makes it take every page
        JsonNode all = awsJson("ecr", "describe-repositories", "--page-size", "1");
        List<String> names = new ArrayList<>();
        all.path("repositories").forEach(r -> names.add(r.path("repositoryName").asText()));
        assertThat(names).contains("page/a", "page/b", "page/c");
        try (var ecr = server.ecr()) {
            for (String n : List.of("page/a", "page/b", "page/c")) ecr.deleteRepository(b -> b.repositoryName(n));
        }
    }
}
