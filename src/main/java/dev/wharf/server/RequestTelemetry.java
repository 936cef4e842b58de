package dev.wharf.server;

import dev.wharf.ecr.EcrApi;
import dev.wharf.http.Exchange;
import dev.wharf.metrics.WharfMetrics;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * What every request leaves behind once it is answered: one access-log line (request id,
 * principal, door, operation, status, bytes, milliseconds; as key-value pairs too, which the JSON
 * log format writes as fields) and the request meters. It wraps the router, counting the body
 * bytes read and written as they pass.
 */
final class RequestTelemetry extends Handler.Wrapper {
    private static final Logger ACCESS = LoggerFactory.getLogger("wharf.access");
    private static final Logger LOG = LoggerFactory.getLogger(RequestTelemetry.class);
    private static final String TARGET_PREFIX = EcrApi.TARGET_PREFIX;

    private final WharfMetrics metrics;

    RequestTelemetry(Handler router, WharfMetrics metrics) {
        super(router);
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        CountingRequest in = new CountingRequest(request);
        CountingResponse out = new CountingResponse(in, response);
        Callback done = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                recordSafely(in, out, start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                recordSafely(in, out, start);
                super.failed(x);
            }
        };
        return super.handle(in, out, done);
    }

    /** Telemetry must never keep a response from completing. */
    private void recordSafely(CountingRequest in, CountingResponse out, long start) {
        try {
            record(in, out, start);
        } catch (RuntimeException e) {
            LOG.warn("recording a request failed: {}", e.toString());
        }
    }

    private void record(CountingRequest in, CountingResponse out, long start) {
        long nanos = System.nanoTime() - start;
        String path = in.getHttpURI().getPath();
        String door = door(in, path);
        Object op = in.getAttribute(Exchange.OPERATION_ATTRIBUTE);
        String operation = op != null ? op.toString() : door.equals("oci") ? ociOperation(in.getMethod(), path)
                : EcrApi.isLayerDownload(path) ? "LayerDownload" : "unknown";
        int status = out.getStatus();
        metrics.request(door, operation, status, nanos, in.received, out.sent);
        if (ACCESS.isInfoEnabled()) {
            Object principal = in.getAttribute(Exchange.PRINCIPAL_ATTRIBUTE);
            String who = principal == null ? "-" : principal.toString();
            String requestId = out.getHeaders().get("x-amzn-RequestId");
            long ms = nanos / 1_000_000;
            ACCESS.atInfo()
                    .addKeyValue("requestId", requestId)
                    .addKeyValue("method", in.getMethod())
                    .addKeyValue("path", path)
                    .addKeyValue("door", door)
                    .addKeyValue("operation", operation)
                    .addKeyValue("status", status)
                    .addKeyValue("bytesIn", in.received)
                    .addKeyValue("bytesOut", out.sent)
                    .addKeyValue("ms", ms)
                    .addKeyValue("principal", who)
                    .log("{} {} {} {}B {}ms {} {} {}", in.getMethod(), path, status, out.sent, ms, who, operation, requestId);
        }
    }

    /** Which door a request came through; the Query APIs name themselves (iam, sts) as they claim a request. */
    static String door(Request request, String path) {
        if (path.equals("/v2") || path.startsWith("/v2/")) return "oci";
        if (EcrApi.isLayerDownload(path)) return "ecr";
        Object named = request.getAttribute(Exchange.DOOR_ATTRIBUTE);
        if (named != null) return named.toString();
        String target = request.getHeaders().get("X-Amz-Target");
        if (target != null && target.startsWith(TARGET_PREFIX)) return "ecr";
        return "other";
    }

    /**
     * The ECR action a {@code /v2/} request is authorized as (ARCHITECTURE.md, "Rules that keep the
     * two doors one"), read from its method and path shape alone.
     */
    static String ociOperation(String method, String path) {
        if (path.equals("/v2") || path.equals("/v2/")) return "CheckApiVersion";
        if (path.equals("/v2/_catalog")) return "DescribeRepositories";
        if (path.endsWith("/tags/list")) return "ListImages";
        // As the router's patterns match, the last segments decide (a repository may be named "x/blobs").
        int last = path.lastIndexOf('/');
        String leaf = path.substring(last + 1);
        String parent = segmentBefore(path, last);
        boolean upload = parent.equals("uploads") && segmentBefore(path, path.lastIndexOf('/', last - 1)).equals("blobs")
                || parent.equals("blobs") && leaf.equals("uploads");
        if (upload) {
            return switch (method) {
                case "POST" -> "InitiateLayerUpload";
                case "PUT" -> "CompleteLayerUpload";
                default -> "UploadLayerPart";
            };
        }
        return switch (parent) {
            case "blobs" -> switch (method) {
                case "HEAD" -> "BatchCheckLayerAvailability";
                case "DELETE" -> "BatchDeleteImage";
                default -> "GetDownloadUrlForLayer";
            };
            case "manifests" -> switch (method) {
                case "PUT" -> "PutImage";
                case "DELETE" -> "BatchDeleteImage";
                default -> "BatchGetImage";
            };
            case "referrers" -> "BatchGetImage";
            default -> "unknown";
        };
    }

    /** The path segment that ends just before index {@code slash} (a '/'), or "" at the start. */
    private static String segmentBefore(String path, int slash) {
        if (slash <= 0) return "";
        return path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
    }

    /** Counts the body bytes the handlers read. */
    private static final class CountingRequest extends Request.Wrapper {
        long received;

        CountingRequest(Request wrapped) {
            super(wrapped);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null) received += chunk.remaining();
            return chunk;
        }
    }

    /** Counts the body bytes written. */
    private static final class CountingResponse extends Response.Wrapper {
        long sent;

        CountingResponse(Request request, Response wrapped) {
            super(request, wrapped);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (content != null) sent += content.remaining();
            super.write(last, content, callback);
        }
    }
}
