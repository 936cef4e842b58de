package dev.wharf.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The one way tests run an external program (skopeo, the aws CLI, bin/wharf, ...), so that its
 * timeout really applies: stdin, stdout and stderr are served on their own threads (a full pipe
 * never blocks the child, and reading never blocks the wait), and when the time is up the whole
 * process tree is killed and the test fails naming the command and showing the end of its output.
 * No wait here is unbounded. Tests that use it are tagged {@value #TAG} ({@code bin/test --fast}
 * leaves them out); {@code TestInfrastructureTest} checks both rules.
 * <pre>
 *   ExternalProcess.Result r = ExternalProcess.command("aws", "ecr", "describe-repositories")
 *           .env(server.awsCliEnv()).timeout(Duration.ofSeconds(60)).run();
 * </pre>
 */
public final class ExternalProcess {
    /** The JUnit tag of tests that run external programs. */
    public static final String TAG = "e2e";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** How long the output may stay open after the program exits (a child it left running may hold it). */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(10);
    /** Output kept per stream; the rest is read and dropped, so a chatty child never fills memory or its pipe. */
    private static final int MAX_KEPT = 32 << 20;
    private static final int TAIL = 4000;
    private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

    private final List<String> command;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> hidden = new ArrayList<>();
    private Path directory;
    private byte[] stdin = new byte[0];
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean mergeErrors;

    private ExternalProcess(List<String> command) {
        if (command.isEmpty()) throw new IllegalArgumentException("no command");
        this.command = List.copyOf(command);
    }

    public static ExternalProcess command(String... command) {
        return new ExternalProcess(List.of(command));
    }

    public static ExternalProcess command(List<String> command) {
        return new ExternalProcess(command);
    }

    /** Adds (or replaces) variables of the environment the program inherits from this JVM. */
    public ExternalProcess env(Map<String, String> vars) {
        env.putAll(vars);
        return this;
    }

    public ExternalProcess directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Bytes written to the program's stdin (then closed); by default stdin is closed at once. */
    public ExternalProcess stdin(byte[] input) {
        this.stdin = input.clone();
        return this;
    }

