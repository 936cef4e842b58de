package dev.wharf.cli;

import dev.wharf.config.ConfigException;
import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.iam.SecretCipher;
import dev.wharf.registry.InlineBlobStore;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.FileSystemBlobStore;
import dev.wharf.storage.meta.ConflictException;
import dev.wharf.storage.meta.MetadataCopy;
import dev.wharf.storage.meta.MetadataException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.PostgresMetadataStores;
import dev.wharf.storage.meta.Rows;
import dev.wharf.storage.meta.SqliteMetadataStores;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * {@code wharf migrate}: copies an embedded deployment (the SQLite database and the blob files of a
 * data directory) into the PostgreSQL + S3 deployment the configuration names, so that its nodes,
 * started with the source's master key, serve the same images to the same credentials and tokens.
 * Metadata first (generic, table by table: {@link MetadataCopy}), then blobs ({@link BlobMigration}).
 * A re-run continues where an interrupted one stopped and changes nothing after a complete one.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Copy an embedded deployment (--data-dir: its SQLite metadata and blob files)",
                "into the PostgreSQL + S3 deployment the configuration names (storage.metadata",
                "postgres and storage.blobs s3, or WHARF_POSTGRES_* and WHARF_S3_*): every row,",
                "and every blob with its digest verified on the way. Progress goes to stdout.",
                "Stop the embedded server first; start the new nodes, with the source's master",
                "key, once it is done. Interrupted, run it again: it continues, skipping what is",
                "already there; after a complete run it changes nothing.",
                "Exit 0: done; 1: some blobs could not be copied (named), or the copy stopped",
                "(run it again); 2: refused, saying why."})
