package dev.wharf.server;

import dev.wharf.config.WharfConfig;
import dev.wharf.audit.AuditTrail;
import dev.wharf.audit.CallRecord;
import dev.wharf.ecr.EcrApi;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.http.AwsApi;
import dev.wharf.http.Exchange;
import dev.wharf.metrics.WharfMetrics;
import dev.wharf.oci.OciApi;
import dev.wharf.oci.OciErrors;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The HTTP server: Jetty 12 with handlers on virtual threads, the routing table of both doors,
 * and one access-log line per request ({@link RequestTelemetry}).
 */
public final class WharfServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WharfServer.class);

    private static final int INPUT_BUFFER = 64 << 10;
    /** Request line and headers together at most (Jetty answers 431 above it, rendered by the door). */
    static final int REQUEST_HEADER_BYTES = 16 << 10;
    /** Pooled direct buffers up to 1 MiB (copied blob sends use 1 MiB ones, at most 32 out at once: http.CopyBuffers), with at most 32 MiB kept idle. */
    private static final int POOL_MAX_CAPACITY = 1 << 20;
    private static final long POOL_MAX_DIRECT = 32L << 20;
    private static final long POOL_MAX_HEAP = 16L << 20;

    private final Server jetty;
    private final ServerConnector connector;
    private final SlowClientGuard slowClients;

    /**
     * @param console the web console's assets under {@code /console/}
     * @param warning a condition {@code /healthz} reports while still serving (e.g. storage below its floor)
     * @param tls     Wharf's own TLS (or plain HTTP) and the proxies trusted for {@code X-Forwarded-Proto}
     * @param metrics where each request is counted
     * @param audit   where each call is recorded (CloudTrail)
     */
    public WharfServer(WharfConfig.Server config, String publicUrl, OciApi oci, EcrApi ecr, List<AwsApi> others,
                       ConsoleAssets console, Supplier<Optional<String>> warning, WharfConfig.Tls tls, WharfMetrics metrics,
                       AuditTrail audit) {
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, config.maxThreads()));
        pool.setName("wharf-http");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        jetty = new Server(pool, null, bufferPool());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        // Jetty's default URI compliance stays: ambiguous paths (%2e%2e, //, %2F, %5C, %00) are
        // refused before routing, and the error handler below answers them in the door's protocol.
        // Blob bodies arrive in reads of this size: the default 8 KiB costs a wake-up of the
        // handler's virtual thread per 8 KiB of a layer push (docs/performance.md).
        http.setInputBufferSize(INPUT_BUFFER);
        connector = TlsConnector.create(jetty, http, tls, config.sendfile());
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        connector.setAcceptQueueSize(1024);
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
        slowClients = new SlowClientGuard(connector, config.headerTimeout());
        Router router = new Router(publicUrl, oci, ecr, others, console, warning, audit, config.readAhead());
        jetty.setHandler(new RequestTelemetry(router, metrics));
        jetty.setErrorHandler(new DoorErrorHandler(router));
        jetty.setStopTimeout(5_000);
    }

    private static ByteBufferPool bufferPool() {
        return new ArrayByteBufferPool.Quadratic(0, POOL_MAX_CAPACITY, Integer.MAX_VALUE, POOL_MAX_HEAP, POOL_MAX_DIRECT);
    }

    public void start() throws Exception {
        jetty.start();
        slowClients.start();
    }

    /**
     * Serves on {@code bound}, a socket the caller bound already (to port 0, say, so that it knew the
     * port before building what names it); call before {@link #start()}.
     */
    public void open(ServerSocketChannel bound) throws java.io.IOException {
        connector.open(bound);
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
        slowClients.close();
        jetty.stop();
    }

    /** Stops without the grace period that lets idle keep-alive connections close (tests start and stop many servers). */
    public void closeNow() throws Exception {
        slowClients.close();
        jetty.setStopTimeout(0);
        jetty.stop();
    }

    static final class Router extends Handler.Abstract {
        private final String publicUrl;
        private final OciApi oci;
        private final EcrApi ecr;
        private final List<AwsApi> others;
        private final ConsoleAssets console;
        private final Supplier<Optional<String>> warning;
        private final AuditTrail audit;
        /** server.readAhead: whether large copied GETs announce their next bytes to the kernel. */
        private final boolean readAhead;

        Router(String publicUrl, OciApi oci, EcrApi ecr, List<AwsApi> others, ConsoleAssets console,
               Supplier<Optional<String>> warning, AuditTrail audit, boolean readAhead) {
            super(InvocationType.BLOCKING);
            this.console = console;
            this.warning = warning;
            this.publicUrl = publicUrl;
            this.oci = oci;
            this.ecr = ecr;
            this.others = others;
            this.audit = audit;
            this.readAhead = readAhead;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String requestId = requestId();
            Exchange ex = new Exchange(request, response, readAhead);
            ex.header("x-amzn-RequestId", requestId);
            String path = ex.rawPath();
            // One audit record per call: the doors and the authorization point fill it in, the finally block stores it.
            CallRecord call = audit.begin(requestId, ex.method(), path, ex.header("X-Amz-Target"), ex.sourceIp(), ex.userAgent());
            try {
                if (path.equals("/v2") || path.startsWith("/v2/")) {
                    oci.handle(ex);
                } else if (EcrApi.isLayerDownload(path)) {
                    ecr.downloadLayer(ex);
                } else if (ConsoleAssets.claims(path)) {
                    console.handle(ex);
                } else if (path.equals("/healthz")) {
                    // still 200 when storage is low: pulls are served, so a load balancer must keep this node
                    ex.send(200, "text/plain", (warning.get().orElse("ok") + "\n").getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/") && "POST".equals(ex.method()) && EcrApi.accepts(ex)) {
                    ecr.handle(ex);
                } else if (path.equals("/") && "POST".equals(ex.method()) && acceptedBy(ex) != null) {
                    acceptedBy(ex).handle(ex);
                } else if (path.equals("/") && "POST".equals(ex.method()) && unsignedFor(ex) != null) {
                    unsignedFor(ex).handle(ex);
                } else if (path.equals("/") && "POST".equals(ex.method())) {
                    EcrApi.writeError(ex, new WharfException(ErrorCode.UNKNOWN_OPERATION,
                            "No API here answers this request: send X-Amz-Target for ECR, or Action= for IAM and STS"));
                } else {
                    // AWS's JSON endpoints answer a path they do not serve with 404 UnknownOperationException;
                    // the path is not echoed: it is the caller's own text
                    renderError(ex, path, new WharfException(ErrorCode.ENDPOINT_NOT_FOUND, "No operation is served at this path: "
                            + "the ECR, IAM and STS APIs answer POST /, the registry answers under /v2/"));
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
            }
            return true;
        }

        /**
         * A random version-4 UUID for the request log and {@code x-amzn-RequestId}. It needs to be
         * unique, not unpredictable: ThreadLocalRandom avoids the lock that SecureRandom takes on
         * every request.
         */
        static String requestId() {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
            long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo).toString();
        }

        private AwsApi acceptedBy(Exchange ex) {
            for (AwsApi api : others) if (api.accepts(ex)) return api;
            return null;
        }

        private AwsApi unsignedFor(Exchange ex) {
            if (EcrApi.accepts(ex)) return null;
            for (AwsApi api : others) if (api.acceptsUnsigned(ex)) return api;
            return null;
        }

        /** A server fault: logged with the request id (never request secrets), answered in the door's error format. */
        private void fault(Exchange ex, String path, String requestId) {
            WharfException e = new WharfException(ErrorCode.SERVER, "Internal error; request id " + requestId);
            try {
                ex.response().reset();
                ex.header("x-amzn-RequestId", requestId);
                renderError(ex, path, e);
            } catch (RuntimeException ignored) {
                // the connection is gone; nothing more to tell the client
            }
        }

        /**
         * The one place that picks the door a request was aimed at and renders an error in its
         * protocol: OCI error JSON under {@code /v2}, Query XML for a request IAM or STS would
         * claim, awsJson (the ECR door) for everything else. It reads only the path and headers, so
         * it also serves requests the HTTP layer refused before routing.
         */
        void renderError(Exchange ex, String path, WharfException e) {
            if (path != null && (path.equals("/v2") || path.startsWith("/v2/"))) {
                ex.header("Docker-Distribution-API-Version", "registry/2.0");
                OciErrors.write(ex, e, publicUrl);
                return;
            }
            AwsApi query = acceptedBy(ex);
            if (query == null) query = unsignedFor(ex);
            if (query != null) {
                query.writeFault(ex, e);
            } else {
                EcrApi.writeError(ex, e);
            }
        }
    }
}
