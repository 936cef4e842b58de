package dev.wharf.cli;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LimitExceededException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code wharf account limits}: per-account overrides set beside a running server hold at its next request. */
class AccountLimitsCommandTest {
    record Run(int exit, String out, String err) {}

    static Run wharf(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void anOverrideSetWhileTheServerRunsLimitsTheAccountAtOnceAndResetRestoresTheDefault() {
        try (TestServer s = TestServer.start(); EcrClient ecr = s.ecr()) {
            String dir = s.dataDir().toString();
            Run shown = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT);
            assertThat(shown.exit()).as(shown.err()).isZero();
            assertThat(shown.out()).containsPattern("repositoriesPerAccount +1000  default")
                    .containsPattern("minLayerPartBytes +5242880  default");

            Run set = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT, "--set", "repositoriesPerAccount=2",
                    "--set", "layersPerImage=10");
            assertThat(set.exit()).as(set.err()).isZero();
            assertThat(set.out()).containsPattern("repositoriesPerAccount +2  override").containsPattern("layersPerImage +10  override")
                    .containsPattern("imagesPerRepository +1000  default");
            ecr.createRepository(r -> r.repositoryName("one"));
            ecr.createRepository(r -> r.repositoryName("two"));
            assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("three")))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("2");

            Run reset = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT, "--reset", "repositoriesPerAccount");
            assertThat(reset.out()).containsPattern("repositoriesPerAccount +1000  default").containsPattern("layersPerImage +10  override");
            ecr.createRepository(r -> r.repositoryName("three"));
        }
    }

    @Test
    void anUnknownLimitABadValueOrAnUnknownAccountIsRefusedWithTheReason() {
        try (TestServer s = TestServer.start()) {
            String dir = s.dataDir().toString();
            Run unknown = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT, "--set", "maxManifestBytes=1");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).contains("'maxManifestBytes' is not a per-account limit");
            Run zero = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT, "--set", "maxLayerParts=0");
            assertThat(zero.exit()).isEqualTo(2);
            assertThat(zero.err()).contains("must be a positive integer");
            Run words = wharf("account", "limits", "--data-dir", dir, TestServer.ACCOUNT, "--set", "maxLayerParts=many");
            assertThat(words.exit()).isEqualTo(2);
            assertThat(words.err()).contains("'many' is not a whole number");
            Run nobody = wharf("account", "limits", "--data-dir", dir, "999988887777");
            assertThat(nobody.exit()).isEqualTo(1);
            assertThat(nobody.err()).contains("no account 999988887777");
        }
    }
}
