package dev.wharf.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One HTTP request and its response, in blocking style (handlers run on virtual threads). The
 * API handlers of both doors use it; it knows nothing of registries or errors.
 */
public final class Exchange {
    /** Request attribute naming the authenticated principal's ARN, for the request log. */
    public static final String PRINCIPAL_ATTRIBUTE = "wharf.principal";
    /** Request attribute naming the door that claimed the request when the path alone does not tell (iam, sts). */
    public static final String DOOR_ATTRIBUTE = "wharf.door";
    /** Request attribute naming the operation (an ECR, IAM or STS action), for metrics and the request log. */
    public static final String OPERATION_ATTRIBUTE = "wharf.operation";
    /**
     * The buffers of copied file transfers, process-wide. A loopback client received 1 MiB writes
     * ~1.5× faster than 256 KiB ones, for less of the server's CPU (performance.md, "The plain copy
     * in 1 MiB writes").
     */
    static final CopyBuffers COPY_BUFFERS = new CopyBuffers(CopyBuffers.LARGE_BUFFERS);
    /** Smaller files are cheaper to copy once than to map and hand to sendfile. */
    private static final long SENDFILE_MIN = 256 << 10;
    /** A mapping (the sendfile stand-in) covers at most this much of a file. */
    private static final long SENDFILE_REGION = 1L << 30;

    private final Request request;
    private final Response response;
    /** Completes the response instead of a blocking write: set when rendering for Jetty's error handler. */
    private Callback completion;
    private Fields query;
    /** Whether a large copied file transfer announces its next bytes to the kernel ({@link ReadAhead}; server.readAhead). */
    private final boolean readAhead;

    public Exchange(Request request, Response response) {
        this(request, response, false);
    }

    /** @param readAhead whether {@link #sendFile} announces a large copied region to the kernel ahead of the copy */
    public Exchange(Request request, Response response, boolean readAhead) {
        this.request = request;
        this.response = response;
        this.readAhead = readAhead;
    }

    /**
     * An exchange whose one {@link #send} completes {@code completion} rather than blocking: Jetty
     * calls its error handler on threads that must not block (a request refused while parsing).
     */
    public static Exchange forError(Request request, Response response, Callback completion) {
        Exchange ex = new Exchange(request, response);
        ex.completion = completion;
        return ex;
    }

    public Request request() { return request; }

    public Response response() { return response; }

    public String method() { return request.getMethod(); }

    /** The path as sent (still percent-encoded). */
    public String rawPath() { return request.getHttpURI().getPath(); }

    public String rawQuery() { return request.getHttpURI().getQuery(); }

    public String header(String name) { return request.getHeaders().get(name); }

