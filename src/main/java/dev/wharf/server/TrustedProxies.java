package dev.wharf.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Behind a TLS-terminating load balancer: a request whose connection comes from one of the
 * configured proxies and carries {@code X-Forwarded-Proto: https} is treated as received over
 * TLS (secure, scheme https, so {@code aws:SecureTransport} holds). From anyone else the header
 * is ignored: a client cannot claim TLS it did not use.
 */
final class TrustedProxies implements HttpConfiguration.Customizer {
    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = prefix / 8;
            for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    /** @param entries addresses ({@code 10.0.0.7}) or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}); literals only, no names */
    TrustedProxies(List<String> entries) {
        this.blocks = entries.stream().map(TrustedProxies::parse).toList();
    }

    static Block parse(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("trusted proxy '" + entry + "' is not an IP address or CIDR block");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("trusted proxy '" + entry + "' is not an IP address or CIDR block");
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("trusted proxy '" + entry + "' has an invalid prefix length");
            }
        }
        return new Block(address, prefix);
    }

    boolean trusts(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) return false;
        byte[] address = inet.getAddress().getAddress();
        for (Block b : blocks) if (b.contains(address)) return true;
        return false;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (request.isSecure()) return request;
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        if (proto == null || !proto.trim().equalsIgnoreCase("https")) return request;
        if (!trusts(request.getConnectionMetaData().getRemoteSocketAddress())) return request;
        HttpURI uri = HttpURI.build(request.getHttpURI()).scheme(HttpScheme.HTTPS).asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public HttpURI getHttpURI() {
                return uri;
            }
        };
    }
}
