package dev.wharf.testing;

import software.amazon.awssdk.services.ecr.EcrClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The real {@code skopeo} against a {@link TestServer}, logged in as ECR users are: user name
 * {@code AWS}, password the part after {@code AWS:} of a GetAuthorizationToken token. Runs through
 * {@link ExternalProcess}: a test that uses it is tagged {@value ExternalProcess#TAG}.
 */
public final class Skopeo {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final String host;
    private final String credentials;

    /** @param authorizationToken an ECR authorization token (base64 of {@code AWS:<password>}) */
    public Skopeo(TestServer server, String authorizationToken) {
        this(server.host(), authorizationToken);
    }

    /** Against the registry at {@code host} ({@code 127.0.0.1:<port>}, e.g. a load balancer's). */
    public Skopeo(String host, String authorizationToken) {
        this.host = host;
        this.credentials = new String(Base64.getDecoder().decode(authorizationToken), StandardCharsets.UTF_8);
    }

    /** Logged in with the authorization token that GetAuthorizationToken gives {@code as}. */
    public static Skopeo loggedIn(TestServer server, EcrClient as) {
        return new Skopeo(server, as.getAuthorizationToken(r -> {}).authorizationData().get(0).authorizationToken());
    }

    /** What skopeo said: its arguments (credentials hidden), its exit status and its output (stdout and stderr interleaved). */
    public record Result(String command, int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }

        /** This result, if skopeo succeeded; else an assertion error with the command and what skopeo said. */
        public Result expectOk() {
            if (!ok()) throw new AssertionError("skopeo " + command + " exited " + exit + "\n" + output);
            return this;
        }
    }

    /** {@code docker://<host>/<repositoryAndRef>}, e.g. {@code app:v1} or {@code app@sha256:...}. */
    public String ref(String repositoryAndRef) {
        return "docker://" + host + "/" + repositoryAndRef;
    }

    /** Pushes {@code source} (e.g. {@link OciLayout#reference}) to {@code repository:tag}, keeping its digests. */
    public Result push(String source, String repository, String tag, String... extra) {
        return copy(List.of("--preserve-digests", "--dest-tls-verify=false", "--dest-creds", credentials), extra,
                source, ref(repository + ":" + tag));
    }

    /** Pulls {@code repositoryAndRef} into a layout at {@code layout} tagged {@code tag}. */
    public Result pull(String repositoryAndRef, Path layout, String tag, String... extra) {
        return copy(List.of("--src-tls-verify=false", "--src-creds", credentials), extra,
                ref(repositoryAndRef), "oci:" + layout + ":" + tag);
    }

    /** Copies between two repositories of the registry, keeping the digests. */
    public Result copyWithin(String fromRepositoryAndRef, String toRepositoryAndRef) {
        return copy(List.of("--preserve-digests", "--src-tls-verify=false", "--dest-tls-verify=false",
                "--src-creds", credentials, "--dest-creds", credentials), new String[0],
                ref(fromRepositoryAndRef), ref(toRepositoryAndRef));
    }

    /** {@code skopeo delete}: resolves a tag and deletes the manifest by digest. */
    public Result delete(String repositoryAndRef) {
        return run(List.of("delete", "--tls-verify=false", "--creds", credentials, ref(repositoryAndRef)));
    }

    /** {@code skopeo inspect --raw}: the manifest bytes as the registry serves them. */
    public Result inspectRaw(String repositoryAndRef) {
        return run(List.of("inspect", "--raw", "--retry-times", "0", "--tls-verify=false", "--creds", credentials, ref(repositoryAndRef)));
    }

    private Result copy(List<String> options, String[] extra, String from, String to) {
        List<String> args = new ArrayList<>(List.of("copy", "--retry-times", "0"));
        args.addAll(options);
        args.addAll(List.of(extra));
        args.add(from);
        args.add(to);
        return run(args);
    }

    private Result run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("skopeo");
        cmd.add("--insecure-policy");
        cmd.addAll(args);
        ExternalProcess.Result r = ExternalProcess.command(cmd).mergeErrors().hide(credentials).timeout(TIMEOUT).run();
        return new Result(String.join(" ", args).replace(credentials, "***"), r.exit(), r.out());
    }
}