    /** Every header occurrence, names as received. */
    public List<Map.Entry<String, String>> headers() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (HttpField f : request.getHeaders()) out.add(Map.entry(f.getName(), f.getValue()));
        return out;
    }

    /**
     * A query parameter, percent-decoded as UTF-8.
     *
     * @throws WharfException MALFORMED_QUERY_STRING when any escape of the query string is not
     *     {@code %} and two hex digits, or the bytes are not UTF-8: the client's error, never a fault
     */
    public String query(String name) {
        if (query == null) {
            try {
                query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                // Jetty reports a bad escape as an IllegalArgumentException, bytes that are not UTF-8 as an HttpException
                if (!(e instanceof IllegalArgumentException || e instanceof HttpException)) throw e;
                throw new WharfException(ErrorCode.MALFORMED_QUERY_STRING,
                        "The query string is malformed: every % must start an escape of two hex digits, and the bytes must be UTF-8");
            }
        }
        return query.getValue(name);
    }

    /** The declared body length, or null when the body is chunked or absent. */
    public Long contentLength() {
        long n = request.getLength();
        return n < 0 ? null : n;
    }

    public InputStream body() { return Content.Source.asInputStream(request); }

    /** Reads the whole body, refusing more than {@code max} bytes. */
    public byte[] readBody(long max, Runnable onTooLarge) {
        Long len = contentLength();
        if (len != null && len > max) {
            onTooLarge.run();
        }
        try (InputStream in = body()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) onTooLarge.run();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String sourceIp() { return Request.getRemoteAddr(request); }

    public String userAgent() { return header("User-Agent"); }

    public boolean secure() { return request.isSecure(); }

    public void principal(String arn) { request.setAttribute(PRINCIPAL_ATTRIBUTE, arn); }

    /** Names the door and the operation of this request; {@code operation} must be one the door knows (a bounded set). */
    public void operation(String door, String operation) {
        request.setAttribute(DOOR_ATTRIBUTE, door);
        if (operation != null) request.setAttribute(OPERATION_ATTRIBUTE, operation);
    }


    public void status(int status) { response.setStatus(status); }

    public void header(String name, String value) { response.getHeaders().put(name, value); }

    /** A header already set on the response, or null. */
    public String responseHeader(String name) { return response.getHeaders().get(name); }

    public void header(String name, long value) { response.getHeaders().put(name, value); }

    /** Sends a complete response. For HEAD the body is not sent but Content-Length is kept. */
    public void send(int status, String contentType, byte[] body) {
        response.setStatus(status);
        closeIfBodyUnread(status);
        if (contentType != null) response.getHeaders().put("Content-Type", contentType);
        response.getHeaders().put("Content-Length", body.length);
        if (!"HEAD".equals(method())) {
            write(ByteBuffer.wrap(body), true);
        } else if (completion != null) {
            write(ByteBuffer.allocate(0), true);
        }
    }

    public void sendEmpty(int status) {
        response.setStatus(status);
        closeIfBodyUnread(status);
        if (!response.getHeaders().contains("Content-Length")) response.getHeaders().put("Content-Length", 0);
    }

    /**
     * Sends {@code length} bytes of a file from {@code offset}. On a plain HTTP/1.x connection of a
     * {@link SendfileConnector} the bytes go from the page cache to the socket with sendfile(2) and
     * never through user space. Otherwise (by default, and over TLS, HTTP/2, for small files) they
     * go from the page cache into pooled direct buffers ({@link CopyBuffers}: two 1 MiB ones while
     * the budget lasts) and from there to the socket: never through the Java heap, and
     * never read through a mapping (mapped pages of every blob read would count in the process's
     * RSS until a GC unmapped them — gigabytes after a few large pulls).
     */
    public void sendFile(Path file, long offset, long length) {
        SendfileEndPoint endPoint = length >= SENDFILE_MIN ? sendfileEndPoint() : null;
        if (endPoint != null) {
            transferFile(endPoint, file, offset, length);
            return;
        }
        if (length == 0) {
            write(ByteBuffer.allocate(0), true);
            return;
        }
        CopyBuffers.Lease lease = COPY_BUFFERS.lease(request.getComponents().getByteBufferPool(), length);
        if (completion != null || lease.size() == 1) {
            copyFile(lease, file, offset, length);
        } else {
            copyFileAhead(lease, file, offset, length);
        }
    }

    /** The kernel's advice for a copied region: announced ahead with server.readAhead on, none otherwise. */
    private ReadAhead readAhead(Path file, long offset, long length) {
        return readAhead ? ReadAhead.open(file, offset, length) : ReadAhead.none();
    }

    /** Sends the region through the lease's first buffer, a blocking write at a time. */
    private void copyFile(CopyBuffers.Lease lease, Path file, long offset, long length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             ReadAhead ahead = readAhead(file, offset, length)) {
            ByteBuffer buf = lease.get(0).getByteBuffer();
            long pos = offset;
            long end = offset + length;
            while (pos < end) {
                ahead.reached(pos);
                pos = fill(ch, buf, pos, end);
                write(buf, pos >= end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (int k = 0; k < lease.size(); k++) lease.release(k);
        }
    }

    /**
     * Sends a region larger than one buffer through the lease's two: while one is being written
     * to the socket, the next part of the file is read into the other. The read (a copy from the
     * page cache, or the disk and a new cache page's first touch for a blob pushed around the
     * cache) then overlaps the send instead of following it; with server.readAhead on, a large
     * region is announced to the kernel ahead of both ({@link ReadAhead}). A buffer is given back
     * to the pool only once Jetty is done with it: a write still in flight when this ends early
     * (the file ended early, the thread was interrupted) leaves its buffer to the collector.
     */
    private void copyFileAhead(CopyBuffers.Lease lease, Path file, long offset, long length) {
        WorkerCallback inFlight = null;
        int inFlightChunk = -1;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             ReadAhead ahead = readAhead(file, offset, length)) {
            long end = offset + length;
            int at = 0;
            ahead.reached(offset);
            long pos = fill(ch, lease.get(at).getByteBuffer(), offset, end);
            while (true) {
                boolean last = pos >= end;
                inFlight = new WorkerCallback();
                inFlightChunk = at;
                response.write(last, lease.get(at).getByteBuffer(), inFlight);
                if (!last) {
                    at ^= 1;
                    ahead.reached(pos);
                    pos = fill(ch, lease.get(at).getByteBuffer(), pos, end);
                }
                inFlight.get();
                inFlight = null;
                if (last) return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            inFlight = null; // failed: Jetty holds the buffer no longer
            throw new UncheckedIOException(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while sending a file"));
        } finally {
            for (int k = 0; k < lease.size(); k++) {
                if (inFlight == null || inFlight.isDone() || k != inFlightChunk) lease.release(k);
                else lease.abandon(k);
            }
        }
    }

    /** Fills {@code buf} from the file at {@code pos}, at most up to {@code end}; returns the position after it, the buffer flipped. */
    private static long fill(FileChannel ch, ByteBuffer buf, long pos, long end) throws IOException {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), end - pos));
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) throw new IOException("the file ended " + (end - pos - buf.position()) + " bytes early");
        }
        buf.flip();
        return pos + buf.remaining();
    }

    /** The connection's endpoint when it can send files with sendfile: plain HTTP/1.x on a {@link SendfileConnector}. */
    private SendfileEndPoint sendfileEndPoint() {
        if (completion != null || request.isSecure()) return null;
        ConnectionMetaData meta = request.getConnectionMetaData();
        HttpVersion version = meta.getHttpVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) return null;
        return meta.getConnection().getEndPoint() instanceof SendfileEndPoint ep ? ep : null;
    }

    /**
     * Sends the file's bytes from the page cache to the socket with sendfile(2), in regions of at
     * most 1 GiB, each passed through Jetty as its stand-in (see {@link SendfileEndPoint}). The
     * write's callback is a blocking one, so that when the socket becomes writable again Jetty
     * resumes the transfer on a worker thread, never on its selector thread, which a read of
     * pages not in the page cache would otherwise stall for every connection.
     *
     * <p>A large region not all in the page cache goes in steps of {@link ColdReads#STEP}, each read
     * into the cache by this thread while the step before it is being sent ({@link ColdReads}).
     */
    private void transferFile(SendfileEndPoint endPoint, Path file, long offset, long length) {
        boolean readingAhead = false;
        RetainableByteBuffer scratch = null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = offset;
            long end = offset + length;
            while (pos < end) {
                int n = (int) Math.min(SENDFILE_REGION, end - pos);
                MappedByteBuffer mapping = ch.map(FileChannel.MapMode.READ_ONLY, pos, n);
                if (pos == offset && length >= ColdReads.MIN_LENGTH && ColdReads.cold(mapping)) {
                    readingAhead = ColdReads.enter();
                    if (readingAhead) {
                        scratch = request.getComponents().getByteBufferPool().acquire(ColdReads.SCRATCH, true);
                        ColdReads.pageIn(ch, scratch.getByteBuffer(), pos, Math.min(ColdReads.STEP, n)); // later steps: read ahead below
                    }
                }
                int step = scratch != null ? ColdReads.STEP : n;
                for (int at = 0; at < n; at += step) {
                    int m = Math.min(step, n - at);
                    ByteBuffer standIn = step == n ? mapping : mapping.slice(at, m);
                    boolean last = pos + at + m >= end;
                    endPoint.arm(standIn, ch, pos + at);
                    try {
                        WorkerCallback cb = new WorkerCallback();
                        response.write(last, standIn, cb);
                        if (scratch != null && !last) ColdReads.pageIn(ch, scratch.getByteBuffer(), pos + at + m, Math.min(step, end - pos - at - m));
                        cb.get();
                    } finally {
                        endPoint.disarm();
                    }
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while sending a file"));
        } finally {
            if (scratch != null) scratch.release();
            if (readingAhead) ColdReads.leave();
        }
    }

    /** A write's completion that Jetty must not run on its selector thread. */
    private static final class WorkerCallback extends CompletableFuture<Void> implements Callback {
        @Override
        public void succeeded() {
            complete(null);
        }

        @Override
        public void failed(Throwable x) {
            completeExceptionally(x);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.BLOCKING;
        }
    }

    /**
     * An error may be answered before the request body was read (a chunk out of order, a bad
     * digest). The connection can then not carry another request, and the client must hear so
     * before it reuses it: otherwise its next request on that connection finds it closed.
     */
    private void closeIfBodyUnread(int status) {
        if (status >= 400 && !request.consumeAvailable()) {
            response.getHeaders().put("Connection", "close");
        }
    }

    /** Sends {@code length} bytes from a stream. */
    public void sendStream(InputStream in, long length) {
        byte[] buf = new byte[(int) Math.min(1 << 16, Math.max(1, length))];
        long left = length;
        try (in) {
            if (length == 0) {
                write(ByteBuffer.allocate(0), true);
                return;
            }
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new IOException("the blob ended " + left + " bytes early");
                left -= n;
                write(ByteBuffer.wrap(buf, 0, n), left == 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(ByteBuffer buf, boolean last) {
        if (completion != null) {
            Callback done = completion;
            completion = null;
            response.write(last, buf, done);
            return;
        }
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(last, buf, cb);
            cb.block();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
