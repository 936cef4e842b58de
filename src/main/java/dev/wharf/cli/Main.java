package dev.wharf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.config.ConfigException;
import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.errors.ErrorCode;
import dev.wharf.iam.Identities;
import dev.wharf.iam.SecretCipher;
import dev.wharf.limits.Rate;
import dev.wharf.limits.RateTable;
import dev.wharf.registry.ServiceLimits;
import dev.wharf.registry.ThrottleOverrides;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The {@code wharf} command line. */
@Command(name = "wharf", mixinStandardHelpOptions = true, version = "wharf 0.1.0",
        description = {"Wharf: a self-hosted OCI registry that speaks the Amazon ECR, IAM and STS APIs.",
                "Configuration: defaults < --config FILE (YAML) < WHARF_* environment variables < flags (see docs/configuration.md)."},
        subcommands = {Main.Serve.class, Main.Account.class, GcCommand.class, UsageCommand.class, MigrateCommand.class, Main.TrainCache.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Jetty pads its queues to a cache line; unless this property names how many references fill one,
     * it asks the platform MBean server whether compressed oops are on, and building that server was a
     * tenth of a warm start (docs/performance.md, "Warm start"). 16 (4-byte references in 64 bytes) is
     * right for every heap under 32 GiB; a larger heap, with 8-byte references, is padded twice as much
     * as it needs: a few bytes per queue, never a correctness matter.
     */
    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    public static void main(String[] args) {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        System.exit(run(args));
    }

    static int run(String... args) {
        // The start-up path: a plain `serve` line is read without loading picocli (ServeFlags says why).
        Optional<Serve> serve = ServeFlags.parse(args);
        if (serve.isPresent()) {
            Preinitializer.start();
            return serve(serve.get());
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof ConfigException || ex instanceof IllegalArgumentException) {
                line.getErr().println("wharf: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /** Runs {@code serve} read by {@link ServeFlags}, with the exit codes and messages picocli's execution gives it. */
    private static int serve(Serve serve) {
        try {
            return serve.call();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("wharf: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by every command that opens a data directory. */
    static final class Common {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (metadata, blobs, master key). Default: ./data, or WHARF_DATA_DIR.")
        Path dataDir;

        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (default: WHARF_CONFIG, else none).")
        Path config;

        @Option(names = "--min-free-bytes", paramLabel = "SIZE",
                description = "Refuse new uploads below this much free space (e.g. 5GiB). Default: 0 (no floor), or WHARF_STORAGE_MIN_FREE_BYTES.")
        String minFreeBytes;

        WharfConfig load(String host, Integer port) {
            return new ConfigLoader(System.getenv()).load(new ConfigLoader.Flags(host, port, dataDir, config,
                    minFreeBytes == null ? null : ConfigLoader.parseBytes(minFreeBytes)));
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Run the registry: the OCI API on /v2/, the ECR JSON API on POST /, /healthz.",
                    "On first start with an empty data directory it creates the default account and prints its root access key once",
                    "(WHARF_BOOTSTRAP_ACCOUNT_ID, WHARF_BOOTSTRAP_ACCESS_KEY_ID and WHARF_BOOTSTRAP_SECRET_ACCESS_KEY fix those values)."})
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--host", paramLabel = "ADDR", description = "Address to listen on. Default: 127.0.0.1, or WHARF_HOST.")
        String host;

        @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (0: any free port, logged at start). Default: 5000, or WHARF_PORT.")
        Integer port;

        @Override
        public Integer call() throws Exception {
            long t0 = System.nanoTime();
            Map<String, String> env = System.getenv();
            Application app = Application.create(common.load(host, port), env, Clock.systemUTC());
            WharfConfig config = app.config(); // with --port 0, the port bound
            bootstrap(app.identities(), config, env, new PrintWriter(System.out, true));
            app.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    app.close();
                } catch (Exception e) {
                    System.err.println("wharf: shutdown: " + e);
                }
            }, "wharf-shutdown"));
            org.slf4j.LoggerFactory.getLogger(Main.class).info("Wharf listening on {} (data in {}), ready in {} ms",
                    config.effectivePublicUrl(), config.dataDir().toAbsolutePath().normalize(),
                    Application.uptime(t0).toMillis());
            app.join();
            return 0;
        }
    }

    @Command(name = CacheTraining.COMMAND, mixinStandardHelpOptions = true,
            description = {"Train the class-data cache: a throwaway server (scratch directory, free loopback ports) takes pushes, pulls and ECR calls, then is deleted.",
                    "Run it as `bin/wharf train-cache`, which records the cache as it runs (bin/wharf also does once per build, before the first serve;",
                    "docs/operations.md, \"Start-up\"). It reads none of the configuration and touches no data of yours."})
    static final class TrainCache implements Callable<Integer> {
        @Override
        public Integer call() {
            Preinitializer.start(); // as serve does, so that the cache holds what its start needs
            return CacheTraining.run(Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /**
     * First start: the default account and its root key, printed once. Nodes that start at once on an
     * empty shared database race to create it; the database lets one win (the account id, the key
     * id and the one default account are unique), and the others find its account as later nodes do.
     */
    static void bootstrap(Identities identities, WharfConfig config, Map<String, String> env, PrintWriter out) {
        if (!identities.accounts().isEmpty()) return;
        String secretFromEnv = env.get("WHARF_BOOTSTRAP_SECRET_ACCESS_KEY");
        Identities.RootCredentials c;
        try {
            c = identities.createAccount(env.get("WHARF_BOOTSTRAP_ACCOUNT_ID"), env.get("WHARF_BOOTSTRAP_ACCESS_KEY_ID"), secretFromEnv, true);
        } catch (IllegalArgumentException e) {
            if (!identities.accounts().isEmpty()) return; // another node created it meanwhile
            throw e;
        }
        String url = config.effectivePublicUrl();
        String hostPort = url.replaceFirst("^https?://", "");
        out.println();
        out.println("Wharf created account " + c.accountId() + " and its root access key. The secret is shown only this once:");
        out.println();
        out.println("  aws configure set aws_access_key_id " + c.accessKeyId());
        out.println("  aws configure set aws_secret_access_key "
                + (secretFromEnv != null ? "<the value of WHARF_BOOTSTRAP_SECRET_ACCESS_KEY>" : c.secretAccessKey()));
        out.println("  aws configure set region " + config.region());
        out.println();
        out.println("Then log in and push:");
        out.println("  aws ecr get-login-password --endpoint-url " + url
                + " | skopeo login --tls-verify=false --username AWS --password-stdin " + hostPort);
        out.println("  aws ecr create-repository --endpoint-url " + url + " --repository-name my-app");
        out.println("  skopeo copy --dest-tls-verify=false docker-archive:image.tar docker://" + hostPort + "/my-app:latest");
        out.println();
        out.flush();
    }

    @Command(name = "account", mixinStandardHelpOptions = true,
            description = "Manage accounts in a data directory; works while a server runs on it and takes effect at once.",
            subcommands = {AccountCreate.class, AccountList.class, AccountDelete.class, AccountLimits.class})
    static final class Account implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** Opens the identities of a data directory for an admin command. */
    private static <T> T withIdentities(Common common, java.util.function.Function<Identities, T> fn) {
        WharfConfig config = common.load(null, null);
        SecretCipher cipher = Backends.masterKey(config, System.getenv());
        try (MetadataStore meta = Application.openMetadata(config)) {
            Backends.checkMasterKey(meta, cipher);
            return fn.apply(new Identities(meta, cipher, Clock.systemUTC()));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account with a root access key, printed once.")
    static final class AccountCreate implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--account-id", paramLabel = "ID", description = "12-digit account id (default: random).")
        String accountId;

        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json: {\"accountId\", \"accessKeyId\", \"secretAccessKey\"}.")
        String output = "text";

        @Override
        public Integer call() throws Exception {
            if (!output.equals("text") && !output.equals("json")) throw new IllegalArgumentException("--output must be text or json");
            Identities.RootCredentials c = withIdentities(common, ids -> ids.createAccount(accountId, null, null, ids.accounts().isEmpty()));
            if (output.equals("json")) {
                ObjectNode o = new ObjectMapper().createObjectNode();
                o.put("accountId", c.accountId());
                o.put("accessKeyId", c.accessKeyId());
                o.put("secretAccessKey", c.secretAccessKey());
                System.out.println(o.toString());
            } else {
                System.out.println("Account " + c.accountId() + " created. Its root access key (the secret is shown only this once):");
                System.out.println("  aws_access_key_id     = " + c.accessKeyId());
                System.out.println("  aws_secret_access_key = " + c.secretAccessKey());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
    static final class AccountList implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Override
        public Integer call() throws Exception {
            for (Rows.Account a : withIdentities(common, Identities::accounts)) {
                System.out.println(a.accountId() + (a.isDefault() ? "  default" : "") + "  created " + Instant.ofEpochMilli(a.createdAt()));
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an account with all its keys, repositories and images.")
    static final class AccountDelete implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @CommandLine.Parameters(paramLabel = "ACCOUNT_ID", description = "The account to delete.")
        String accountId;

        @Override
        public Integer call() throws Exception {
            boolean deleted = withIdentities(common, ids -> ids.deleteAccount(accountId));
            if (!deleted) {
                System.err.println("wharf: no account " + accountId);
                return 1;
            }
            System.out.println("Account " + accountId + " deleted.");
            return 0;
        }
    }

    @Command(name = "limits", mixinStandardHelpOptions = true,
            description = {"Show an account's service limits, or override some of them for that account alone.",
                    "Overrides are stored in the data directory and hold at once, on every node; "
                            + "the others follow the configuration (limits.*, WHARF_LIMITS_*)."})
    static final class AccountLimits implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @CommandLine.Parameters(paramLabel = "ACCOUNT_ID", description = "The account.")
        String accountId;

        @Option(names = "--set", paramLabel = "NAME=VALUE",
                description = "Override a limit for this account (repeatable): repositoriesPerAccount, imagesPerRepository, "
                        + "layersPerImage, minLayerPartBytes, maxLayerPartBytes, maxLayerParts, storageBytes (bytes stored by the "
                        + "account, shared layers once; shown as 0 when unset: no limit); "
                        + "or an operation's rate as throttling.<Operation>=RATE[/BURST], e.g. throttling.PutImage=20/40.")
        Map<String, String> set = Map.of();

        @Option(names = "--reset", paramLabel = "NAME", description = "Remove an override, back to the configured value (repeatable).")
        List<String> reset = List.of();

        @Override
        public Integer call() {
            WharfConfig config = common.load(null, null);
            try (MetadataStore meta = Application.openMetadata(config)) {
                if (meta.findAccount(accountId).isEmpty()) {
                    System.err.println("wharf: no account " + accountId);
                    return 1;
                }
                ServiceLimits limits = new ServiceLimits(meta, config.limits());
                ThrottleOverrides rates = new ThrottleOverrides(meta);
                for (String name : reset) {
                    if (name.startsWith(ThrottleOverrides.PREFIX)) rates.reset(accountId, name.substring(ThrottleOverrides.PREFIX.length()));
                    else limits.reset(accountId, name);
                }
                for (Map.Entry<String, String> e : set.entrySet()) {
                    if (e.getKey().startsWith(ThrottleOverrides.PREFIX)) {
                        rates.set(accountId, e.getKey().substring(ThrottleOverrides.PREFIX.length()), rate(e.getKey(), e.getValue()));
                    } else {
                        limits.set(accountId, e.getKey(), parse(e.getKey(), e.getValue()));
                    }
                }
                Map<String, Long> overrides = limits.overrides(accountId);
                limits.inForce(accountId).forEach((name, value) -> System.out.printf("%-24s %12d  %s%n", name, value,
                        overrides.containsKey(name) ? "override" : "default"));
                printRates(config, rates.forAccount(accountId));
                return 0;
            } catch (WharfException e) {
                System.err.println("wharf: " + e.getMessage());
                return 2;
            }
        }

        /** The throttling rates in force: the published and configured operations, and the account's own. */
        private static void printRates(WharfConfig config, Map<String, Rate> own) {
            RateTable table = Application.rateTable(config);
            java.util.Set<String> operations = new java.util.TreeSet<>(RateTable.ECR_DEFAULTS.keySet());
            operations.addAll(RateTable.OTHER_DEFAULTS.keySet());
            operations.addAll(own.keySet());
            System.out.printf("%-24s %12s  %s%n", "throttling (all others)", table.fallback().toString(),
                    config.throttling().enabled() ? "default" : "disabled");
            for (String op : operations) {
                Rate r = table.rate("ecr", op);
                boolean isOwn = own.containsKey(op);
                System.out.printf("%-24s %12s  %s%n", ThrottleOverrides.PREFIX + op, (isOwn ? own.get(op) : r).toString(),
                        isOwn ? "override" : "default");
            }
        }

        private static Rate rate(String name, String value) {
            try {
                return Rate.parse(value);
            } catch (IllegalArgumentException e) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "--set " + name + ": " + e.getMessage());
            }
        }

        private static long parse(String name, String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set " + name + ": '" + value + "' is not a whole number");
            }
        }
    }
}
