package dev.wharf.server;

import dev.wharf.audit.AuditTrail;
import dev.wharf.audit.CallRecord;
import dev.wharf.ecr.EcrApi;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.http.Exchange;
import dev.wharf.oci.OciApi;
import dev.wharf.oci.OciErrors;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP server: Jetty 12 with handlers on virtual threads, the routing table of both doors,
 * and one access-log line per request.
 */
public final class WharfServer implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("wharf.access");
    private static final Logger LOG = LoggerFactory.getLogger(WharfServer.class);

    /** An extra API on {@code POST /} (the AWS Query APIs): claims requests it accepts. */
    public interface AwsApi {
        boolean accepts(Exchange ex);

        void handle(Exchange ex);

        void writeFault(Exchange ex, WharfException e);
    }

    private static final int INPUT_BUFFER = 64 << 10;
    /** Pooled direct buffers up to 1 MiB (blob sends use 256 KiB), with at most 32 MiB kept idle. */
    private static final int POOL_MAX_CAPACITY = 1 << 20;
    private static final long POOL_MAX_DIRECT = 32L << 20;
    private static final long POOL_MAX_HEAP = 16L << 20;

    private final Server jetty;
    private final ServerConnector connector;

    public WharfServer(String host, int port, int maxThreads, String publicUrl, OciApi oci, EcrApi ecr, List<AwsApi> others,
                       AuditTrail audit) {
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, maxThreads));
        pool.setName("wharf-http");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        jetty = new Server(pool, null, bufferPool());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(16 * 1024);
        // Blob bodies arrive in reads of this size: the default 8 KiB costs a wake-up of the
        // handler's virtual thread per 8 KiB of a layer push (docs/performance.md).
        http.setInputBufferSize(INPUT_BUFFER);
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(120_000);
        connector.setAcceptQueueSize(1024);
        jetty.addConnector(connector);
        jetty.setHandler(new Router(publicUrl, oci, ecr, others, audit));
        jetty.setStopTimeout(5_000);
    }

    private static ByteBufferPool bufferPool() {
        return new ArrayByteBufferPool.Quadratic(0, POOL_MAX_CAPACITY, Integer.MAX_VALUE, POOL_MAX_HEAP, POOL_MAX_DIRECT);
    }

    public void start() throws Exception {
        jetty.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    private static final class Router extends Handler.Abstract {
        private final String publicUrl;
        private final OciApi oci;
        private final EcrApi ecr;
        private final List<AwsApi> others;
        private final AuditTrail audit;

        Router(String publicUrl, OciApi oci, EcrApi ecr, List<AwsApi> others, AuditTrail audit) {
            super(InvocationType.BLOCKING);
            this.publicUrl = publicUrl;
            this.oci = oci;
            this.ecr = ecr;
            this.others = others;
            this.audit = audit;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String requestId = requestId();
            Exchange ex = new Exchange(request, response);
            ex.header("x-amzn-RequestId", requestId);
            String path = ex.rawPath();
            // One audit record per call: the doors and the authorization point fill it in, the finally block stores it.
            CallRecord call = audit.begin(requestId, ex.method(), path, ex.header("X-Amz-Target"), ex.sourceIp(), ex.userAgent());
            try {
                if (path.equals("/v2") || path.startsWith("/v2/")) {
                    oci.handle(ex);
                } else if (EcrApi.isLayerDownload(path)) {
                    ecr.downloadLayer(ex);
                } else if (path.equals("/healthz")) {
                    ex.send(200, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/") && "POST".equals(ex.method()) && EcrApi.accepts(ex)) {
                    ecr.handle(ex);
                } else if (path.equals("/") && "POST".equals(ex.method()) && acceptedBy(ex) != null) {
                    acceptedBy(ex).handle(ex);
                } else if (path.equals("/") && "POST".equals(ex.method())) {
                    EcrApi.writeError(ex, new WharfException(ErrorCode.UNKNOWN_OPERATION,
                            "No API here answers this request: send X-Amz-Target for ECR, or Action= for IAM and STS"));
                } else {
                    ex.send(404, "text/plain", ("Not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
                }
                callback.succeeded();
            } catch (Throwable t) {
                LOG.error("request {} failed: {} {}", requestId, ex.method(), path, t);
                if (response.isCommitted()) {
                    callback.failed(t); // the status is sent: only aborting tells the client the body is incomplete
                } else {
                    fault(ex, path, requestId);
                    callback.succeeded();
                }
            } finally {
                audit.end(call, response.getStatus());
                Object principal = request.getAttribute(Exchange.PRINCIPAL_ATTRIBUTE);
                ACCESS.info("{} {} {} {}B {}ms {} {}", ex.method(), path, response.getStatus(), ex.bytesSent(),
                        (System.nanoTime() - start) / 1_000_000, principal == null ? "-" : principal, requestId);
            }
            return true;
        }

        /**
         * A random version-4 UUID for the request log and {@code x-amzn-RequestId}. It needs to be
         * unique, not unpredictable: ThreadLocalRandom avoids the lock that SecureRandom takes on
         * every request.
         */
        private static String requestId() {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
            long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo).toString();
        }

        private AwsApi acceptedBy(Exchange ex) {
            for (AwsApi api : others) if (api.accepts(ex)) return api;
            return null;
        }

        /** A server fault: logged with the request id (never request secrets), answered in the door's error format. */
        private void fault(Exchange ex, String path, String requestId) {
            WharfException e = new WharfException(ErrorCode.SERVER, "Internal error; request id " + requestId);
            try {
                ex.response().reset();
                ex.header("x-amzn-RequestId", requestId);
                if (path.startsWith("/v2")) {
                    OciErrors.write(ex, e, publicUrl);
                } else if (acceptedBy(ex) != null) {
                    acceptedBy(ex).writeFault(ex, e);
                } else {
                    EcrApi.writeError(ex, e);
                }
            } catch (RuntimeException ignored) {
                // the connection is gone; nothing more to tell the client
            }
        }
    }
}
