package dev.wharf.console;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's files as the server serves them at /console/: every module the page imports is
 * there, with strict security headers, compressed when the browser accepts it, and nothing loads
 * from another origin.
 */
class ConsoleAssetsTest {
    static TestServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern IMPORT = Pattern.compile("(?:from|import\\()\\s*'(\\.{1,2}/[^']+)'");
    static final Pattern SRC = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> send(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void thePageForbidsInlineScriptFramingAndOtherOrigins() {
        HttpResponse<byte[]> r = send("GET", "/console/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        String html = text(r);
        assertThat(html).contains("<meta name=\"wharf-region\" content=\"us-east-1\">");
        // every script is a file of this origin; no inline script or style to allow
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find()).isFalse();
        assertThat(html).doesNotContain("<style", " style=", " onclick=", "javascript:");
    }

    @Test
    void everyFileThePageLoadsIsServedAndNothingComesFromAnotherOrigin() {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        Matcher m = SRC.matcher(text(send("GET", "/console/")));
        while (m.find()) todo.add("/console/" + m.group(1));
        while (!todo.isEmpty()) {
            String path = URI.create(todo.pop()).normalize().getPath();
            if (!seen.add(path)) continue;
            HttpResponse<byte[]> r = send("GET", path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
            String body = text(r);
            assertThat(body).as(path + " names no other origin").doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg)");
            if (path.endsWith(".js")) {
                assertThat(r.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
                Matcher imports = IMPORT.matcher(body);
                String dir = path.substring(0, path.lastIndexOf('/') + 1);
                while (imports.find()) todo.add(dir + imports.group(1));
            }
        }
        assertThat(seen).contains("/console/js/app.js", "/console/js/sigv4.js", "/console/js/sha256.js", "/console/style.css",
                "/console/js/views/image.js");
    }

    @Test
    void aBrowserThatAcceptsGzipGetsTheSameBytesCompressedAndRevalidatesWithTheEtag() throws IOException {
        HttpResponse<byte[]> plain = send("GET", "/console/js/api.js");
        HttpResponse<byte[]> gz = send("GET", "/console/js/api.js", "Accept-Encoding", "gzip, deflate");
        assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gz.body().length).isLessThan(plain.body().length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        String etag = gz.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        HttpResponse<byte[]> again = send("GET", "/console/js/api.js", "Accept-Encoding", "gzip", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "GET, /console, 308",
            "GET, /console/nothing-here.js, 404",
            "GET, /console/js/, 404",
            "POST, /console/, 405",
            "DELETE, /console/js/app.js, 405",
    })
    void whatIsNotAConsoleFileIsRefusedWithTheSameHeaders(String method, String path, int status) {
        HttpResponse<byte[]> r = send(method, path);
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        if (status == 308) assertThat(r.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void aPathOutOfTheConsoleFolderServesNoFile() {
        for (String path : new String[]{"/console/../pom.xml", "/console/%2e%2e/pom.xml", "/console/..%2fdev/wharf/cli/Main.class"}) {
            HttpResponse<byte[]> r = send("GET", path);
            assertThat(r.statusCode()).as(path).isNotEqualTo(200);
        }
    }
}
