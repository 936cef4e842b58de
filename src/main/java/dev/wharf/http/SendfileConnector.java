package dev.wharf.http;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server connector whose connections let {@link Exchange#sendFile} send blob bytes with
 * {@code sendfile(2)} (see {@link SendfileEndPoint}). Connections it wraps in TLS, or that speak
 * another protocol than HTTP/1.x, send files through buffers as before.
 */
public final class SendfileConnector extends ServerConnector {
    private final LongAdder transferred = new LongAdder();

    public SendfileConnector(Server server, ConnectionFactory... factories) {
        super(server, factories);
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        SendfileEndPoint endPoint = new SendfileEndPoint(channel, selector, key, getScheduler(), transferred);
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }

    /** Bytes sent from files straight to sockets since start. */
    public long transferredBytes() {
        return transferred.sum();
    }
}
