package dev.wharf.server;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * A TLS identity from PEM files: the certificate file holds the server certificate first and
 * then, optionally, its chain; the key file holds its unencrypted private key in any of the forms
 * OpenSSL, certbot and cloud consoles write (PKCS#8 {@code PRIVATE KEY}, PKCS#1
 * {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}). The JDK reads the certificates; Bouncy
 * Castle's PEM parser reads the key (the JDK has no PEM key reader before its preview API).
 */
final class PemKeyStore {
    static final String ALIAS = "wharf";
    /** The in-memory key store's password: it protects nothing (the store never leaves the process). */
    static final char[] PASSWORD = "wharf".toCharArray();

    private PemKeyStore() {}

    /** Thrown with a message an operator can act on; never the key's bytes. */
    static final class InvalidPemException extends Exception {
        InvalidPemException(String message) {
            super(message);
        }
    }

    static KeyStore load(byte[] certPem, byte[] keyPem) throws InvalidPemException {
        X509Certificate[] chain = certificates(certPem);
        PrivateKey key = privateKey(keyPem);
        requireMatch(chain[0], key);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, PASSWORD, chain);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidPemException("cannot build the key store: " + e.getMessage());
        }
    }

    private static X509Certificate[] certificates(byte[] pem) throws InvalidPemException {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certs.isEmpty()) throw new InvalidPemException("the certificate file holds no certificate");
            return certs.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException e) {
            throw new InvalidPemException("the certificate file is not PEM X.509: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(byte[] pem) throws InvalidPemException {
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                // SEC1 keys may omit their public half (OpenSSL's -noout forms do): only the private part is read.
                if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
                if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new InvalidPemException("the key file holds an encrypted key: give Wharf the unencrypted key (mode 0600)");
                }
            }
            throw new InvalidPemException("the key file holds no private key");
        } catch (IOException | RuntimeException e) {
            throw new InvalidPemException("the key file is not a PEM private key");
        }
    }

    /** Signs a few bytes with the key and verifies them with the certificate: a mismatched pair fails here, not at the first handshake. */
    private static void requireMatch(X509Certificate cert, PrivateKey key) throws InvalidPemException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) throw new InvalidPemException("unsupported key algorithm " + key.getAlgorithm());
        try {
            byte[] probe = "wharf-tls-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) throw new InvalidPemException("the private key does not belong to the first certificate of the certificate file");
        } catch (GeneralSecurityException e) {
            throw new InvalidPemException("the private key does not belong to the first certificate of the certificate file");
        }
    }
}
