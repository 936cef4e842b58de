package dev.wharf.server;

import dev.wharf.testing.Await;
import dev.wharf.testing.TestCertificates;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wharf serving HTTPS itself from PEM files: protocols, HTTP/2, the public URL, and reloading changed files. */
class TlsServingTest {
    private final TestCertificates certs = new TestCertificates();
    private Path dir;
    private TestCertificates.Issued first;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("wharf-tls");
        first = certs.issue("RSA", dir.resolve("cert.pem"), dir.resolve("key.pem"));
        server = TestServer.start(Map.of("WHARF_TLS_CERT_FILE", first.certFile().toString(),
                "WHARF_TLS_KEY_FILE", first.keyFile().toString(), "WHARF_TLS_RELOAD_INTERVAL", "200ms"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String https() {
        return "https://127.0.0.1:" + server.port();
    }

    /** The leaf certificate and the protocol a handshake with only {@code protocol} enabled gets. */
    private X509Certificate[] handshake(String protocol) throws Exception {
        try (SSLSocket s = (SSLSocket) certs.clientContext().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.setEnabledProtocols(new String[]{protocol});
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
            return (X509Certificate[]) s.getSession().getPeerCertificates();
        }
    }

    @Test
    void theRegistryAnswersOverTls13AndTls12WithTheCertificateAndItsChain() throws Exception {
        X509Certificate[] chain = handshake("TLSv1.3");
        assertThat(chain).hasSize(2);
        assertThat(chain[0].getSerialNumber()).isEqualTo(first.serial());
        assertThat(handshake("TLSv1.2")[0].getSerialNumber()).isEqualTo(first.serial());
    }

    @Test
    void tls11IsRefusedByTheServer() throws Exception {
        // The JDK's client refuses TLS 1.1 by default too: enable it here so that only the server can say no.
        SSLContext ctx = SSLContext.getInstance("TLSv1.1");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        ctx.init(null, tmf.getTrustManagers(), null);
        String disabled = java.security.Security.getProperty("jdk.tls.disabledAlgorithms");
        java.security.Security.setProperty("jdk.tls.disabledAlgorithms", disabled.replace("TLSv1.1,", "").replace("TLSv1,", ""));
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.setEnabledProtocols(new String[]{"TLSv1.1"});
            assertThatThrownBy(s::startHandshake).isInstanceOf(SSLHandshakeException.class);
        } finally {
            java.security.Security.setProperty("jdk.tls.disabledAlgorithms", disabled);
        }
    }

    @Test
    void aClientThatOffersHttp2GetsIt() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(certs.clientContext()).version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(https() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"" + https() + "/\",service=\"ecr.amazonaws.com\"");
    }

    @Test
    void theProxyEndpointOfAnAuthorizationTokenIsHttps() {
        try (EcrClient ecr = EcrClient.builder().endpointOverride(URI.create(https())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestServer.ACCESS_KEY, TestServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(() -> trustManagers()).build()).build()) {
            assertThat(ecr.getAuthorizationToken(r -> {}).authorizationData().get(0).proxyEndpoint()).isEqualTo(https());
        }
    }

    private javax.net.ssl.TrustManager[] trustManagers() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certs.caPem().getBytes())));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return tmf.getTrustManagers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNewCertificateWrittenOverTheFilesIsServedWithoutARestart() throws Exception {
        TestCertificates.Issued renewed = certs.issue("EC", dir.resolve("cert.pem"), dir.resolve("key.pem"));
        assertThat(renewed.serial()).isNotEqualTo(first.serial());
        // The reloader is a real background thread (every 200 ms here): a bounded wait for its turn.
        Await.until(Duration.ofSeconds(30), "the renewed certificate is served", () -> servedSerial().equals(renewed.serial()));
        assertThat(servedSerial()).isEqualTo(renewed.serial());
    }

    private BigInteger servedSerial() {
        try {
            return handshake("TLSv1.3")[0].getSerialNumber();
        } catch (Exception e) {
            throw new IllegalStateException("TLS handshake failed", e);
        }
    }
}
