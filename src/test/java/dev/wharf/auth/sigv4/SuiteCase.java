package dev.wharf.auth.sigv4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** One case of the AWS SigV4 test suite, read from {@code src/test/resources/sigv4-suite/<name>/}. */
record SuiteCase(String name, SignedRequest request, String authorization) {

    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String DATE = "20150830T123600Z";

    static Stream<SuiteCase> all() {
        try {
            Path root = Path.of(SuiteCase.class.getResource("/sigv4-suite").toURI());
            try (Stream<Path> dirs = Files.list(root)) {
                return dirs.filter(Files::isDirectory).map(SuiteCase::load).sorted(
                        java.util.Comparator.comparing(SuiteCase::name)).toList().stream();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SuiteCase named(String name) {
        return all().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
    }

    /** The published request with the suite's Authorization header added. */
    SignedRequest signed() {
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.headers());
        headers.add(Map.entry("Authorization", authorization));
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }

    @Override
    public String toString() {
        return name;
    }

    private static SuiteCase load(Path dir) {
        String name = dir.getFileName().toString();
        try {
            String req = Files.readString(dir.resolve(name + ".req"), StandardCharsets.UTF_8);
            String authz = Files.readString(dir.resolve(name + ".authz"), StandardCharsets.UTF_8).strip();
            return new SuiteCase(name, parseRequest(req), authz);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code METHOD SP target SP HTTP/1.1}, header lines {@code Name:value}, blank line, body. The target may hold spaces. */
    static SignedRequest parseRequest(String req) {
        int blank = req.indexOf("\n\n");
        String head = blank < 0 ? req : req.substring(0, blank);
        byte[] body = blank < 0 ? new byte[0] : req.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
        String[] lines = head.split("\n");
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/1.1"));
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1)));
        }
        return new SignedRequest(method, path, query, headers, body);
    }
}
