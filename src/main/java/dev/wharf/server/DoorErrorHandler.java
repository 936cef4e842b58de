package dev.wharf.server;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.http.Exchange;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Pattern;

/**
 * Jetty's server-wide error handler: it answers what the HTTP layer refuses before any door sees
 * the request (headers too large, an ambiguous path, a bad {@code Content-Length}, an unparsable
 * message). The refusal is rendered by the door the request was aimed at, through the router's
 * one door picker and the doors' own renderers — never Jetty's HTML page, never an empty body.
 */
final class DoorErrorHandler implements Request.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(DoorErrorHandler.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("wharf.access");
    /** Jetty's reason phrases ("Ambiguous URI empty segment", "Duplicate Content-Length") are safe to echo; anything else is dropped. */
    private static final Pattern SAFE_REASON = Pattern.compile("[A-Za-z0-9 ,.:'_-]{1,100}");

    private final WharfServer.Router router;

    DoorErrorHandler(WharfServer.Router router) {
        this.router = router;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer s ? s : 500;
        String reason = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String m ? m : null;
        String requestId = WharfServer.Router.requestId();
        WharfException error = errorFor(status, reason, requestId);
        if (error.code() == ErrorCode.SERVER) {
            LOG.error("request {} failed in the HTTP layer with {}", requestId, status,
                    request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof Throwable t ? t : null);
        }
        DoorHints hints = DoorHints.of(request);
        String path = hints != null && hints.path() != null ? hints.path() : request.getHttpURI().getPath();
        Request seen = request;
        if (hints != null && request.getHeaders().size() == 0) {
            HttpFields headers = hints.headers();
            seen = new Request.Wrapper(request) {
                @Override
                public HttpFields getHeaders() {
                    return headers;
                }
            };
        }
        Exchange ex = Exchange.forError(seen, response, callback);
        try {
            response.getHeaders().clear();
            ex.header("x-amzn-RequestId", requestId);
            router.renderError(ex, path, error);
        } catch (RuntimeException e) {
            callback.failed(e);
        }
        ACCESS.info("{} {} {} refused by the HTTP layer {}", request.getMethod(), path, response.getStatus(), requestId);
        return true;
    }

    /** The error table's code for an HTTP-layer refusal: a client's mistake is a 4xx of its door, only a fault is a 5xx. */
    static WharfException errorFor(int status, String reason, String requestId) {
        return switch (status) {
            case 431 -> new WharfException(ErrorCode.HEADERS_TOO_LARGE,
                    "The request line and headers exceed " + WharfServer.REQUEST_HEADER_BYTES + " bytes");
            case 414 -> new WharfException(ErrorCode.URI_TOO_LONG, "The request URI is too long");
            case 413 -> new WharfException(ErrorCode.TOO_LARGE, "The request body is too large");
            default -> status >= 400 && status < 500 || status == 505
                    ? new WharfException(ErrorCode.SERIALIZATION, "The HTTP request is malformed"
                            + (reason != null && SAFE_REASON.matcher(reason).matches() ? ": " + reason : ""))
                    : new WharfException(ErrorCode.SERVER, "Internal error; request id " + requestId);
        };
    }
}
