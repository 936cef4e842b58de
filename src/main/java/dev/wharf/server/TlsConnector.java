package dev.wharf.server;

import dev.wharf.http.SendfileConnector;

import dev.wharf.config.ConfigException;
import dev.wharf.config.WharfConfig;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The public listener's connector: plain HTTP, or TLS 1.2/1.3 with HTTP/2 for clients that offer
 * it by ALPN (HTTP/1.1 otherwise), from PEM files that are re-read when their content changes
 * (checked every {@code tls.reloadInterval}; a broken new pair is logged and the old one kept).
 * Requests from configured proxies carrying {@code X-Forwarded-Proto: https} count as secure.
 */
final class TlsConnector {
    private static final Logger LOG = LoggerFactory.getLogger(TlsConnector.class);

    private static final int H2_STREAM_WINDOW = 8 << 20;

    private TlsConnector() {}

    static ServerConnector create(Server jetty, HttpConfiguration http, WharfConfig.Tls tls, boolean sendfile) {
        if (!tls.trustedProxies().isEmpty()) http.addCustomizer(new TrustedProxies(tls.trustedProxies()));
        // HTTP/1.1 connections note what they parse, so that the door a refused request was aimed at answers it (DoorHints).
        // Plain HTTP/1.1 blob GETs are sent with sendfile(2) unless server.sendfile is off (docs/performance.md);
        // TLS keeps the buffered path.
        if (!tls.enabled()) {
            return sendfile ? new SendfileConnector(jetty, new DoorHints.ConnectionFactory(http))
                    : new ServerConnector(jetty, new DoorHints.ConnectionFactory(http));
        }

        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients verify the certificate against the name they dialled; Jetty's own SNI host check
        // would refuse an IP-address client of a certificate that names that address only in its SAN.
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);

        Reloader reloader = new Reloader(tls);
        SslContextFactory.Server ssl = reloader.factory;
        HttpConnectionFactory h1 = new DoorHints.ConnectionFactory(http);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        // Layer pushes are single large streams: Jetty's default windows (512 KiB per stream) made an
        // HTTP/2 upload take about twice as long as the same upload over HTTP/1.1 on loopback.
        h2.setInitialStreamRecvWindow(H2_STREAM_WINDOW);
        h2.setInitialSessionRecvWindow(2 * H2_STREAM_WINDOW);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(h1.getProtocol());
        ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2, h1);
        jetty.addBean(reloader);
        return connector;
    }

    /** Holds the SSL context factory and swaps its key store when the PEM files change. */
    static final class Reloader extends AbstractLifeCycle {
        private final WharfConfig.Tls tls;
        final SslContextFactory.Server factory = new SslContextFactory.Server();
        private byte[] fingerprint;
        /** The content last refused, so that a broken pair is reported once, not at every check. */
        private byte[] refused;
        private ScheduledExecutorService watcher;

        Reloader(WharfConfig.Tls tls) {
            this.tls = tls;
            factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            factory.setCipherComparator(HTTP2Cipher.COMPARATOR);
            factory.setUseCipherSuitesOrder(true);
            factory.setSniRequired(false);
            byte[][] files = readAtStart();
            try {
                factory.setKeyStore(PemKeyStore.load(files[0], files[1]));
            } catch (PemKeyStore.InvalidPemException e) {
                throw new ConfigException("TLS: " + e.getMessage() + " (" + tls.certFile() + ", " + tls.keyFile() + ")");
            }
            factory.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
            fingerprint = fingerprint(files);
        }

        @Override
        protected void doStart() {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wharf-tls-reload");
                t.setDaemon(true);
                return t;
            });
            long every = tls.reloadInterval().toMillis();
            watcher.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        }

        @Override
        protected void doStop() {
            watcher.shutdownNow();
        }

        /** Re-reads the files; swaps the key store when their content changed and the new pair is valid. */
        synchronized boolean check() {
            try {
                byte[][] files = read();
                byte[] now = fingerprint(files);
                if (MessageDigest.isEqual(now, fingerprint) || (refused != null && MessageDigest.isEqual(now, refused))) return false;
                KeyStore ks;
                try {
                    ks = PemKeyStore.load(files[0], files[1]);
                } catch (PemKeyStore.InvalidPemException e) {
                    refused = now;
                    throw e;
                }
                factory.reload(f -> f.setKeyStore(ks));
                fingerprint = now;
                LOG.info("TLS certificate reloaded from {}", tls.certFile());
                return true;
            } catch (PemKeyStore.InvalidPemException | UncheckedIOException e) {
                // Typically a renewal caught between writing the certificate and the key: the next check retries.
                LOG.warn("TLS files changed but cannot be used yet, keeping the current certificate: {}", e.getMessage());
                return false;
            } catch (Exception e) {
                LOG.warn("reloading the TLS certificate failed, keeping the current one: {}", e.toString());
                return false;
            }
        }

        private byte[][] read() {
            try {
                return new byte[][]{Files.readAllBytes(tls.certFile()), Files.readAllBytes(tls.keyFile())};
            } catch (IOException e) {
                throw new UncheckedIOException("TLS: cannot read " + e.getMessage(), e);
            }
        }

        /** The files at start: unreadable ones are a configuration error. */
        private byte[][] readAtStart() {
            try {
                return read();
            } catch (UncheckedIOException e) {
                throw new ConfigException(e.getMessage());
            }
        }

        private static byte[] fingerprint(byte[][] files) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                for (byte[] f : files) {
                    md.update(f);
                    md.update((byte) 0);
                }
                return md.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
