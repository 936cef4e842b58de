package dev.wharf.server;

import dev.wharf.config.WharfConfig;
import dev.wharf.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PEM files are re-read on change: a valid new pair replaces the served one, a broken one is refused and the old kept. */
class TlsReloaderTest {
    private final TestCertificates certs = new TestCertificates();
    private Path dir;
    private Path cert;
    private Path key;

    @BeforeEach
    void files() throws Exception {
        dir = Files.createTempDirectory("wharf-tls");
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
    }

    @AfterEach
    void clean() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private TlsConnector.Reloader reloader() {
        return new TlsConnector.Reloader(new WharfConfig.Tls(cert, key, Duration.ofHours(1), List.of()));
    }

    private static BigInteger served(TlsConnector.Reloader r) throws Exception {
        KeyStore ks = r.factory.getKeyStore();
        return ((X509Certificate) ks.getCertificate(PemKeyStore.ALIAS)).getSerialNumber();
    }

    @Test
    void unchangedFilesAreNotReloaded() throws Exception {
        TestCertificates.Issued first = certs.issue("RSA", cert, key);
        TlsConnector.Reloader r = reloader();
        assertThat(r.check()).isFalse();
        assertThat(served(r)).isEqualTo(first.serial());
    }

    @Test
    void aRenewedPairReplacesTheServedCertificate() throws Exception {
        certs.issue("RSA", cert, key);
        TlsConnector.Reloader r = reloader();
        TestCertificates.Issued renewed = certs.issue("EC", cert, key);
        assertThat(r.check()).isTrue();
        assertThat(served(r)).isEqualTo(renewed.serial());
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefusedAndTheCurrentPairKept() throws Exception {
        TestCertificates.Issued first = certs.issue("RSA", cert, key);
        TlsConnector.Reloader r = reloader();
        Path otherCert = dir.resolve("other-cert.pem");
        certs.issue("RSA", otherCert, dir.resolve("other-key.pem"));
        Files.copy(otherCert, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(r.check()).isFalse();
        assertThat(served(r)).isEqualTo(first.serial());
    }

    @Test
    void aHalfWrittenKeyIsRefusedAndTheCurrentPairKept() throws Exception {
        TestCertificates.Issued first = certs.issue("EC", cert, key);
        TlsConnector.Reloader r = reloader();
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nMIGH\n");
        assertThat(r.check()).isFalse();
        assertThat(served(r)).isEqualTo(first.serial());
    }

    @Test
    void aStartWithAMismatchedPairFailsWithAnOperatorsMessage() throws Exception {
        certs.issue("RSA", cert, key);
        Path otherKey = dir.resolve("other-key.pem");
        certs.issue("RSA", dir.resolve("other-cert.pem"), otherKey);
        Files.copy(otherKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(this::reloader).hasMessageContaining("does not belong to the first certificate");
    }
}
