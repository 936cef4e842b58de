import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Executors;

/**
 * The floor under a push's server CPU, for bench/push-floor: an HTTP server that does nothing with
 * a request body but what any registry must. It is Jetty 12 set up as dev.wharf.server.WharfServer
 * sets it up (a virtual thread per request, the same buffer pool, 64 KiB input buffers), with one
 * handler that reads every body through Content.Source.asInputStream, as Wharf's blob upload does,
 * and answers 201 with the body's SHA-256.
 * <pre>
 *   java -cp 'target/lib/*' bench/PushFloor.java hash PORT        reads and hashes
 *   java -cp 'target/lib/*' bench/PushFloor.java store PORT DIR   also writes each body to a new file
 *                                                                   in DIR, deleted once answered
 * </pre>
 * store writes as FileSystemBlobStore does a large body: 1 MiB at a time, copied into an aligned
 * direct buffer and written with O_DIRECT (through the page cache where the filesystem refuses it),
 * and one fdatasync at the end. Nothing else: no authorization, no database, no audit record.
 */
public class PushFloor {
    private static final int WRITE = 1 << 20;
    private static final int ALIGN = 4096;

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[0].equals("hash") || args[0].equals("store") && args.length == 3)) {
            System.err.println("usage: PushFloor hash PORT | PushFloor store PORT DIR");
            System.exit(2);
        }
        // as dev.wharf.cli.Main does: else Jetty builds the platform MBean server to size its queues' padding
        if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
            System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
        }
        boolean store = args[0].equals("store");
        Path dir = store ? Path.of(args[2]) : null;
        QueuedThreadPool pool = new QueuedThreadPool(200);
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(pool, null, new ArrayByteBufferPool.Quadratic(0, 1 << 20, Integer.MAX_VALUE, 16L << 20, 32L << 20));
        HttpConfiguration http = new HttpConfiguration();
        http.setInputBufferSize(64 << 10);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[1]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Content.Source.asInputStream(request)) {
                    if (store) {
                        storeBody(in, sha, dir);
                    } else {
                        byte[] buf = new byte[128 << 10];
                        for (int n; (n = in.read(buf)) >= 0; ) sha.update(buf, 0, n);
                    }
                }
                response.setStatus(201);
                Content.Sink.write(response, true, HexFormat.of().formatHex(sha.digest()), callback);
                return true;
            }

            @Override
            public InvocationType getInvocationType() {
                return InvocationType.BLOCKING;
            }
        });
        server.start();
        System.out.println("listening on " + connector.getLocalPort());
        server.join();
    }

    private static void storeBody(InputStream in, MessageDigest sha, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "body", ".tmp");
        byte[] buf = new byte[WRITE];
        ByteBuffer aligned = ByteBuffer.allocateDirect(WRITE + ALIGN).alignedSlice(ALIGN);
        try (FileChannel cached = FileChannel.open(file, StandardOpenOption.WRITE);
             FileChannel direct = openDirect(file)) {
            long pos = 0;
            while (true) {
                int n = 0;
                for (int r; n < WRITE && (r = in.read(buf, n, WRITE - n)) >= 0; n += r) sha.update(buf, n, r);
                if (n == 0) break;
                int whole = direct == null ? 0 : n / ALIGN * ALIGN;
                if (whole > 0) {
                    aligned.clear();
                    aligned.put(buf, 0, whole).flip();
                    while (aligned.hasRemaining()) direct.write(aligned, pos + aligned.position());
                }
                ByteBuffer rest = ByteBuffer.wrap(buf, whole, n - whole);
                while (rest.hasRemaining()) cached.write(rest, pos + rest.position());
                pos += n;
                if (n < WRITE) break;
            }
            cached.force(false);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The file opened for O_DIRECT writes, or null where the filesystem refuses them. */
    private static FileChannel openDirect(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
