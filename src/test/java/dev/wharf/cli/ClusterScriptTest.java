package dev.wharf.cli;

import dev.wharf.testing.ExternalProcess;
import dev.wharf.testing.OciLayout;
import dev.wharf.testing.Skopeo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/cluster} as a user runs it, on a checkout of its own (bin/ copied, sources linked, no
 * target/, so it builds the jar and S3Proxy's copy itself): {@code up --nodes 2} prints an endpoint
 * and credentials that serve a push and a pull with skopeo, and {@code down} leaves no process of
 * it running and no state behind. It builds and starts a whole deployment: a few minutes.
 */
@Tag(ExternalProcess.TAG)
class ClusterScriptTest {
    private static final Duration UP = Duration.ofMinutes(12);
    private static final Duration DOWN = Duration.ofMinutes(3);
    private static final Pattern ENDPOINT = Pattern.compile("endpoint +http://(127\\.0\\.0\\.1:\\d+)");
    private static final Pattern ACCESS_KEY = Pattern.compile("access key id +(\\S+)");
    private static final Pattern SECRET_KEY = Pattern.compile("secret access key +(\\S+)");

    @TempDir
    Path tmp;

    private Path checkout() throws IOException {
        Path project = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.createDirectories(checkout.resolve("bin"));
        for (String f : List.of("cluster", "wharf", "lib.sh")) {
            Files.copy(project.resolve("bin").resolve(f), checkout.resolve("bin").resolve(f));
        }
        checkout.resolve("bin/cluster").toFile().setExecutable(true);
        checkout.resolve("bin/wharf").toFile().setExecutable(true);
        Files.createSymbolicLink(checkout.resolve("src"), project.resolve("src"));
        Files.copy(project.resolve("pom.xml"), checkout.resolve("pom.xml")); // a link could make Maven build in the project itself
        return checkout;
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("bin/cluster up printed %s:\n%s", p, text).isTrue();
        return m.group(1);
    }

    /** Processes whose command line names one of these paths: what the cluster started. */
    private static List<String> processesUnder(List<String> paths) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.pid() != ProcessHandle.current().pid())
                .map(h -> h.info().commandLine().orElse(""))
                .filter(cmd -> paths.stream().anyMatch(cmd::contains))
                .toList();
    }

    @Test
    void upServesAPushAndAPullThroughTheLoadBalancerAndDownLeavesNothingRunning() throws Exception {
        Path checkout = checkout();
        Path state = tmp.resolve("cluster");
        Map<String, String> env = Map.of("WHARF_CLUSTER_DIR", state.toString());
        Path script = checkout.resolve("bin/cluster");
        ExternalProcess.Result up;
        String pgDir = state.toString();
        try {
            up = ExternalProcess.command(script.toString(), "up", "--nodes", "2").env(env).timeout(UP).run();
            up.expectOk();
            // PostgreSQL may live outside the state folder (nobody must reach its folder when run as root)
            pgDir = Files.readAllLines(state.resolve("state")).stream().filter(l -> l.startsWith("postgres.dir="))
                    .map(l -> l.substring("postgres.dir=".length())).findFirst().orElseThrow();
            assertThat(processesUnder(List.of(state.toString()))).as("processes of the cluster").hasSizeGreaterThanOrEqualTo(4);

            String host = group(ENDPOINT, up.out());
            String token;
            try (EcrClient ecr = EcrClient.builder().endpointOverride(URI.create("http://" + host)).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            group(ACCESS_KEY, up.out()), group(SECRET_KEY, up.out()))))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                ecr.createRepository(r -> r.repositoryName("demo"));
                token = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken();
            }
            OciLayout layout = new OciLayout(Files.createDirectory(tmp.resolve("image")));
            OciLayout.Descriptor image = layout.taggedImage("v1", 5, 2 << 20, 5_000);
            Skopeo skopeo = new Skopeo(host, token);
            skopeo.push(layout.reference("v1"), "demo", "v1").expectOk();
            Path pulled = tmp.resolve("pulled");
            skopeo.pull("demo:v1", pulled, "v1").expectOk();
            for (String d : layout.closure(image.digest())) {
                assertThat(OciLayout.blob(pulled, d)).as(d).isEqualTo(layout.read(d));
            }
        } finally {
            ExternalProcess.command(script.toString(), "down").env(env).timeout(DOWN).run().expectOk();
        }
        assertThat(processesUnder(List.of(state.toString(), pgDir))).as("processes left by bin/cluster down").isEmpty();
        assertThat(state).doesNotExist();
        assertThat(Path.of(pgDir)).doesNotExist();
        // nodes on PostgreSQL and S3 record a class-data cache of their kind as they run; the embedded
        // training (which leaves those drivers out) is not run for them
        assertThat(Stream.of("wharf-postgres-s3.aot", "wharf-postgres-s3.jsa").map(checkout.resolve("target")::resolve)
                .filter(Files::isRegularFile)).as("the cluster's class-data cache").hasSize(1);
        assertThat(checkout.resolve("target/wharf.aot")).doesNotExist();
        assertThat(checkout.resolve("target/wharf.jsa")).doesNotExist();
    }
}