    public ExternalProcess timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** stderr goes into stdout, interleaved as the program wrote them ({@link Result#err()} is then empty). */
    public ExternalProcess mergeErrors() {
        this.mergeErrors = true;
        return this;
    }

    /** Never shows {@code secret} in a command line or an output tail that a failure prints. */
    public ExternalProcess hide(String secret) {
        if (secret != null && !secret.isEmpty()) hidden.add(secret);
        return this;
    }

    /** What the program did: its command line (secrets hidden), exit status, and output. */
    public record Result(String command, int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        /** This result if the program exited 0; else an assertion error with the command and what it said. */
        public Result expectOk() {
            if (!ok()) throw new AssertionError(command + " exited " + exit + "\n" + tail(out) + tail(err));
            return this;
        }
    }

    /**
     * Runs the program to its end or its timeout. A timeout, or output still open long after the
     * program exited, kills every process of its tree and throws an {@link AssertionError}.
     */
    public Result run() {
        try (Started p = start()) {
            return p.finish(timeout);
        }
    }

    /**
     * Starts the program and returns at once, for one that runs until stopped (a server): wait for
     * what it prints with {@link Started#awaitOutput}, end it with {@link Started#stop}. Closing the
     * handle kills its process tree if it still runs.
     */
    public Started start() {
        String shown = redact(String.join(" ", command));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(mergeErrors);
        pb.environment().putAll(env);
        if (directory != null) pb.directory(directory.toFile());
        try {
            return new Started(pb.start(), shown);
        } catch (IOException e) {
            throw new AssertionError("cannot start " + shown + ": " + e.getMessage(), e);
        }
    }

    /** A program that runs; every wait on it is bounded. */
    public final class Started implements AutoCloseable {
        private final Process p;
        private final String shown;
        private final Drain out;
        private final Drain err;
        private final Thread feeder;

        private Started(Process p, String shown) {
            this.p = p;
            this.shown = shown;
            this.out = new Drain(p.getInputStream(), "stdout of " + command.get(0));
            this.err = new Drain(p.getErrorStream(), "stderr of " + command.get(0));
            byte[] input = stdin;
            this.feeder = Thread.ofVirtual().name("stdin of " + command.get(0)).start(() -> feed(p.getOutputStream(), input));
        }

        public long pid() {
            return p.pid();
        }

        /** What the program wrote so far on stdout (and stderr, when merged). */
        public String out() {
            return out.text();
        }

        public String err() {
            return err.text();
        }

        /** Waits until stdout or stderr contains {@code text}; fails if the program exits first or {@code limit} passes. */
        public void awaitOutput(String text, Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!out.text().contains(text) && !err.text().contains(text)) {
                if (!p.isAlive()) {
                    throw new AssertionError(shown + " exited " + p.exitValue() + " before printing '" + text + "':\n" + tails());
                }
                if (System.nanoTime() - deadline > 0) {
                    destroyTree(p);
                    throw new AssertionError(shown + " did not print '" + text + "' within " + seconds(limit)
                            + ", its process tree was killed; the end of its output:\n" + tails());
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }

        /** Asks the program to stop (SIGTERM) and waits for its end, at most {@code limit}. */
        public Result stop(Duration limit) {
            p.destroy();
            return finish(limit);
        }

        /** Waits for the program's end, at most {@code limit}, and for its output to close. */
        public Result finish(Duration limit) {
            try {
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    destroyTree(p);
                    throw new AssertionError(shown + " timed out after " + seconds(limit) + ", its process tree was killed; "
                            + "the end of its output:\n" + tails());
                }
                long graceEnd = System.nanoTime() + OUTPUT_GRACE.toNanos();
                if (!out.await(graceEnd) || !err.await(graceEnd)) {
                    destroyTree(p);
                    throw new AssertionError(shown + " exited " + p.exitValue() + " but its output stayed open " + seconds(OUTPUT_GRACE)
                            + " longer (a process it started still runs); the end of its output:\n" + tails());
                }
                return new Result(shown, p.exitValue(), out.text(), err.text());
            } catch (InterruptedException e) {
                destroyTree(p);
                Thread.currentThread().interrupt();
                throw new AssertionError(shown + " was interrupted", e);
            }
        }

        private String tails() {
            return redact(tail(out.text()) + tail(err.text()));
        }

        @Override
        public void close() {
            feeder.interrupt();
            if (p.isAlive()) destroyTree(p);
        }
    }

    /**
     * Kills the process and all its descendants (children first, taken while the parent still lives,
     * so none is orphaned out of reach), and waits a bounded time for them to be gone.
     */
    static void destroyTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>();
        for (int round = 0; round < 3 && p.isAlive(); round++) {
            List<ProcessHandle> kids = p.descendants().toList();
            kids.forEach(ProcessHandle::destroyForcibly);
            tree.addAll(kids);
        }
        p.destroyForcibly();
        tree.add(p.toHandle());
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // a process that survives SIGKILL for 5 s is the kernel's business; the test fails anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void feed(OutputStream in, byte[] bytes) {
        try (in) {
            in.write(bytes);
        } catch (IOException e) {
            // the program closed its stdin or exited: what it did not read it did not want
        }
    }

    private String redact(String text) {
        for (String s : hidden) text = text.replace(s, "***");
        return text;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String tail(String s) {
        if (s.isEmpty()) return "";
        String t = s.length() <= TAIL ? s : "..." + s.substring(s.length() - TAIL);
        return t.endsWith("\n") ? t : t + "\n";
    }

    /** Reads one output stream to its end on its own thread. */
    private static final class Drain {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Drain(InputStream in, String name) {
            Thread.ofPlatform().daemon().name(name).start(() -> {
                byte[] buf = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        synchronized (kept) {
                            if (kept.size() < MAX_KEPT) kept.write(buf, 0, Math.min(n, MAX_KEPT - kept.size()));
                        }
                    }
                } catch (IOException e) {
                    // the stream was closed under us (the process was killed): keep what came
                } finally {
                    done.complete(null);
                }
            });
        }

        boolean await(long deadlineNanos) throws InterruptedException {
            try {
                done.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new UncheckedIOException(new IOException(e.getCause()));
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
