package dev.wharf.oci;

import dev.wharf.testing.Logs;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed requests on every door, as a table sent over raw sockets (the JDK HTTP client refuses
 * to send most of them): a bad percent-escape in any decoded query parameter, requests the HTTP
 * layer refuses before routing (oversized headers, ambiguous paths, bad {@code Content-Length}),
 * an unknown {@code /v2/} path, an unsigned Query request. Each must be a 4xx in the protocol of
 * the door it was aimed at — OCI error JSON on {@code /v2/}, awsJson for ECR and its layer URLs,
 * Query XML for IAM and STS — with a non-empty body, no HTML, no stack trace or file path, and
 * no ERROR in the log.
 */
class MalformedRequestsTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ECR = "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories";
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    /** The codes of the distribution-spec error table and the Docker Registry codes ECR sends. */
    private static final List<String> OCI_CODES = List.of("BLOB_UNKNOWN", "BLOB_UPLOAD_INVALID", "BLOB_UPLOAD_UNKNOWN",
            "DIGEST_INVALID", "MANIFEST_BLOB_UNKNOWN", "MANIFEST_INVALID", "MANIFEST_UNKNOWN", "NAME_INVALID", "NAME_UNKNOWN",
            "SIZE_INVALID", "UNAUTHORIZED", "DENIED", "UNSUPPORTED", "TOOMANYREQUESTS", "PAGINATION_NUMBER_INVALID");

    enum Door { OCI, ECR, QUERY }

    private static TestServer server;
    private static final Map<String, String> vars = new HashMap<>();
    private static final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
        server.createRepositories("bad/app", "bad/other");
        OciClient oci = OciClient.of(server);
        byte[] layer = "a layer".getBytes(StandardCharsets.UTF_8);
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        String digest = oci.pushBlob("bad/app", layer);
        String configDigest = oci.pushBlob("bad/app", config);
        oci.putManifest("bad/app", "v1", "application/vnd.oci.image.manifest.v1+json", ("{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + digest + "\",\"size\":"
                + layer.length + "}]}").getBytes(StandardCharsets.UTF_8));
        vars.put("auth", server.basicAuth());
        vars.put("DIGEST", digest);
        String location = oci.send("POST", "/v2/bad/app/blobs/uploads/").headers().firstValue("Location").orElseThrow();
        vars.put("SESSION", location);
        try (EcrClient ecr = server.ecr()) {
            URI url = URI.create(ecr.getDownloadUrlForLayer(r -> r.repositoryName("bad/app").layerDigest(digest)).downloadUrl());
            vars.put("LAYER_PATH", url.getRawPath());
            vars.put("LAYER_QUERY", url.getRawQuery());
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void captureLog() {
        synchronized (log) { // the appender's lock: server threads may be logging
            log.list.clear();
        }
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        root().detachAppender(log);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    static Stream<Arguments> malformedRequests() {
        String big = "x".repeat(100 * 1024);
        StringBuilder thousand = new StringBuilder();
        for (int i = 0; i < 1000; i++) thousand.append("X-Header-").append(i).append(": value-").append(i).append("\r\n");
        String auth20k = "AWS4-HMAC-SHA256 Credential=AKIAWHARFTESTROOT001/20260101/us-east-1/ecr/aws4_request, "
                + "SignedHeaders=host, Signature=" + "0".repeat(20 * 1024);
        String ecr = "X-Amz-Target: " + ECR + "\r\nContent-Type: application/x-amz-json-1.1\r\n";
        String form = "Content-Type: " + FORM + "\r\n";
        String v2 = "Authorization: {auth}\r\n";
        return Stream.of(
                // ---- a malformed percent-escape in a query parameter a door decodes
                row("tags list ?last=%FF", Door.OCI, 400, "UNSUPPORTED", "GET /v2/bad/app/tags/list?last=%FF", v2, ""),
                row("tags list ?n=%zz", Door.OCI, 400, "GET /v2/bad/app/tags/list?n=%zz", v2, ""),
                row("catalog ?last=%FF", Door.OCI, 400, "GET /v2/_catalog?last=%FF", v2, ""),
                row("catalog ?n=%zz", Door.OCI, 400, "GET /v2/_catalog?n=%zz", v2, ""),
                row("monolithic upload ?digest=sha256%zz", Door.OCI, 400, "POST /v2/bad/app/blobs/uploads/?digest=sha256%zz",
                        v2 + "Content-Length: 0\r\n", ""),
                row("mount ?mount=%zz&from=", Door.OCI, 400, "POST /v2/bad/app/blobs/uploads/?mount=%zz&from=bad/other",
                        v2 + "Content-Length: 0\r\n", ""),
                row("mount ?from=%FF", Door.OCI, 400, "POST /v2/bad/app/blobs/uploads/?mount={DIGEST}&from=%FF",
                        v2 + "Content-Length: 0\r\n", ""),
                row("upload completion ?digest=sha256%zz", Door.OCI, 400, "PUT {SESSION}?digest=sha256%zz",
                        v2 + "Content-Length: 0\r\n", ""),
                row("referrers ?artifactType=%zz", Door.OCI, 400, "GET /v2/bad/app/referrers/{DIGEST}?artifactType=%zz", v2, ""),
                row("presigned layer URL, expiry %zz", Door.ECR, 400, "InvalidParameterException", "GET {LAYER_PATH}?X-Wharf-Expires=%zz&X-Wharf-Signature=00", "", ""),
                row("presigned layer URL, signature %FF", Door.ECR, 400, "GET {LAYER_PATH}?X-Wharf-Expires=1&X-Wharf-Signature=%FF", "", ""),
                row("presigned layer URL, stray %", Door.ECR, 400, "GET {LAYER_PATH}?{LAYER_QUERY}&x=%", "", ""),

                row("presigned layer URL, digest segment %zz", Door.ECR, 400, "GET /wharf/layers/111122223333/bad/app/sha256%zz?{LAYER_QUERY}", "", ""),
                row("presigned layer URL, digest segment %FF", Door.ECR, 400, "GET /wharf/layers/111122223333/bad/app/sha256%FF?{LAYER_QUERY}", "", ""),
                row("a /v2/ path segment %zz", Door.OCI, 400, "GET /v2/bad%zz/tags/list", v2, ""),
                row("a /v2/ digest segment %FF", Door.OCI, 400, "GET /v2/bad/app/blobs/sha256%FF", v2, ""),
                row("SigV4 query credential %zz on the Query API", Door.QUERY, 403, "IncompleteSignature", "POST /?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%zz"
                        + "&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=%FF", form + "Content-Length: {LEN}\r\n",
                        "Action=ListUsers&Version=2010-05-08"),
                row("a form body with %zz", Door.QUERY, 403, "MissingAuthenticationToken", "POST /", form + "Content-Length: {LEN}\r\n", "Action=List%zzUsers"),

                // ---- refused by the HTTP layer before routing
                row("a 100 KB header on /v2/", Door.OCI, 431, "GET /v2/", v2 + "X-Big: " + big + "\r\n", ""),
                row("1,000 headers on /v2/", Door.OCI, 431, "GET /v2/bad/app/tags/list", v2 + thousand, ""),
                row("%2e%2e in a /v2/ path", Door.OCI, 400, "GET /v2/bad/%2e%2e/app/tags/list", v2, ""),
                row("// in a /v2/ path", Door.OCI, 400, "GET /v2/bad//app/tags/list", v2, ""),
                row("%2F in a /v2/ path", Door.OCI, 400, "GET /v2/bad%2Fapp/tags/list", v2, ""),
                row("%5C in a /v2/ path", Door.OCI, 400, "GET /v2/bad%5Capp/tags/list", v2, ""),
                row("%00 in a /v2/ path", Door.OCI, 400, "GET /v2/bad%00app/tags/list", v2, ""),
                row("a negative Content-Length on /v2/", Door.OCI, 400, "PATCH {SESSION}", v2 + "Content-Length: -1\r\n", ""),
                row("two Content-Lengths on /v2/", Door.OCI, 400, "PATCH {SESSION}",
                        v2 + "Content-Length: 1\r\nContent-Length: 2\r\n", "ab"),
                row("a 20-digit Content-Length on /v2/", Door.OCI, 400, "PATCH {SESSION}",
                        v2 + "Content-Length: 99999999999999999999\r\n", ""),
                row("a 20 KB Authorization on the ECR API", Door.ECR, 431, "SerializationException", "POST /", ecr + "Authorization: " + auth20k + "\r\n"
                        + "Content-Length: 2\r\n", "{}"),
                row("%2e%2e above the root", Door.ECR, 400, "POST /%2e%2e/", ecr + "Content-Length: 2\r\n", "{}"),
                row("%2e%2e in the ECR API's path", Door.ECR, 400, "POST /x/%2e%2e/", ecr + "Content-Length: 2\r\n", "{}"),
                row("a negative Content-Length on the ECR API", Door.ECR, 400, "POST /", ecr + "Content-Length: -1\r\n", ""),
                row("two Content-Lengths on the ECR API", Door.ECR, 400, "POST /", ecr + "Content-Length: 2\r\nContent-Length: 3\r\n", "{}"),
                row("a 20-digit Content-Length on the ECR API", Door.ECR, 400, "POST /", ecr + "Content-Length: 99999999999999999999\r\n", ""),
                row("%2F in a layer URL", Door.ECR, 400, "GET /wharf/layers/111122223333/bad%2Fapp/x?{LAYER_QUERY}", "", ""),
                row("%2e%2e in the Query API's path", Door.QUERY, 400, "POST /x/%2e%2e/", form + "Content-Length: {LEN}\r\n", "Action=ListUsers"),
                row("%2F in the Query API's path", Door.QUERY, 400, "POST /x%2F/", form + "Content-Length: {LEN}\r\n", "Action=ListUsers"),
                row("a 20 KB Authorization on the Query API", Door.QUERY, 431, "MalformedInput", "POST /", form + "Authorization: " + auth20k.replace("/ecr/", "/iam/")
                        + "\r\nContent-Length: {LEN}\r\n", "Action=ListUsers"),
                row("a negative Content-Length on the Query API", Door.QUERY, 400, "POST /", form + "Content-Length: -1\r\n", ""),
                row("two Content-Lengths on the Query API", Door.QUERY, 400, "POST /", form + "Content-Length: 2\r\nContent-Length: 3\r\n", "ab"),

                // ---- routing and authentication
                row("an unknown /v2/ path", Door.OCI, 404, "UNSUPPORTED", "GET /v2/bad/app/nothing/here", v2, ""),
                row("an IAM action with no Authorization", Door.QUERY, 403, "MissingAuthenticationToken", "POST /", form + "Content-Length: {LEN}\r\n",
                        "Action=ListUsers&Version=2010-05-08"),
                row("an STS action with no Authorization", Door.QUERY, 403, "MissingAuthenticationToken", "POST /", form + "Content-Length: {LEN}\r\n",
                        "Action=GetCallerIdentity&Version=2011-06-15"));
    }

    private static Arguments row(String name, Door door, int status, String requestLine, String headers, String body) {
        return row(name, door, status, null, requestLine, headers, body);
    }

    /** A row whose error code is checked too ({@code __type} on ECR, {@code errors[0].code} on OCI, {@code Code} on Query). */
    private static Arguments row(String name, Door door, int status, String code, String requestLine, String headers, String body) {
        return Arguments.of(name, door, status, code, requestLine, headers, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void isRefusedWithAClientErrorInTheDoorsOwnProtocol(String name, Door door, int status, String code, String requestLine,
                                                        String headers, String body) throws IOException {
        vars.put("LEN", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        String head = fill(requestLine) + " HTTP/1.1\r\nHost: " + server.host() + "\r\n" + fill(headers) + "Connection: close\r\n\r\n";
        RawResponse r = RawResponse.exchange(server.port(), head, body);

        assertThat(r.status).as(name + ": " + r).isEqualTo(status);
        assertThat(r.body).as("a body that says what was wrong").isNotEmpty();
        String text = r.text().toLowerCase(Locale.ROOT);
        assertThat(text).as("no HTML").doesNotContain("<html", "<body", "<!doctype");
        assertThat(r.text()).as("no stack trace or path").doesNotContain("\tat ", "Exception:", ".java", "/tmp/", "dev.wharf.");
        switch (door) {
            case OCI -> {
                assertThat(r.header("content-type")).as(r.toString()).startsWith("application/json");
                JsonNode err = JSON.readTree(r.body).path("errors").path(0);
                assertThat(err.path("code").asText()).as(r.toString()).isIn(OCI_CODES);
                if (code != null) assertThat(err.path("code").asText()).as(r.toString()).isEqualTo(code);
                assertThat(err.path("message").asText()).isNotEmpty();
            }
            case ECR -> {
                assertThat(r.header("content-type")).as(r.toString()).startsWith("application/x-amz-json-1.1");
                JsonNode err = JSON.readTree(r.body);
                assertThat(err.path("__type").asText()).as(r.toString()).endsWith("Exception");
                assertThat(r.header("x-amzn-errortype")).isEqualTo(err.path("__type").asText());
                if (code != null) assertThat(err.path("__type").asText()).as(r.toString()).isEqualTo(code);
                assertThat(err.path("message").asText()).isNotEmpty();
            }
            case QUERY -> {
                assertThat(r.header("content-type")).as(r.toString()).startsWith("text/xml");
                assertThat(r.text()).as(r.toString()).contains("<ErrorResponse", "<Type>Sender</Type>", "<Code>", "<RequestId>");
                if (code != null) assertThat(r.text()).as(r.toString()).contains("<Code>" + code + "</Code>");
            }
        }
        assertThat(Logs.events(log).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).map(ILoggingEvent::getFormattedMessage))
                .as("nothing logged at ERROR").isEmpty();
    }

    private static String fill(String s) {
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(vars.get(m.group(1))));
        return m.appendTail(out).toString();
    }

    /** One request written to a fresh socket, and whatever came back before the server closed it. */
    record RawResponse(int status, Map<String, String> headers, byte[] body) {
        static RawResponse exchange(int port, String head, String body) throws IOException {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                OutputStream out = s.getOutputStream();
                try {
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException refusedMidWrite) {
                    // the server may answer and close before it has read all of an oversized request
                }
                return parse(readAll(s.getInputStream()));
            }
        }

        /** Reads until the server closes the connection or the body its Content-Length announced is complete. */
        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            try {
                for (int n; (n = in.read(b)) >= 0; ) {
                    buf.write(b, 0, n);
                    if (complete(buf.toString(StandardCharsets.ISO_8859_1))) break;
                }
            } catch (SocketTimeoutException | java.net.SocketException stopped) {
                // what arrived is the answer
            }
            return buf.toByteArray();
        }

        private static boolean complete(String sofar) {
            int end = sofar.indexOf("\r\n\r\n");
            if (end < 0) return false;
            Matcher m = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(sofar.substring(0, end));
            return m.find() && sofar.length() - end - 4 >= Long.parseLong(m.group(1));
        }

        private static RawResponse parse(byte[] raw) {
            String all = new String(raw, StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            if (end < 0) return new RawResponse(-1, Map.of(), raw);
            String[] lines = all.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            byte[] body = all.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
            return new RawResponse(status, headers, body);
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }
}
