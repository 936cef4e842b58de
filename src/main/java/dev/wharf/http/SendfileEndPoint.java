package dev.wharf.http;

import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * A plain-socket endpoint that can send a region of a file with {@code sendfile(2)}
 * ({@link FileChannel#transferTo}): the bytes go from the page cache to the socket without
 * passing through user space.
 *
 * <p>Jetty's HTTP/1.1 response path only writes {@link ByteBuffer}s and counts their bytes
 * against {@code Content-Length}. A region therefore travels through it as a <em>stand-in</em>:
 * a read-only mapping of exactly the region's bytes, whose {@code remaining()} is the region's
 * length. When that very buffer reaches {@link #flush} it is sent with {@code transferTo} and only
 * its position advances; the mapping is never read, so its pages never enter this process's
 * memory. Anything else that might see the stand-in (an encryption layer, a compressing wrapper)
 * reads the mapping and so still sends the file's true bytes, only without the zero-copy.
 *
 * <p>One HTTP/1.1 connection writes one response at a time: at most one region is armed.
 */
final class SendfileEndPoint extends SocketChannelEndPoint {
    private record Region(ByteBuffer standIn, FileChannel file, long filePosition) {}

    private final LongAdder transferred;
    private volatile Region region;

    SendfileEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler, LongAdder transferred) {
        super(channel, selector, key, scheduler);
        this.transferred = transferred;
    }

    /** From now on, {@code standIn} written to this endpoint means the file's bytes from {@code filePosition}. */
    void arm(ByteBuffer standIn, FileChannel file, long filePosition) {
        region = new Region(standIn, file, filePosition);
    }

    /** Called once the write of the stand-in has completed or failed. */
    void disarm() {
        region = null;
    }

    @Override
    public boolean flush(ByteBuffer... buffers) throws IOException {
        Region r = region;
        if (r == null) return super.flush(buffers);
        int from = 0;
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != r.standIn()) continue;
            // what precedes the region (the response's headers) goes first, in order
            if (i > from && !super.flush(Arrays.copyOfRange(buffers, from, i))) return false;
            if (!transfer(r)) return false;
            from = i + 1;
        }
        if (from == 0) return super.flush(buffers);
        return from == buffers.length || super.flush(Arrays.copyOfRange(buffers, from, buffers.length));
    }

    /** Sends what is left of the region; false when the socket's buffer is full (Jetty then waits until it is writable). */
    private boolean transfer(Region r) throws IOException {
        ByteBuffer standIn = r.standIn();
        while (standIn.hasRemaining()) {
            long at = r.filePosition() + standIn.position();
            long n;
            try {
                n = r.file().transferTo(at, standIn.remaining(), getChannel());
            } catch (IOException e) {
                throw new EofException(e);
            }
            if (n == 0) {
                // nothing sent: either the socket is full, or the file is shorter than promised (it never
                // shrinks, blobs are immutable; but a busy loop on a truncated file must be impossible)
                if (at >= r.file().size()) throw new EofException("the file ended " + standIn.remaining() + " bytes early");
                return false;
            }
            standIn.position(standIn.position() + (int) n);
            transferred.add(n);
            notIdle();
        }
        return true;
    }
}
