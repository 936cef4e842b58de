package dev.wharf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code skopeo} against a {@link TestServer}, logged in as ECR users are: user name
 * {@code AWS}, password the part after {@code AWS:} of a GetAuthorizationToken token.
 */
public final class Skopeo {
    private final String host;
    private final String credentials;

    /** @param authorizationToken an ECR authorization token (base64 of {@code AWS:<password>}) */
    public Skopeo(TestServer server, String authorizationToken) {
        this.host = server.host();
        this.credentials = new String(Base64.getDecoder().decode(authorizationToken), StandardCharsets.UTF_8);
    }

    /** What skopeo said: its exit status and its output (stdout and stderr interleaved). */
    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /** {@code docker://<host>/<repositoryAndRef>}, e.g. {@code app:v1} or {@code app@sha256:...}. */
    public String ref(String repositoryAndRef) {
        return "docker://" + host + "/" + repositoryAndRef;
    }

    /** Pushes the layout image to {@code repository:tag}, keeping its digests. */
    public Result push(OciLayouts.Image image, String repository, String tag) {
        return run("copy", "--retry-times", "0", "--preserve-digests", "--dest-tls-verify=false", "--dest-creds", credentials,
                image.reference(), ref(repository + ":" + tag));
    }

    /** Pulls {@code repositoryAndRef} into a layout at {@code layout} tagged {@code tag}. */
    public Result pull(String repositoryAndRef, java.nio.file.Path layout, String tag) {
        return run("copy", "--retry-times", "0", "--src-tls-verify=false", "--src-creds", credentials,
                ref(repositoryAndRef), "oci:" + layout + ":" + tag);
    }

    /** {@code skopeo inspect --raw}: the manifest bytes as the registry serves them. */
    public Result inspectRaw(String repositoryAndRef) {
        return run("inspect", "--raw", "--retry-times", "0", "--tls-verify=false", "--creds", credentials, ref(repositoryAndRef));
    }

    private Result run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("skopeo");
        cmd.add("--insecure-policy");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("skopeo did not finish: " + String.join(" ", args));
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