final class MigrateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.Common common = new Main.Common();

    private final Map<String, String> env;
    /** Told the running total of blob bytes read (tests stop the process there, as a crash would). */
    private final LongConsumer blobBytesRead;

    MigrateCommand() {
        this(System.getenv(), total -> { });
    }

    MigrateCommand(Map<String, String> env, LongConsumer blobBytesRead) {
        this.env = env;
        this.blobBytesRead = blobBytesRead;
    }

    /** A reason not to start, or not to go on; said as it is, exit 2. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = new PrintWriter(System.out, true);
        try {
            return migrate(out);
        } catch (Refused | ConfigException | ConflictException | IllegalArgumentException | UncheckedIOException e) {
            System.err.println("wharf migrate: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("wharf migrate: stopped: " + e.getMessage() + "; run it again to continue where it stopped");
            return 1;
        } finally {
            out.flush();
        }
    }

    private int migrate(PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        WharfConfig config = new ConfigLoader(env).load(new ConfigLoader.Flags(null, null, common.dataDir, common.config,
                common.minFreeBytes == null ? null : ConfigLoader.parseBytes(common.minFreeBytes)));
        WharfConfig.Storage storage = config.storage();
        if (!storage.postgresMetadata() || !storage.s3Blobs()) {
            throw new Refused("the target must be a PostgreSQL + S3 deployment: set storage.metadata postgres (WHARF_STORAGE_METADATA) "
                    + "and storage.blobs s3 (WHARF_STORAGE_BLOBS) with their connection settings; the configuration names "
                    + storage.metadata() + " + " + storage.blobs());
        }
        Path dataDir = config.dataDir();
        Path db = dataDir.resolve("wharf.db");
        if (!Files.isRegularFile(db)) {
            throw new Refused("no embedded deployment in " + dataDir.toAbsolutePath().normalize() + ": " + db.getFileName()
                    + " is missing (name the source with --data-dir)");
        }
        out.println("Migrating the embedded deployment in " + dataDir.toAbsolutePath().normalize() + " to " + Backends.describe(config));
        WharfConfig.Postgres pg = storage.postgres();
        PostgresMetadataStores.Connection targetDb = new PostgresMetadataStores.Connection(pg.url(), pg.user(), pg.password(), 2);
        try (MetadataStore source = SqliteMetadataStores.open(db)) {
            MasterKey key = sourceKey(dataDir, source);
            try (MetadataStore target = PostgresMetadataStores.openAll(targetDb).meta()) {
                targetAccepts(target, key.cipher());
                refuseForeignAccounts(source, target);
                BlobStore blobs = Backends.openBlobs(config);
                try (MetadataCopy rows = MetadataCopy.open(db, targetDb)) {
                    // small blobs kept in the source's database are copied into the target's blob store like any other
                    Report r = copy(rows, new InlineBlobStore(new FileSystemBlobStore(dataDir), source, 0), blobs, out);
                    out.printf("Migration %s in %.1f s: %d rows and %d blobs (%s) copied, %d rows and %d blobs already there.%n",
                            r.blobs().failures().isEmpty() ? "complete" : "incomplete", (System.nanoTime() - t0) / 1e9,
                            r.rows().copied(), r.blobs().copied(), bytes(r.blobs().copiedBytes()), r.rows().present(), r.blobs().present());
                    if (!r.blobs().failures().isEmpty()) {
                        System.err.println("wharf migrate: " + r.blobs().failures().size() + " blobs could not be copied "
                                + "(fix or remove them in the source, or delete their images, then run again):");
                        r.blobs().failures().forEach(f -> System.err.println("  " + f));
                        return 1;
                    }
                } finally {
                    if (blobs instanceof AutoCloseable c) closeQuietly(c);
                }
            }
            out.println(key.instructions());
            return 0;
        } catch (MetadataException e) {
            throw new Refused(e.getMessage());
        }
    }

    private record Report(MetadataCopy.Report rows, BlobMigration.Report blobs) {}

    private Report copy(MetadataCopy rows, BlobStore from, BlobStore to, PrintWriter out) throws IOException {
        if (!rows.targetIsCurrent()) {
            throw new Refused("the target's schema (version " + rows.targetVersion() + ") is older than the source's (version "
                    + rows.sourceVersion() + "): run this migration with the Wharf version that last ran on the source");
        }
        List<String> tables = rows.plan();
        out.println("Metadata: schema version " + rows.sourceVersion() + " (target " + rows.targetVersion() + "), " + tables.size()
                + " tables (not copied: " + String.join(", ", new java.util.TreeSet<>(MetadataCopy.EXCLUDED.keySet())) + ")");
        Progress progress = new Progress(out, blobBytesRead);
        MetadataCopy.Report copied = rows.copy(progress);
        progress.endTable();
        out.printf("Metadata done: %d rows copied, %d already there%n", copied.copied(), copied.present());
        MetadataCopy.BlobTotals totals = rows.blobTotals();
        out.printf("Blobs: %d (%s), each verified against its digest%n", totals.count(), bytes(totals.bytes()));
        progress.blobsExpected(totals);
        BlobMigration.Report blobs = new BlobMigration(from, to, progress).run(rows);
        out.printf("Blobs done: %d copied (%s), %d already there, %d failed%n", blobs.copied(), bytes(blobs.copiedBytes()), blobs.present(),
                blobs.failures().size());
        return new Report(copied, blobs);
    }

    /** The source's master key and where it was found: the environment, or the key file the embedded server generated. */
    private record MasterKey(SecretCipher cipher, Path file) {
        String instructions() {
            if (file == null) {
                return "Master key: start every node of the new deployment with the WHARF_MASTER_KEY this migration ran with.";
            }
            return "Master key: the embedded server generated it in " + file.toAbsolutePath().normalize() + ". Start every node of the new "
                    + "deployment with WHARF_MASTER_KEY set to that file's contents, e.g. export WHARF_MASTER_KEY=\"$(cat "
                    + file.toAbsolutePath().normalize() + ")\", and keep it as secret as the file.";
        }
    }

    /**
     * The key the source was set up with: {@code WHARF_MASTER_KEY} when set, else the data
     * directory's {@code master.key}; checked against what the source's database recorded.
     */
    private MasterKey sourceKey(Path dataDir, MetadataStore source) {
        String fromEnv = env.get("WHARF_MASTER_KEY");
        boolean envSet = fromEnv != null && !fromEnv.isBlank();
        Path file = dataDir.resolve("master.key");
        if (!envSet && !Files.isRegularFile(file)) {
            throw new Refused("no master key: " + file + " does not exist and WHARF_MASTER_KEY is not set; set WHARF_MASTER_KEY to the key "
                    + "the embedded server ran with");
        }
        SecretCipher cipher = SecretCipher.load(envSet ? fromEnv : null, dataDir);
        try {
            Backends.checkMasterKey(source, cipher);
        } catch (ConfigException wrong) {
            String hint = envSet && Files.isRegularFile(file) ? " (the data directory holds its own key in " + file
                    + ": unset WHARF_MASTER_KEY to use it, or set WHARF_MASTER_KEY to that file's contents)" : "";
            throw new Refused((envSet ? "WHARF_MASTER_KEY" : file.toString()) + " is not the master key " + dataDir
                    + " was set up with" + hint + ": its secrets could not be read, nor its tokens checked");
        }
        return new MasterKey(cipher, envSet ? null : file);
    }

    /** The target records the source's key, or none yet: a database set up with another key is another deployment. */
    private static void targetAccepts(MetadataStore target, SecretCipher cipher) {
        try {
            Backends.checkMasterKey(target, cipher);
        } catch (ConfigException wrong) {
            throw new Refused("the target database was set up with another master key than the source's: it belongs to another "
                    + "deployment; migrate into a new, empty database");
        }
    }

    /** A target account the source does not have means the target is in use (a node started on it creates one). */
    private static void refuseForeignAccounts(MetadataStore source, MetadataStore target) {
        Set<String> mine = source.listAccounts().stream().map(Rows.Account::accountId).collect(Collectors.toSet());
        List<String> foreign = target.listAccounts().stream().map(Rows.Account::accountId).filter(a -> !mine.contains(a)).toList();
        if (!foreign.isEmpty()) {
            throw new Refused("the target already holds account " + String.join(", ", foreign) + ", which the source does not: it is "
                    + "in use (a node started on it creates an account); migrate into a new, empty database");
        }
    }

    /** Prints progress as the copy goes: one line per table, and a line per 100 blobs and per GiB read. */
    private static final class Progress implements MetadataCopy.Listener, BlobMigration.Listener {
        private static final long BLOB_LINE_EVERY = 100;
        private static final long BYTES_LINE_EVERY = 1L << 30;
        private final PrintWriter out;
        private final LongConsumer blobBytesRead;
        private String table;
        private long tableRows;
        private long tableCopied;
        private long tablePresent;
        private MetadataCopy.BlobTotals totals;
        private long blobs;
        private long bytesRead;
        private long nextBytesLine = BYTES_LINE_EVERY;

        Progress(PrintWriter out, LongConsumer blobBytesRead) {
            this.out = out;
            this.blobBytesRead = blobBytesRead;
        }

        @Override
        public void tableStarted(String name, long sourceRows) {
            endTable();
            table = name;
            tableRows = sourceRows;
            tableCopied = 0;
            tablePresent = 0;
        }

        @Override
        public void pageCopied(String name, long copied, long present) {
            tableCopied += copied;
            tablePresent += present;
        }

        void endTable() {
            if (table == null) return;
            out.printf("  %-28s %9d rows: %d copied, %d already there%n", table, tableRows, tableCopied, tablePresent);
            table = null;
        }

        void blobsExpected(MetadataCopy.BlobTotals totals) {
            this.totals = totals;
        }

        @Override
        public void read(long n) {
            bytesRead += n;
            blobBytesRead.accept(bytesRead);
            if (bytesRead >= nextBytesLine) {
                nextBytesLine += BYTES_LINE_EVERY;
                out.printf("  %s read and verified (%s in all)%n", bytes(bytesRead), bytes(totals.bytes()));
            }
        }

        @Override
        public void blobDone(Rows.Blob blob, boolean copied) {
            blobs++;
            if (blobs % BLOB_LINE_EVERY == 0) out.printf("  %d/%d blobs%n", blobs, totals.count());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("wharf migrate: closing the blob store: " + e.getMessage());
        }
    }

    static String bytes(long n) {
        if (n < 1024) return n + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
