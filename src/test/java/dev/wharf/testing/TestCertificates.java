package dev.wharf.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test certificate authority and the server certificates it signs (for 127.0.0.1 and
 * localhost), written as the PEM files an operator gives Wharf: the chain (leaf, then the CA) and
 * the key ({@code RSA PRIVATE KEY} for RSA, {@code PRIVATE KEY} for EC).
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;

    public TestCertificates() {
        try {
            caKeys = keys("EC");
            X500Name name = new X500Name("CN=Wharf Test CA");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name, caKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate and key as written to disk. */
    public record Issued(X509Certificate certificate, Path certFile, Path keyFile) {
        public BigInteger serial() {
            return certificate.getSerialNumber();
        }
    }

    /** Issues a new server certificate ({@code algorithm} RSA or EC) and (over)writes the two PEM files. */
    public Issued issue(String algorithm, Path certFile, Path keyFile) {
        try {
            KeyPair keys = keys(algorithm);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                    new X500Name("CN=localhost"), keys.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
            Files.writeString(certFile, pem(cert) + pem(ca));
            // RSA in OpenSSL's traditional PKCS#1 form, EC in PKCS#8 (certbot's and OpenSSL 3's default):
            // both forms Wharf must read.
            Files.writeString(keyFile, algorithm.equals("RSA") ? pem(keys) : pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
            return new Issued(cert, certFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA certificate as PEM (for {@code --ca-bundle}, or {@code ca.crt} in a skopeo {@code --cert-dir}). */
    public String caPem() {
        return pem(ca);
    }

    /** A TLS context that trusts this CA only. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * RSA key generation is slow (under {@code bin/test --fast}'s C1-only JIT it was a fifth of the
     * quick tests' CPU, and still a tenth with two keys made in each test JVM), so there are two RSA
     * keys in all: made once and kept in {@code target/test-rsa-keys} for every test JVM and every
     * later run ({@code mvn clean} drops them), and certificates take them in turn. Two certificates
     * issued one after the other never share a key, which is what the tests of a mismatched or
     * renewed pair rely on. EC keys are cheap and always new.
     */
    private static final KeyPair[] RSA_KEYS = new KeyPair[2];
    private static int nextRsa;

    private static KeyPair keys(String algorithm) throws Exception {
        if (algorithm.equals("RSA")) {
            synchronized (RSA_KEYS) {
                int i = nextRsa++ % RSA_KEYS.length;
                if (RSA_KEYS[i] == null) RSA_KEYS[i] = keptRsaKey(i);
                return RSA_KEYS[i];
            }
        }
        return generate(algorithm);
    }

    /** The RSA key kept in file {@code i}, made and written (atomically) if it is not there yet. */
    private static KeyPair keptRsaKey(int i) throws Exception {
        Path dir = Path.of(TestCertificates.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("test-rsa-keys");
        Path file = dir.resolve("rsa-" + i + ".pk8");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (Files.isRegularFile(file)) {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        }
        KeyPair made = generate("RSA");
        Files.createDirectories(dir);
        // Another test JVM may be making the same file: each writes its own and the last rename wins,
        // so a reader never sees half a key.
        Path partial = Files.createTempFile(dir, "rsa-" + i + "-", ".partial");
        Files.write(partial, made.getPrivate().getEncoded());
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return made;
    }

    private static KeyPair generate(String algorithm) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        g.initialize(algorithm.equals("RSA") ? 2048 : 256);
        return g.generateKeyPair();
    }

    private static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
