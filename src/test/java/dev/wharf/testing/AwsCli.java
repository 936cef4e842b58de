package dev.wharf.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code aws} CLI against a {@link TestServer}, through {@link ExternalProcess} (a test
 * that uses it is tagged {@value ExternalProcess#TAG}). The environment names the credentials and
 * keeps the machine's own configuration files out ({@link TestServer#awsCliEnv()}).
 */
public final class AwsCli {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private AwsCli() {
    }

    /** {@code aws --endpoint-url <server> <args>} with {@code env}; stdout and stderr apart. */
    public static ExternalProcess.Result run(TestServer server, Map<String, String> env, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", server.url()));
        cmd.addAll(args);
        ExternalProcess p = ExternalProcess.command(cmd).env(env).timeout(TIMEOUT);
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (secret != null) p.hide(secret);
        return p.run();
    }
}
