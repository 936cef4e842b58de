package dev.wharf.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.TestCertificates;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real aws CLI ({@code --ca-bundle}) and skopeo ({@code --cert-dir}) verify Wharf's certificate against a test CA. */
@Tag(ExternalProcess.TAG)
class TlsClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static Path caBundle;
    private static Path certDir;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-tls-clients");
        TestCertificates certs = new TestCertificates();
        TestCertificates.Issued issued = certs.issue("RSA", dir.resolve("cert.pem"), dir.resolve("key.pem"));
        caBundle = dir.resolve("ca.pem");
        Files.writeString(caBundle, certs.caPem());
        certDir = Files.createDirectories(dir.resolve("certs.d"));
        Files.writeString(certDir.resolve("ca.crt"), certs.caPem());
        server = TestServer.start(Map.of("WHARF_TLS_CERT_FILE", issued.certFile().toString(),
                "WHARF_TLS_KEY_FILE", issued.keyFile().toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String https() {
        return "https://127.0.0.1:" + server.port();
    }

    private record Result(int exit, String out) {}

    private static Result run(List<String> cmd, Map<String, String> env) {
        ExternalProcess.Result r = ExternalProcess.command(cmd).env(env).mergeErrors().timeout(Duration.ofSeconds(120)).run();
        return new Result(r.exit(), r.out());
    }

    private static Result aws(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", https(), "--ca-bundle", caBundle.toString(),
                "--region", TestServer.REGION));
        cmd.addAll(List.of(args));
        return run(cmd, server.awsCliEnv());
    }

    private static Result skopeo(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of());
    }

    @Test
    void theAwsCliTrustingTheTestCaCreatesARepositoryAndGetsAnHttpsProxyEndpoint() throws Exception {
        Result created = aws("ecr", "create-repository", "--repository-name", "tls/cli");
        assertThat(created.exit()).as(created.out()).isZero();
        assertThat(JSON.readTree(created.out()).at("/repository/repositoryName").asText()).isEqualTo("tls/cli");
        Result token = aws("ecr", "get-authorization-token");
        assertThat(token.exit()).as(token.out()).isZero();
        JsonNode data = JSON.readTree(token.out()).at("/authorizationData/0");
        assertThat(data.get("proxyEndpoint").asText()).isEqualTo(https());
    }

    @Test
    void theAwsCliWithoutTheCaRefusesTheCertificate() throws Exception {
        List<String> cmd = List.of("aws", "--endpoint-url", https(), "--region", TestServer.REGION, "ecr", "describe-repositories");
        Result r = run(cmd, server.awsCliEnv());
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).containsIgnoringCase("certificate");
    }

    @Test
    void skopeoTrustingTheTestCaPushesAndInspectsAnImage() throws Exception {
        assertThat(aws("ecr", "create-repository", "--repository-name", "tls/app").exit()).isZero();
        Result login = aws("ecr", "get-login-password");
        assertThat(login.exit()).as(login.out()).isZero();
        String creds = "AWS:" + login.out().trim();
        OciLayout layout = new OciLayout(dir.resolve("layout"));
        layout.taggedImage("v1", 7, 1024, 2048);
        String ref = "docker://127.0.0.1:" + server.port() + "/tls/app:v1";

        Result push = skopeo("copy", "--retry-times", "0", "--preserve-digests", "--dest-cert-dir", certDir.toString(),
                "--dest-creds", creds, layout.reference("v1"), ref);
        assertThat(push.exit()).as(push.out()).isZero();
        Result inspect = skopeo("inspect", "--raw", "--retry-times", "0", "--cert-dir", certDir.toString(), "--creds", creds, ref);
        assertThat(inspect.exit()).as(inspect.out()).isZero();
        assertThat(JSON.readTree(inspect.out()).get("schemaVersion").asInt()).isEqualTo(2);

        Result untrusted = skopeo("inspect", "--raw", "--retry-times", "0", "--creds", creds, ref);
        assertThat(untrusted.exit()).isNotZero();
        assertThat(untrusted.out()).contains("certificate");
    }
}
