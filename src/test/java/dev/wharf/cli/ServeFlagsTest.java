package dev.wharf.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve}'s flags read without picocli ({@link ServeFlags}) are read exactly as picocli reads
 * them, and every line it does not read plainly is left to picocli, so help, version and every error
 * message stay picocli's. Each line is given as one string, its arguments split on {@code |}.
 */
class ServeFlagsTest {

    /** What picocli makes of a {@code serve} line: the serve command's fields, or null when it refuses it or only prints. */
    private static Main.Serve picocli(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        try {
            CommandLine.ParseResult r = cl.parseArgs(args);
            if (!r.hasSubcommand() || r.subcommand().isUsageHelpRequested() || r.subcommand().isVersionHelpRequested()) return null;
            return (Main.Serve) r.subcommand().commandSpec().userObject();
        } catch (CommandLine.ParameterException e) {
            return null;
        }
    }

    private static String fields(Main.Serve s) {
        return "host=" + s.host + " port=" + s.port + " dataDir=" + s.common.dataDir + " config=" + s.common.config
                + " minFreeBytes=" + s.common.minFreeBytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "serve",
            "serve|--port|0",
            "serve|--port|5000|--host|0.0.0.0",
            "serve|--port=8080|--host=::1",
            "serve|--data-dir|/var/lib/wharf|--config|/etc/wharf.yaml",
            "serve|--data-dir=relative/dir|--config=wharf.yaml",
            "serve|--min-free-bytes|5GiB",
            "serve|--min-free-bytes=0",
            "serve|--host=",
            "serve|--data-dir|dir with spaces|--port|65535",
            "serve|--config=@not-a-file",
            "serve|--host|a=b",
            "serve|--port|999999999",
    })
    void aPlainServeLineIsReadExactlyAsPicocliReadsIt(String line) {
        String[] args = line.split("\\|", -1);
        Optional<Main.Serve> fast = ServeFlags.parse(args);
        Main.Serve slow = picocli(args);

        assertThat(slow).as("picocli accepts %s", Arrays.toString(args)).isNotNull();
        assertThat(fast).as("read without picocli: %s", Arrays.toString(args)).isPresent();
        assertThat(fields(fast.get())).isEqualTo(fields(slow));
    }

    @Test
    void everyFlagServeDeclaresIsReadWithoutPicocli() {
        CommandLine serve = new CommandLine(new Main()).getSubcommands().get("serve");
        for (CommandLine.Model.OptionSpec o : serve.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            assertThat(ServeFlags.parse("serve", o.longestName(), "1")).as("%s is read by ServeFlags", o.longestName()).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "serve|--help",
            "serve|-h",
            "serve|--version",
            "serve|-V",
            "serve|--port|1|--port|2",
            "serve|--port",
            "serve|--port|abc",
            "serve|--port|-1",
            "serve|--port|010",
            "serve|--port|99999999999",
            "serve|--port=",
            "serve|--host|--port|1",
            "serve|--nope|1",
            "serve|extra",
            "serve|--",
            "serve|@args.txt",
            "serve|--data-dir|@args.txt",
            "serve|--data-dir|a\u0000b",
            "--help",
            "account|list",
            "gc|--data-dir|x",
    })
    void everyOtherLineIsLeftToPicocli(String line) {
        assertThat(ServeFlags.parse(line.split("\\|", -1))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port|abc", "--port|1|--port|2", "--nope|1"})
    void aServeLineLeftToPicocliGetsItsUsageErrorAndExitCode(String flags) {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            exit = Main.run(("serve|" + flags).split("\\|"));
        } finally {
            System.setErr(err);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(e.toString(StandardCharsets.UTF_8)).contains("Usage: wharf serve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port|-5", "--port|70000"})
    void aBadPortReadEitherWayIsRefusedWithExitTwo(String flags) {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            exit = Main.run(("serve|" + flags).split("\\|"));
        } finally {
            System.setErr(err);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(e.toString(StandardCharsets.UTF_8)).startsWith("wharf: ").doesNotContain("\tat ");
    }
}
