package dev.wharf.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.testing.MutableClock;
import dev.wharf.testing.OciClient;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.WharfTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OCI Distribution API as a table of HTTP cases against a real server, in the style of
 * go-containerregistry's {@code registry_test.go}: each row is a request (method, path, headers,
 * body) and what must come back (status, headers, error code, body fragments). Placeholders
 * {@code {NAME}} are filled from the fixture pushed in {@link #pushFixture()}; {@code {session}} is
 * a fresh upload session and {@code {session3}} one that already holds the bytes {@code abc}.
 * Rows run in order; the few that change state name what they change.
 */
@WharfTest
class OciApiTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String EXPIRED_MESSAGE = "Your authorization token has expired. Reauthenticate and try again.";

    private static TestServer server;
    private static OciClient oci;
    private static final Map<String, String> vars = new HashMap<>();
    private static final Map<String, byte[]> bodies = new HashMap<>();

    @BeforeAll
    static void pushFixture(TestServer s) throws Exception {
        // A token from a server whose tokens live one second and whose clock is a minute behind: same
        // master key and root key, so this server verifies it, and it expired long before the rows run.
        String expired;
        MutableClock aMinuteAgo = new MutableClock();
        aMinuteAgo.advance(Duration.ofMinutes(-1));
        try (TestServer shortLived = TestServer.start(Map.of("WHARF_TOKEN_LIFETIME", "1s"), aMinuteAgo)) {
            expired = shortLived.registryPassword();
        }
        server = s;
        oci = OciClient.of(server);
        server.createRepositories("table/app", "table/other", "table/tags", "table/empty");
        vars.put("url", server.url());
        vars.put("expired", TestServer.basicAuth(expired));
        vars.put("forged", TestServer.basicAuth("wt1.eyJub3QiOiJvdXJzIn0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        vars.put("MISSING", OciClient.sha256("never pushed".getBytes(StandardCharsets.UTF_8)));
        vars.put("DANGLING", OciClient.sha256("a subject that is not here".getBytes(StandardCharsets.UTF_8)));

        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = random(4096, 1);
        blob("CONFIG", config, "table/app");
        blob("LAYER", layer, "table/app");
        vars.put("LAYER_SIZE", String.valueOf(layer.length));
        blob("EMPTYJSON", "{}".getBytes(StandardCharsets.UTF_8), "table/app");
        blob("PRIVATE", random(100, 2), "table/app");
        blob("MOUNTABLE", random(100, 3), "table/app");
        blob("DELETABLE", random(100, 4), "table/app");
        byte[] sha512Blob = random(300, 5);
        String sha512 = OciClient.sha512(sha512Blob);
        OciClient.expect(oci.send("POST", "/v2/table/app/blobs/uploads/?digest=" + sha512, Map.of(), sha512Blob), 201);
        vars.put("SHA512", sha512);
        byte[] emptyJson = "{}".getBytes(StandardCharsets.UTF_8);
        vars.put("EMPTY", OciClient.sha256(emptyJson));
        OciClient.expect(oci.send("POST", "/v2/table/app/blobs/uploads/?digest=" + vars.get("EMPTY"), Map.of(), emptyJson), 201);

        byte[] image = manifest(vars.get("CONFIG"), config.length, List.of(vars.get("LAYER")), layer.length, null, null);
        bodies.put("image", image);
        vars.put("M", oci.putManifest("table/app", "v1", OCI_MANIFEST, image));
        vars.put("M_SIZE", String.valueOf(image.length));
        oci.putManifest("table/app", "deleteme", OCI_MANIFEST, image);
        byte[] other = manifest(vars.get("CONFIG"), config.length, List.of(), 0, null, Map.of("purpose", "deleted by digest"));
        vars.put("D", oci.putManifest("table/app", "doomed", OCI_MANIFEST, other));

        String subject = "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + vars.get("M") + "\",\"size\":" + image.length + "}";
        vars.put("SBOM", oci.putManifest("table/app", "sbom", OCI_MANIFEST,
                artifact("application/vnd.example.sbom", subject, "sbom")));
        vars.put("SIG", oci.putManifest("table/app", "sig", OCI_MANIFEST,
                artifact("application/vnd.example.signature", subject, "signature")));

        String danglingSubject = "{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + vars.get("DANGLING") + "\",\"size\":10}";
        bodies.put("dangling-artifact", artifact("application/vnd.example.sbom", danglingSubject, "dangling"));

        byte[] tagged = manifest(vars.get("CONFIG"), config.length, List.of(), 0, null, null);
        OciClient.expect(oci.send("POST", "/v2/table/tags/blobs/uploads/?mount=" + vars.get("CONFIG") + "&from=table/app"), 201);
        for (String t : List.of("a", "b", "c", "d")) oci.putManifest("table/tags", t, OCI_MANIFEST, tagged);

        byte[] mono = random(777, 6);
        bodies.put("mono", mono);
        vars.put("MONO", OciClient.sha256(mono));
        vars.put("MONO512", OciClient.sha512(mono));
        vars.put("EMPTY", OciClient.sha256(new byte[0]));
        vars.put("ABC", OciClient.sha256("abc".getBytes(StandardCharsets.UTF_8)));
        vars.put("ABCDEF", OciClient.sha256("abcdef".getBytes(StandardCharsets.UTF_8)));
        bodies.put("layer", layer);
        bodies.put("missing-layer", manifest(vars.get("CONFIG"), config.length, List.of(vars.get("MISSING")), 10, null, null));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 128; i++) many.add(OciClient.sha256(("layer " + i).getBytes(StandardCharsets.UTF_8)));
        bodies.put("128-layers", manifest(vars.get("CONFIG"), config.length, many, 10, null, null));
        bodies.put("index-missing-child", ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + OCI_MANIFEST + "\",\"digest\":\"" + vars.get("MISSING") + "\",\"size\":100}]}").getBytes(StandardCharsets.UTF_8));
        bodies.put("index", ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
                + OCI_MANIFEST + "\",\"digest\":\"" + vars.get("M") + "\",\"size\":" + image.length
                + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}").getBytes(StandardCharsets.UTF_8));
    }

    private static void blob(String name, byte[] content, String repository) {
        vars.put(name, oci.pushBlob(repository, content));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] manifest(String config, int configSize, List<String> layers, int layerSize, String subject,
                                   Map<String, String> annotations) {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        ObjectNode c = m.putObject("config");
        c.put("mediaType", "application/vnd.oci.image.config.v1+json");
        c.put("digest", config);
        c.put("size", configSize);
        var ls = m.putArray("layers");
        for (String l : layers) {
            ObjectNode d = ls.addObject();
            d.put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip");
            d.put("digest", l);
            d.put("size", layerSize);
        }
        if (subject != null) m.set("subject", JSON.valueToTree(subject));
        if (annotations != null) m.set("annotations", JSON.valueToTree(annotations));
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An artifact manifest (image-spec §"Guidelines for Artifact Usage": empty config, artifactType). */
    private static byte[] artifact(String artifactType, String subjectJson, String note) {
        String empty = "{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + vars.get("EMPTY") + "\",\"size\":2}";
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"" + artifactType
                + "\",\"config\":" + empty + ",\"layers\":[" + empty + "],\"subject\":" + subjectJson
                + ",\"annotations\":{\"note\":\"" + note + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the table

    static Stream<Row> rows() {
        return Stream.of(
                // base and authentication
                row("the base endpoint answers 200", "GET", "/v2/").status(200),
                row("no credentials is 401 with ECR's Basic challenge", "GET", "/v2/").auth("").status(401)
                        .header("WWW-Authenticate", "Basic realm=\"{url}/\",service=\"ecr.amazonaws.com\"").code("UNAUTHORIZED"),
                row("no credentials on a manifest is 401 too", "GET", "/v2/table/app/manifests/v1").auth("").status(401)
                        .header("WWW-Authenticate", "Basic realm=\"{url}/\",service=\"ecr.amazonaws.com\""),
                row("a forged token is 403 DENIED", "GET", "/v2/").auth("{forged}").status(403).code("DENIED"),
                row("a Bearer header is not Basic credentials: 401", "GET", "/v2/").auth("Bearer abc").status(401),
                row("an expired token is 403 DENIED with ECR's message", "GET", "/v2/table/app/tags/list").auth("{expired}")
                        .status(403).code("DENIED").contains(EXPIRED_MESSAGE),
                row("a push to a missing repository is NAME_UNKNOWN with ECR's message", "POST", "/v2/table/missing/blobs/uploads/")
                        .status(404).code("NAME_UNKNOWN")
                        .contains("The repository with name 'table/missing' does not exist in the registry with id '111122223333'"),
                row("tags of a missing repository is NAME_UNKNOWN", "GET", "/v2/table/missing/tags/list").status(404).code("NAME_UNKNOWN"),
                row("a manifest of a missing repository is NAME_UNKNOWN", "GET", "/v2/table/missing/manifests/latest").status(404).code("NAME_UNKNOWN"),
                row("an invalid repository name is NAME_INVALID", "GET", "/v2/Table_App/tags/list").status(400).code("NAME_INVALID"),
                row("an unknown route is 404", "GET", "/v2/table/app/nothing-here").status(404).code("UNSUPPORTED"),
                row("an unsupported method is 405 UNSUPPORTED", "PATCH", "/v2/").status(405).code("UNSUPPORTED"),

                // blobs
                row("blob HEAD gives digest and length", "HEAD", "/v2/table/app/blobs/{LAYER}").status(200)
                        .header("Docker-Content-Digest", "{LAYER}").header("Content-Length", "{LAYER_SIZE}"),
                row("blob GET gives the bytes", "GET", "/v2/table/app/blobs/{LAYER}").status(200)
                        .header("Docker-Content-Digest", "{LAYER}").bodyIs("layer"),
                row("blob GET of a sha512 blob", "GET", "/v2/table/app/blobs/{SHA512}").status(200).header("Docker-Content-Digest", "{SHA512}"),
                row("blob GET of a missing blob is BLOB_UNKNOWN", "GET", "/v2/table/app/blobs/{MISSING}").status(404).code("BLOB_UNKNOWN"),
                row("blob HEAD of a missing blob is 404", "HEAD", "/v2/table/app/blobs/{MISSING}").status(404),
                row("a blob is not readable through a repository that does not link it", "GET", "/v2/table/other/blobs/{PRIVATE}")
                        .status(404).code("BLOB_UNKNOWN"),
                row("blob GET with a Range is 206 with Content-Range", "GET", "/v2/table/app/blobs/{LAYER}").with("Range", "bytes=0-9")
                        .status(206).header("Content-Range", "bytes 0-9/{LAYER_SIZE}").header("Content-Length", "10"),
                row("blob GET with a suffix Range", "GET", "/v2/table/app/blobs/{LAYER}").with("Range", "bytes=-6")
                        .status(206).header("Content-Length", "6"),
                row("blob GET with an unsatisfiable Range is 416", "GET", "/v2/table/app/blobs/{LAYER}").with("Range", "bytes={LAYER_SIZE}-")
                        .status(416).header("Content-Range", "bytes */{LAYER_SIZE}"),
                row("a malformed digest is DIGEST_INVALID", "GET", "/v2/table/app/blobs/sha256:xyz").status(400).code("DIGEST_INVALID"),
                row("an unsupported digest algorithm is DIGEST_INVALID", "GET", "/v2/table/app/blobs/md5:d41d8cd98f00b204e9800998ecf8427e")
                        .status(400).code("DIGEST_INVALID"),
                row("blob DELETE unlinks it (changes: DELETABLE)", "DELETE", "/v2/table/app/blobs/{DELETABLE}").status(202),
                row("a deleted blob is gone", "GET", "/v2/table/app/blobs/{DELETABLE}").status(404).code("BLOB_UNKNOWN"),
                row("blob DELETE of a missing blob is BLOB_UNKNOWN", "DELETE", "/v2/table/app/blobs/{MISSING}").status(404).code("BLOB_UNKNOWN"),

                // uploads
                row("POST opens a session", "POST", "/v2/table/app/blobs/uploads/").status(202)
                        .header("Location", "~^/v2/table/app/blobs/uploads/[0-9a-f-]{36}$").header("Docker-Upload-UUID", "~^[0-9a-f-]{36}$")
                        .header("Range", "0-0"),
                row("monolithic POST with digest is 201", "POST", "/v2/table/app/blobs/uploads/?digest={MONO}").body("mono").status(201)
                        .header("Location", "/v2/table/app/blobs/{MONO}").header("Docker-Content-Digest", "{MONO}"),
                row("monolithic POST with a sha512 digest is 201", "POST", "/v2/table/other/blobs/uploads/?digest={MONO512}").body("mono")
                        .status(201).header("Docker-Content-Digest", "{MONO512}"),
                row("monolithic POST whose bytes do not match the digest is DIGEST_INVALID", "POST",
                        "/v2/table/other/blobs/uploads/?digest={MISSING}").body("mono").status(400).code("DIGEST_INVALID"),
                row("the empty blob can be pushed", "POST", "/v2/table/app/blobs/uploads/?digest={EMPTY}").text("").status(201)
                        .header("Docker-Content-Digest", "{EMPTY}"),
                row("the empty blob can be read", "GET", "/v2/table/app/blobs/{EMPTY}").status(200).header("Content-Length", "0"),
                row("a streamed PATCH without Content-Range is 202", "PATCH", "{session}").text("hello").status(202)
                        .header("Range", "0-4").header("Location", "~^/v2/table/app/blobs/uploads/"),
                row("a streamed PATCH sent with Transfer-Encoding chunked is 202", "PATCH", "{session}").streamed("streamed!").status(202)
                        .header("Range", "0-8"),
                row("a chunked PATCH at the session's offset is 202", "PATCH", "{session3}").with("Content-Range", "3-5").text("def")
                        .status(202).header("Range", "0-5"),
                row("an out-of-order chunk is 416 with the current Range", "PATCH", "{session3}").with("Content-Range", "5-9").text("12345")
                        .status(416).code("BLOB_UPLOAD_INVALID").header("Range", "0-2"),
                row("a chunk resent from zero is 416", "PATCH", "{session3}").with("Content-Range", "0-2").text("abc").status(416),
                row("upload status is 204 with Range and Location", "GET", "{session3}").status(204).header("Range", "0-2")
                        .header("Location", "~^/v2/table/app/blobs/uploads/").header("Docker-Upload-UUID", "~."),
                row("PUT with the digest completes a session", "PUT", "{session3}?digest={ABC}").status(201)
                        .header("Location", "/v2/table/app/blobs/{ABC}").header("Docker-Content-Digest", "{ABC}"),
                row("PUT with a final chunk completes a session", "PUT", "{session3}?digest={ABCDEF}").text("def").status(201)
                        .header("Docker-Content-Digest", "{ABCDEF}"),
                row("PUT whose digest does not match is DIGEST_INVALID", "PUT", "{session3}?digest={MISSING}").status(400).code("DIGEST_INVALID"),
                row("PUT without a digest is DIGEST_INVALID", "PUT", "{session}").status(400).code("DIGEST_INVALID"),
                row("DELETE cancels a session", "DELETE", "{session}").status(204),
                row("an unknown session is BLOB_UPLOAD_UNKNOWN", "GET", "/v2/table/app/blobs/uploads/0b5e8d6a-0000-4000-8000-000000000000")
                        .status(404).code("BLOB_UPLOAD_UNKNOWN"),
                row("a session is not reachable through another repository", "GET", "{session3}", "table/app", "table/other")
                        .status(404).code("BLOB_UPLOAD_UNKNOWN"),
                row("mount from a repository that has the blob is 201 (changes: MOUNTABLE in table/other)", "POST",
                        "/v2/table/other/blobs/uploads/?mount={MOUNTABLE}&from=table/app").status(201)
                        .header("Location", "/v2/table/other/blobs/{MOUNTABLE}").header("Docker-Content-Digest", "{MOUNTABLE}"),
                row("a mounted blob is readable", "HEAD", "/v2/table/other/blobs/{MOUNTABLE}").status(200),
                row("mount of a blob the source lacks falls back to a session", "POST",
                        "/v2/table/other/blobs/uploads/?mount={MISSING}&from=table/app").status(202)
                        .header("Location", "~^/v2/table/other/blobs/uploads/"),
                row("mount without from falls back to a session", "POST", "/v2/table/other/blobs/uploads/?mount={LAYER}").status(202)
                        .header("Location", "~^/v2/table/other/blobs/uploads/"),
                row("mount from a missing repository falls back to a session", "POST",
                        "/v2/table/other/blobs/uploads/?mount={LAYER}&from=table/missing").status(202),

                // manifests
                row("manifest GET by tag", "GET", "/v2/table/app/manifests/v1").with("Accept", OCI_MANIFEST).status(200)
                        .header("Docker-Content-Digest", "{M}").header("Content-Type", OCI_MANIFEST).bodyIs("image"),
                row("manifest HEAD by tag", "HEAD", "/v2/table/app/manifests/v1").status(200)
                        .header("Docker-Content-Digest", "{M}").header("Content-Length", "{M_SIZE}"),
                row("manifest GET by digest", "GET", "/v2/table/app/manifests/{M}").status(200).header("Docker-Content-Digest", "{M}"),
                row("manifest HEAD by digest", "HEAD", "/v2/table/app/manifests/{M}").status(200).header("Docker-Content-Digest", "{M}"),
                row("a missing tag is MANIFEST_UNKNOWN", "GET", "/v2/table/app/manifests/nope").status(404).code("MANIFEST_UNKNOWN"),
                row("a missing digest is MANIFEST_UNKNOWN", "GET", "/v2/table/app/manifests/{MISSING}").status(404).code("MANIFEST_UNKNOWN"),
                row("a tag that cannot exist is MANIFEST_UNKNOWN, not a 400", "GET", "/v2/table/app/manifests/.INVALID_MANIFEST_NAME")
                        .status(404).code("MANIFEST_UNKNOWN"),
                row("HEAD of a tag that cannot exist is 404", "HEAD", "/v2/table/app/manifests/.INVALID_MANIFEST_NAME").status(404),
                row("a manifest whose layer is not in the repository is MANIFEST_BLOB_UNKNOWN", "PUT", "/v2/table/app/manifests/broken")
                        .with("Content-Type", OCI_MANIFEST).body("missing-layer").status(400).code("MANIFEST_BLOB_UNKNOWN")
                        .contains("{MISSING}"),
                row("a manifest with 128 layers exceeds the layers-per-image limit (ECR: LimitExceededException, /v2/: 403 DENIED)",
                        "PUT", "/v2/table/app/manifests/tall").with("Content-Type", OCI_MANIFEST)
                        .body("128-layers").status(403).code("DENIED").contains("127"),
                row("a manifest PUT by a digest it does not have is DIGEST_INVALID", "PUT", "/v2/table/app/manifests/{MISSING}")
                        .with("Content-Type", OCI_MANIFEST).body("image").status(400).code("DIGEST_INVALID"),
                row("a manifest that is not JSON is MANIFEST_INVALID", "PUT", "/v2/table/app/manifests/junk")
                        .with("Content-Type", OCI_MANIFEST).text("blablabla").status(400).code("MANIFEST_INVALID"),
                row("a PUT under an invalid tag is TAG_INVALID", "PUT", "/v2/table/app/manifests/-bad").with("Content-Type", OCI_MANIFEST)
                        .body("image").status(400).code("TAG_INVALID"),
                row("a manifest PUT by digest is 201 with Location and digest", "PUT", "/v2/table/app/manifests/{M}")
                        .with("Content-Type", OCI_MANIFEST).body("image").status(201)
                        .header("Location", "/v2/table/app/manifests/{M}").header("Docker-Content-Digest", "{M}"),
                row("a manifest with a subject that is not here is accepted with OCI-Subject", "PUT", "/v2/table/app/manifests/dangling")
                        .with("Content-Type", OCI_MANIFEST).body("dangling-artifact").status(201).header("OCI-Subject", "{DANGLING}"),
                row("a manifest without subject has no OCI-Subject", "PUT", "/v2/table/app/manifests/v1-again")
                        .with("Content-Type", OCI_MANIFEST).body("image").status(201).header("OCI-Subject", null),
                row("an image index of present manifests is 201", "PUT", "/v2/table/app/manifests/multi").with("Content-Type", OCI_INDEX)
                        .body("index").status(201),
                row("an index is served with its media type", "GET", "/v2/table/app/manifests/multi").status(200).header("Content-Type", OCI_INDEX),
                row("an index whose child is missing is MANIFEST_BLOB_UNKNOWN", "PUT", "/v2/table/app/manifests/orphan")
                        .with("Content-Type", OCI_INDEX).body("index-missing-child").status(400).code("MANIFEST_BLOB_UNKNOWN"),
                row("DELETE by tag removes the tag (changes: deleteme)", "DELETE", "/v2/table/app/manifests/deleteme").status(202),
                row("a deleted tag is gone", "GET", "/v2/table/app/manifests/deleteme").status(404).code("MANIFEST_UNKNOWN"),
                row("DELETE by tag keeps the image", "GET", "/v2/table/app/manifests/{M}").status(200),
                row("DELETE by digest removes the image (changes: D)", "DELETE", "/v2/table/app/manifests/{D}").status(202),
                row("an image deleted by digest is gone", "GET", "/v2/table/app/manifests/{D}").status(404).code("MANIFEST_UNKNOWN"),
                row("its tags went with it", "GET", "/v2/table/app/manifests/doomed").status(404).code("MANIFEST_UNKNOWN"),
                row("DELETE of a missing manifest is MANIFEST_UNKNOWN", "DELETE", "/v2/table/app/manifests/{MISSING}").status(404)
                        .code("MANIFEST_UNKNOWN"),

                // tags and catalog
                row("tags list", "GET", "/v2/table/tags/tags/list").status(200).header("Link", null)
                        .json("{\"name\":\"table/tags\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}"),
                row("tags list with n gives a Link to the next page", "GET", "/v2/table/tags/tags/list?n=2").status(200)
                        .header("Link", "</v2/table/tags/tags/list?n=2&last=b>; rel=\"next\"")
                        .json("{\"name\":\"table/tags\",\"tags\":[\"a\",\"b\"]}"),
                row("tags list after last", "GET", "/v2/table/tags/tags/list?n=2&last=b").status(200).header("Link", null)
                        .json("{\"name\":\"table/tags\",\"tags\":[\"c\",\"d\"]}"),
                row("tags list with n=0 is empty", "GET", "/v2/table/tags/tags/list?n=0").status(200)
                        .json("{\"name\":\"table/tags\",\"tags\":[]}"),
                row("tags list of an empty repository", "GET", "/v2/table/empty/tags/list").status(200)
                        .json("{\"name\":\"table/empty\",\"tags\":[]}"),
                row("a bad n is PAGINATION_NUMBER_INVALID", "GET", "/v2/table/tags/tags/list?n=abc").status(400).code("PAGINATION_NUMBER_INVALID"),
                row("catalog with n gives a Link", "GET", "/v2/_catalog?n=2").status(200)
                        .header("Link", "</v2/_catalog?n=2&last=table/empty>; rel=\"next\"")
                        .json("{\"repositories\":[\"table/app\",\"table/empty\"]}"),
                row("catalog after last", "GET", "/v2/_catalog?n=2&last=table/empty").status(200).header("Link", null)
                        .json("{\"repositories\":[\"table/other\",\"table/tags\"]}"),

                // referrers
                row("referrers list every manifest whose subject is the digest", "GET", "/v2/table/app/referrers/{M}").status(200)
                        .header("Content-Type", OCI_INDEX).header("OCI-Filters-Applied", null).contains("{SBOM}").contains("{SIG}")
                        .contains("\"artifactType\":\"application/vnd.example.sbom\"").contains("\"note\":\"sbom\""),
                row("referrers filtered by artifactType say so in OCI-Filters-Applied", "GET",
                        "/v2/table/app/referrers/{M}?artifactType=application/vnd.example.sbom").status(200)
                        .header("OCI-Filters-Applied", "artifactType").contains("{SBOM}").lacks("{SIG}"),
                row("referrers of a digest nobody refers to is an empty index", "GET", "/v2/table/app/referrers/{MISSING}").status(200)
                        .header("Content-Type", OCI_INDEX).json("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[]}"),
                row("referrers of a dangling subject list the referrer", "GET", "/v2/table/app/referrers/{DANGLING}").status(200)
                        .contains("\"note\":\"dangling\""),
                row("referrers need a digest", "GET", "/v2/table/app/referrers/latest").status(400).code("DIGEST_INVALID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void behaves(Row row) throws Exception {
        String path = fill(row.path);
        if (path.contains("{session3}")) {
            String session = newSession();
            OciClient.expect(oci.send("PATCH", session, Map.of("Content-Type", "application/octet-stream"), "abc"), 202);
            path = path.replace("{session3}", session);
        }
        if (path.contains("{session}")) path = path.replace("{session}", newSession());
        if (row.fromRepo != null) path = path.replace("/v2/" + row.fromRepo + "/", "/v2/" + row.toRepo + "/");
        Map<String, String> headers = new LinkedHashMap<>();
        row.headers.forEach((k, v) -> headers.put(k, fill(v)));
        Object body = row.bodyName != null ? bodies.get(row.bodyName)
                : row.streamed ? new java.io.ByteArrayInputStream(row.text.getBytes(StandardCharsets.UTF_8)) : row.text;

        HttpResponse<byte[]> r = oci.send(row.method, path, headers, body);
        String text = new String(r.body(), StandardCharsets.UTF_8);

        assertThat(r.statusCode()).as("status of %s %s; body %s", row.method, path, text).isEqualTo(row.status);
        assertThat(r.headers().firstValue("Docker-Distribution-API-Version")).as("API version header").hasValue("registry/2.0");
        row.expectHeaders.forEach((name, expected) -> {
            var actual = r.headers().firstValue(name);
            if (expected == null) {
                assertThat(actual).as("header %s", name).isEmpty();
            } else if (expected.startsWith("~")) {
                assertThat(actual).as("header %s", name).isPresent();
                assertThat(actual.get()).as("header %s", name).containsPattern(fill(expected.substring(1)));
            } else {
                assertThat(actual).as("header %s", name).hasValue(fill(expected));
            }
        });
        if (row.code != null) {
            assertThat(JSON.readTree(r.body()).path("errors").path(0).path("code").asText()).as("error code; body %s", text).isEqualTo(row.code);
        }
        for (String c : row.contains) assertThat(text).contains(fill(c));
        for (String c : row.lacks) assertThat(text).doesNotContain(fill(c));
        if (row.json != null) assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(fill(row.json)));
        if (row.bodyIs != null) assertThat(r.body()).isEqualTo(bodies.get(row.bodyIs));
        if (row.code != null) {
            // distribution-spec §"Error Codes": {"errors":[{"code","message","detail"}]}
            var err = JSON.readTree(r.body()).path("errors").path(0);
            assertThat(err.has("code") && err.has("message") && err.has("detail")).as("error body shape: %s", text).isTrue();
        }
    }

    /** The conformance suite's chunked sequence: a resent chunk is 416 and the session goes on. */
    @Test
    void aSessionGoesOnAfterAnOutOfOrderChunk() {
        String session = newSession();
        Map<String, String> first = Map.of("Content-Range", "0-2", "Content-Type", "application/octet-stream");
        HttpResponse<byte[]> r = oci.send("PATCH", session, first, "abc");
        OciClient.expect(r, 202);
        assertThat(r.headers().firstValue("Range")).hasValue("0-2");
        OciClient.expect(oci.send("PATCH", session, first, "abc"), 416);
        HttpResponse<byte[]> status = oci.send("GET", session);
        OciClient.expect(status, 204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-2");
        String location = status.headers().firstValue("Location").orElseThrow();
        r = oci.send("PATCH", location, Map.of("Content-Range", "3-5", "Content-Type", "application/octet-stream"), "def");
        OciClient.expect(r, 202);
        assertThat(r.headers().firstValue("Range")).hasValue("0-5");
        OciClient.expect(oci.send("PUT", r.headers().firstValue("Location").orElseThrow() + "?digest=" + vars.get("ABCDEF")), 201);
    }

    @Test
    void everyErrorBodyIsJsonWithoutAStackTrace() {
        HttpResponse<byte[]> r = oci.send("PUT", "/v2/table/app/manifests/x", Map.of("Content-Type", OCI_MANIFEST), "{\"schemaVersion\":");
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(text).doesNotContain("at dev.wharf").doesNotContain("Exception");
    }

    private static String newSession() {
        HttpResponse<byte[]> r = oci.send("POST", "/v2/table/app/blobs/uploads/");
        OciClient.expect(r, 202);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static final Pattern VAR = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private static String fill(String s) {
        if (s == null) return null;
        Matcher m = VAR.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = m.group(1).startsWith("session") ? m.group() : vars.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Row row(String name, String method, String path) {
        return new Row(name, method, path, null, null);
    }

    static Row row(String name, String method, String path, String fromRepo, String toRepo) {
        return new Row(name, method, path, fromRepo, toRepo);
    }

    /** One case of the table. */
    static final class Row {
        final String name;
        final String method;
        final String path;
        final String fromRepo;
        final String toRepo;
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> expectHeaders = new LinkedHashMap<>();
        final List<String> contains = new ArrayList<>();
        final List<String> lacks = new ArrayList<>();
        String bodyName;
        String text;
        boolean streamed;
        int status;
        String code;
        String json;
        String bodyIs;

        Row(String name, String method, String path, String fromRepo, String toRepo) {
            this.name = name;
            this.method = method;
            this.path = path;
            this.fromRepo = fromRepo;
            this.toRepo = toRepo;
        }

        Row auth(String value) { headers.put("Authorization", value); return this; }
        Row with(String header, String value) { headers.put(header, value); return this; }
        Row body(String fixtureName) { bodyName = fixtureName; return this; }
        Row text(String body) { text = body; return this; }
        /** A body of unknown length: the client sends it with {@code Transfer-Encoding: chunked}. */
        Row streamed(String body) { text = body; streamed = true; return this; }
        Row status(int s) { status = s; return this; }
        /** Expected header: exact (after placeholders), {@code ~regex}, or null for "absent". */
        Row header(String name, String value) { expectHeaders.put(name, value); return this; }
        Row code(String c) { code = c; return this; }
        Row contains(String s) { contains.add(s); return this; }
        Row lacks(String s) { lacks.add(s); return this; }
        Row json(String j) { json = j; return this; }
        Row bodyIs(String fixtureName) { bodyIs = fixtureName; return this; }

        @Override
        public String toString() { return name; }
    }
}
