package dev.wharf.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code serve}'s flags without picocli, for the start-up path only. picocli 4.7's classes
 * are compiled for Java 5, which the JVM's AOT cache cannot hold: on every start they were loaded
 * from the jar and checked by the old verifier, about 40% of a warm start (docs/performance.md,
 * "Warm start"). So a {@code serve} command line that is plainly valid is read here; anything
 * else (help, version, an unknown, repeated or malformed flag, an {@code @file}, {@code --}) is
 * left to picocli, which answers it exactly as before. The flags, their help and every error
 * message stay picocli's: this class accepts a subset of what picocli accepts and must read it the
 * same way ({@code ServeFlagsTest} compares the two on a table of command lines).
 */
final class ServeFlags {
    /** What picocli's {@code Integer.valueOf} reads the same way: no sign, no leading zero, no overflow. */
    private static final Pattern PORT = Pattern.compile("0|[1-9][0-9]{0,8}");

    private ServeFlags() {}

    /** The {@code serve} command these arguments name, or empty when picocli must read them. */
    static Optional<Main.Serve> parse(String... args) {
        if (args.length == 0 || !args[0].equals("serve")) return Optional.empty();
        Main.Serve serve = new Main.Serve();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) return Optional.empty();
                name = arg;
                value = args[++i];
                // picocli reads an option-like value as a missing parameter, and expands @files
                if (value.startsWith("-") || value.startsWith("@")) return Optional.empty();
            }
            if (!seen.add(name) || !set(serve, name, value)) return Optional.empty();
        }
        return Optional.of(serve);
    }

    /** Sets one flag as picocli would; false for a flag this class does not read, or a value picocli would refuse. */
    private static boolean set(Main.Serve serve, String name, String value) {
        switch (name) {
            case "--host" -> serve.host = value;
            case "--port" -> {
                if (!PORT.matcher(value).matches()) return false;
                serve.port = Integer.valueOf(value);
            }
            case "--data-dir" -> {
                Path p = path(value);
                if (p == null) return false;
                serve.common.dataDir = p;
            }
            case "--config" -> {
                Path p = path(value);
                if (p == null) return false;
                serve.common.config = p;
            }
            case "--min-free-bytes" -> serve.common.minFreeBytes = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
