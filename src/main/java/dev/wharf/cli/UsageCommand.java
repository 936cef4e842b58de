package dev.wharf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.config.WharfConfig;
import dev.wharf.storage.meta.GcStore;
import dev.wharf.storage.meta.MetadataStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code wharf usage}: the bytes each account and repository stores, alone and shared. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = {"Show the storage each account and each repository uses: bytes stored uniquely (freed if it is deleted)",
                "and bytes shared with other repositories or accounts (kept while they link them). Works while a server runs."})
final class UsageCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Main.Common common = new Main.Common();

    @Option(names = "--output", paramLabel = "FORMAT",
            description = "text (default) or json: {\"accounts\": [...], \"repositories\": [...]}, bytes as numbers.")
    String output = "text";

    @Override
    public Integer call() {
        if (!output.equals("text") && !output.equals("json")) throw new IllegalArgumentException("--output must be text or json");
        WharfConfig config = common.load(null, null);
        List<GcStore.AccountUsage> accounts;
        List<GcStore.RepositoryUsage> repositories;
        try (MetadataStore meta = Application.openMetadata(config)) {
            accounts = meta.accountUsage();
            repositories = meta.repositoryUsage();
        }
        if (output.equals("json")) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = json.createObjectNode();
            ArrayNode a = root.putArray("accounts");
            for (GcStore.AccountUsage u : accounts) {
                a.addObject().put("accountId", u.accountId()).put("blobs", u.blobs()).put("uniqueBytes", u.uniqueBytes())
                        .put("sharedBytes", u.sharedBytes());
            }
            ArrayNode r = root.putArray("repositories");
            for (GcStore.RepositoryUsage u : repositories) {
                r.addObject().put("accountId", u.accountId()).put("repositoryName", u.repository()).put("blobs", u.blobs())
                        .put("uniqueBytes", u.uniqueBytes()).put("sharedBytes", u.sharedBytes());
            }
            System.out.println(root);
            return 0;
        }
        System.out.printf("%-14s %-40s %8s %16s %16s%n", "ACCOUNT", "REPOSITORY", "BLOBS", "UNIQUE_BYTES", "SHARED_BYTES");
        for (GcStore.AccountUsage u : accounts) {
            System.out.printf("%-14s %-40s %8d %16d %16d%n", u.accountId(), "(account)", u.blobs(), u.uniqueBytes(), u.sharedBytes());
        }
        for (GcStore.RepositoryUsage u : repositories) {
            System.out.printf("%-14s %-40s %8d %16d %16d%n", u.accountId(), u.repository(), u.blobs(), u.uniqueBytes(), u.sharedBytes());
        }
        return 0;
    }
}
