package dev.wharf.server;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * What the HTTP parser saw of a request before the HTTP layer refused it: the request target and
 * the two headers that say which door it was aimed at ({@code Content-Type}, {@code X-Amz-Target}).
 * Jetty hands its error handler a request without headers, and without a path when the target
 * itself was refused; these hints let {@link DoorErrorHandler} still answer in the right protocol.
 * No credential is recorded.
 */
final class DoorHints {
    private static final String ATTRIBUTE = DoorHints.class.getName();
    private static final int MAX_VALUE = 256;

    private volatile String target;
    private final HttpFields.Mutable headers = HttpFields.build();

    /** The hints of the request being refused, or null when the connection recorded none. */
    static DoorHints of(Request request) {
        return request.getConnectionMetaData().getAttribute(ATTRIBUTE) instanceof DoorHints h ? h : null;
    }

    /** The path of the request line as sent (origin-form or absolute-form), or null when none was read. */
    String path() {
        String t = target;
        if (t == null) return null;
        int scheme = t.indexOf("://");
        if (!t.startsWith("/") && scheme > 0) {
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    HttpFields headers() {
        synchronized (this) {
            return headers.asImmutable();
        }
    }

    /** HTTP/1.1 connections that record door hints as their parser reads each request. */
    static final class ConnectionFactory extends HttpConnectionFactory {
        ConnectionFactory(HttpConfiguration config) {
            super(config);
        }

        @Override
        public Connection newConnection(Connector connector, EndPoint endPoint) {
            HintingConnection connection = new HintingConnection(getHttpConfiguration(), connector, endPoint);
            connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
            return configure(connection, connector, endPoint);
        }
    }

    private static final class HintingConnection extends HttpConnection {
        HintingConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
            super(config, connector, endPoint);
        }

        // Called from HttpConnection's constructor: the handler may use only the superclass.
        @Override
        protected RequestHandler newRequestHandler() {
            return new Recording();
        }

        private final class Recording extends RequestHandler {
            private DoorHints hints;

            @Override
            public void messageBegin() {
                hints = new DoorHints();
                setAttribute(ATTRIBUTE, hints);
                super.messageBegin();
            }

            @Override
            public void startRequest(String method, String uri, HttpVersion version) {
                if (hints != null) hints.target = uri.length() > 8192 ? null : uri;
                super.startRequest(method, uri, version);
            }

            @Override
            public void parsedHeader(HttpField field) {
                if (hints != null && field.getValue() != null && field.getValue().length() <= MAX_VALUE
                        && (field.getHeader() == HttpHeader.CONTENT_TYPE || "X-Amz-Target".equalsIgnoreCase(field.getName()))) {
                    synchronized (hints) {
                        hints.headers.add(field);
                    }
                }
                super.parsedHeader(field);
            }
        }
    }
}
