package dev.wharf.server;

import dev.wharf.http.Exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * The web console's static files under {@code /console/}, read once from the class path
 * ({@code console/}) and served from memory with strict security headers. The console is a
 * client of the public APIs only: nothing here answers data, and the one value filled in at
 * start-up is the region the console signs its ECR calls for (a page cannot learn it otherwise
 * without first signing a call for it).
 */
public final class ConsoleAssets {
    /** The path prefix, with its trailing slash. */
    public static final String PREFIX = "/console/";
    /** Every file, named here because a jar's class path cannot be listed portably; ConsoleAssetsTest checks that every import is among them. */
    private static final List<String> FILES = List.of("index.html", "style.css", "favicon.svg",
            "js/app.js", "js/api.js", "js/sigv4.js", "js/sha256.js", "js/dom.js", "js/format.js", "js/charts.js",
            "js/views/repositories.js", "js/views/repository.js", "js/views/image.js", "js/views/permissions.js",
            "js/views/lifecycle.js", "js/views/iam.js", "js/views/insights.js");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");
    /** No inline script or style, nothing from another origin, calls only to this origin, never framed. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** A file, and its gzip form when that is smaller (null otherwise): the whole console is then about 32 KB on the wire. */
    private record Asset(byte[] body, byte[] gzip, String type, String etag) {}

    private final Map<String, Asset> assets = new TreeMap<>();

    /** @param region the region the console signs ECR calls for (this Wharf's configured region) */
    public ConsoleAssets(String region) {
        for (String name : FILES) {
            byte[] body = read(name);
            if (name.equals("index.html")) {
                body = new String(body, StandardCharsets.UTF_8).replace("{{region}}", attribute(region)).getBytes(StandardCharsets.UTF_8);
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            byte[] gzip = gzip(body);
            assets.put(name, new Asset(body, gzip.length < body.length ? gzip : null, TYPES.get(ext), etag(body)));
        }
    }

    /** True for {@code /console} and everything under {@code /console/}. */
    public static boolean claims(String path) {
        return path.equals("/console") || path.startsWith(PREFIX);
    }

    public void handle(Exchange ex) {
        String path = ex.rawPath();
        securityHeaders(ex);
        if (path.equals("/console")) {
            ex.header("Location", PREFIX);
            ex.send(308, "text/plain; charset=utf-8", "Moved to /console/\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!"GET".equals(ex.method()) && !"HEAD".equals(ex.method())) {
            ex.header("Allow", "GET, HEAD");
            ex.send(405, "text/plain; charset=utf-8", "Method not allowed\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = path.substring(PREFIX.length());
        Asset asset = assets.get(name.isEmpty() ? "index.html" : name);
        if (asset == null) {
            ex.send(404, "text/plain; charset=utf-8", "Not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String accept = ex.header("Accept-Encoding");
        boolean gzip = asset.gzip() != null && accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip");
        String etag = "\"" + asset.etag() + (gzip ? "-gz" : "") + "\"";
        ex.header("ETag", etag);
        ex.header("Vary", "Accept-Encoding");
        // Revalidated on every load (a 304 costs one round trip), so an upgrade is seen at once.
        ex.header("Cache-Control", "no-cache");
        String ifNoneMatch = ex.header("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            ex.send(304, null, new byte[0]);
            return;
        }
        if (gzip) ex.header("Content-Encoding", "gzip");
        ex.send(200, asset.type(), gzip ? asset.gzip() : asset.body());
    }

    private static void securityHeaders(Exchange ex) {
        ex.header("Content-Security-Policy", CSP);
        ex.header("X-Content-Type-Options", "nosniff");
        ex.header("X-Frame-Options", "DENY");
        ex.header("Referrer-Policy", "no-referrer");
        ex.header("Cross-Origin-Opener-Policy", "same-origin");
        ex.header("Cross-Origin-Resource-Policy", "same-origin");
        ex.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        if (ex.secure()) ex.header("Strict-Transport-Security", "max-age=31536000");
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
            if (in == null) throw new IllegalStateException("console asset missing from the class path: " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The region is configuration, but it lands in an HTML attribute: keep only what a region name holds. */
    private static String attribute(String region) {
        return region.replaceAll("[^A-Za-z0-9-]", "");
    }
}
