package dev.wharf.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as an {@link InputStream} whose every read waits at most {@code idle} for
 * the next bytes: {@code java.net.http} bounds the wait for a response's headers but not for its
 * body, and an upstream that stalls mid-blob must not hold a pull (and its upload session) forever.
 * It asks the connection for one chunk at a time, so at most one chunk is buffered.
 */
final class IdleTimeoutBody implements HttpResponse.BodySubscriber<InputStream> {
    /** Queued after the last chunk. */
    private static final Object END = new Object();

    private final Duration idle;
    private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    private IdleTimeoutBody(Duration idle) {
        this.idle = idle;
    }

    /** A body handler whose bodies stop waiting after {@code idle} without bytes. */
    static HttpResponse.BodyHandler<InputStream> handler(Duration idle) {
        return info -> new IdleTimeoutBody(idle);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        body.complete(new Stream());
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        chunks.add(item);
    }

    @Override
    public void onError(Throwable t) {
        chunks.add(t);
    }

    @Override
    public void onComplete() {
        chunks.add(END);
    }

    private final class Stream extends InputStream {
        private List<ByteBuffer> current = List.of();
        private int index;
        private boolean ended;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) throw new IOException("closed");
            if (len == 0) return 0;
            while (true) {
                while (index < current.size() && !current.get(index).hasRemaining()) index++;
                if (index < current.size()) {
                    ByteBuffer buf = current.get(index);
                    int n = Math.min(len, buf.remaining());
                    buf.get(b, off, n);
                    return n;
                }
                if (ended) return -1;
                next();
            }
        }

        @SuppressWarnings("unchecked")
        private void next() throws IOException {
            Object item;
            try {
                item = chunks.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IOException("interrupted while reading from the upstream");
            }
            if (item == null) {
                close();
                throw new IOException("the upstream sent nothing for " + idle.toSeconds() + " s");
            }
            if (item instanceof Throwable t) throw new IOException(t.getMessage(), t);
            if (item == END) {
                ended = true;
                return;
            }
            current = (List<ByteBuffer>) item;
            index = 0;
            subscription.request(1);
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            if (!ended) subscription.cancel();
        }
    }
}
