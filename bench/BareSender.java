import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The ceiling of a blob GET on this machine, for bench/run: an HTTP server that does nothing with
 * a request but answer it with one file, the way the fastest plain sender measured here sends it
 * (docs/performance.md, "The plain copy in 1 MiB writes"): a 1 MiB read from the page cache into a
 * direct buffer, then a blocking write of it to the socket, one connection at a time, on one
 * platform thread. No framework, no selector, no hand-off between threads, no authorization, no
 * database. Whatever a registry adds to a GET, it cannot send faster or with less CPU than this
 * (bar sendfile, which loses to this copy on these machines: the same section).
 * <pre>
 *   java bench/BareSender.java FILE PORT
 * </pre>
 * Answers every request, whatever its method and path, with 200 and the file, then closes the
 * connection; prints "listening" once the port is bound.
 */
public class BareSender {
    private static final int CHUNK = 1 << 20;
    private static final int MAX_HEAD = 64 << 10;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java bench/BareSender.java FILE PORT");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", port));
            System.out.println("listening");
            System.out.flush();
            while (true) {
                try (SocketChannel client = server.accept()) {
                    head.clear();
                    if (!readHead(client, head)) continue;
                    send(client, file, buf);
                } catch (IOException e) {
                    System.err.println("bare sender: " + e.getMessage()); // a client gone early; serve the next
                }
            }
        }
    }

    /** Reads until the end of the request's head (an empty line); false if the client closed first. */
    private static boolean readHead(SocketChannel client, ByteBuffer head) throws IOException {
        while (head.hasRemaining()) {
            if (client.read(head) < 0) return false;
            int n = head.position();
            for (int i = 3; i < n; i++) {
                if (head.get(i - 3) == '\r' && head.get(i - 2) == '\n' && head.get(i - 1) == '\r' && head.get(i) == '\n') return true;
            }
        }
        throw new IOException("request head larger than " + MAX_HEAD + " bytes");
    }

    private static void send(SocketChannel client, Path file, ByteBuffer buf) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            String status = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size
                    + "\r\nConnection: close\r\n\r\n";
            writeAll(client, ByteBuffer.wrap(status.getBytes(StandardCharsets.US_ASCII)));
            long pos = 0;
            while (pos < size) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n < 0) throw new IOException(file + " ended " + (size - pos) + " bytes early");
                pos += n;
                buf.flip();
                writeAll(client, buf);
            }
        }
    }

    private static void writeAll(SocketChannel client, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) client.write(b);
    }
}
