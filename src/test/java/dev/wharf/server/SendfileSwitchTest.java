package dev.wharf.server;

import dev.wharf.config.WharfConfig;
import dev.wharf.http.SendfileConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code server.sendfile} picks the plain-HTTP connector: one that sends blobs with sendfile, or Jetty's own. */
class SendfileSwitchTest {
    private static final WharfConfig.Tls NO_TLS = new WharfConfig.Tls(null, null, Duration.ofSeconds(60), List.of());

    @Test
    void onThePlainConnectorSendsFilesOffItIsJettysOwn() {
        Server jetty = new Server();
        ServerConnector on = TlsConnector.create(jetty, new HttpConfiguration(), NO_TLS, true);
        ServerConnector off = TlsConnector.create(jetty, new HttpConfiguration(), NO_TLS, false);

        assertThat(on).isInstanceOf(SendfileConnector.class);
        assertThat(off).isNotInstanceOf(SendfileConnector.class).hasSameClassAs(new ServerConnector(jetty));
    }
}
