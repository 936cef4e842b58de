package dev.wharf.storage;

import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything under the data directory is private to the server's user: directories 0700, files
 * 0600, even when the directory was made loose beforehand and the process umask lets others read.
 */
class DataDirectoryModesTest {
    @TempDir
    Path tmp;

    @Test
    void aLooseDataDirectoryAndEverythingTheServerWritesInItArePrivate() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("blobs/sha256/ab"));
        Files.createDirectories(data.resolve("uploads"));
        Files.writeString(data.resolve("notes.txt"), "left by an operator");
        for (Path p : List.of(data, data.resolve("blobs"), data.resolve("blobs/sha256"), data.resolve("blobs/sha256/ab"), data.resolve("uploads"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Files.setPosixFilePermissions(data.resolve("notes.txt"), PosixFilePermissions.fromString("rw-rw-rw-"));

        try (TestServer server = TestServer.startOn(data, Map.of());
             HttpClient http = HttpClient.newHttpClient()) {
            server.createRepositories("modes/app");
            // over the bound of small blobs kept in the database, so that the blob is a file
            byte[] layer = "a layer ".repeat(9000).getBytes();
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
            assertThat(http.send(request(server, "POST", "/v2/modes/app/blobs/uploads/?digest=" + digest, layer),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
            // a session left open with a chunk in it, so that an upload file exists (its first write makes it)
            HttpResponse<Void> started = http.send(request(server, "POST", "/v2/modes/app/blobs/uploads/", null),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(started.statusCode()).isEqualTo(202);
            String session = started.headers().firstValue("Location").orElseThrow();
            assertThat(http.send(request(server, "PATCH", session.startsWith("/") ? session : URI.create(session).getRawPath()
                    + (URI.create(session).getRawQuery() == null ? "" : "?" + URI.create(session).getRawQuery()), "a chunk".getBytes()),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(202);

            List<String> loose = new ArrayList<>();
            List<String> files = new ArrayList<>();
            try (Stream<Path> all = Files.walk(data)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                    boolean dir = Files.isDirectory(p);
                    if (!dir) files.add(data.relativize(p).toString());
                    // private: the owner's alone (a file may be executable: the native library's copy under native/)
                    if (!mode.endsWith("------") || !mode.startsWith(dir ? "rwx" : "rw")) loose.add(data.relativize(p) + " " + mode);
                }
            }
            assertThat(files).as("the files under test exist").contains("wharf.db", "wharf.db-wal", "wharf.db-shm", "notes.txt")
                    .anyMatch(f -> f.startsWith("uploads/")).anyMatch(f -> f.startsWith("blobs/sha256/"));
            assertThat(loose).isEmpty();
        }
    }

    private static HttpRequest request(TestServer server, String method, String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).header("Authorization", server.basicAuth())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
