package dev.wharf.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The token service of the Docker token flow, for a {@link Distribution} with {@code auth: token}: at
 * {@code GET /token?service=...&scope=repository:<name>:<actions>} it checks HTTP Basic
 * {@link Distribution#USER} and answers a JWT (RS256, its self-signed certificate in {@code x5c})
 * granting what the scope asks, valid five minutes. Requests without the right credentials are 401.
 * It counts the tokens it issued.
 */
public final class TokenIssuer implements AutoCloseable {
    public static final String ISSUER = "wharf-test-issuer";
    public static final String SERVICE = "upstream";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpServer http;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final AtomicLong issued = new AtomicLong();

    public TokenIssuer() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            keys = g.generateKeyPair();
            X500Name name = new X500Name("CN=" + ISSUER);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name, keys.getPublic());
            certificate = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        http.createContext("/token", this::token);
        http.start();
    }

    /** Where Distribution sends clients: {@code http://127.0.0.1:<port>/token}. */
    public String realm() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/token";
    }

    /** The certificate that signs the tokens, as PEM (Distribution's {@code rootcertbundle}). */
    public String certificatePem() {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** How many tokens it has issued. */
    public long issued() {
        return issued.get();
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (Distribution.USER + ":" + Distribution.PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            ArrayNode access = JSON.createArrayNode();
            String query = ex.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (!pair.startsWith("scope=")) continue;
                String[] scope = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8).split(":");
                if (scope.length != 3) continue;
                ObjectNode a = access.addObject().put("type", scope[0]).put("name", scope[1]);
                ArrayNode actions = a.putArray("actions");
                for (String action : scope[2].split(",")) actions.add(action);
            }
            long now = Instant.now().getEpochSecond();
            ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
            header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", Distribution.USER).put("aud", SERVICE)
                    .put("exp", now + 300).put("nbf", now - 10).put("iat", now).put("jti", UUID.randomUUID().toString());
            claims.set("access", access);
            String signingInput = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String jwt = signingInput + "." + B64URL.encodeToString(s.sign());
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("token", jwt).put("expires_in", 300));
            issued.incrementAndGet();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
