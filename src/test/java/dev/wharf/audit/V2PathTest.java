package dev.wharf.audit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The /v2/ path grammar: examples, and the hand-written parser against the endpoints' patterns. */
class V2PathTest {

    @Test
    void splitsEachRoute() {
        assertThat(V2Path.parse("/v2/team/app/tags/list")).isEqualTo(new V2Path(V2Path.Route.TAGS, "team/app", null));
        assertThat(V2Path.parse("/v2/app/blobs/uploads/")).isEqualTo(new V2Path(V2Path.Route.UPLOADS, "app", ""));
        assertThat(V2Path.parse("/v2/app/blobs/uploads")).isEqualTo(new V2Path(V2Path.Route.UPLOADS, "app", ""));
        assertThat(V2Path.parse("/v2/a/b/blobs/uploads/0f3c")).isEqualTo(new V2Path(V2Path.Route.UPLOADS, "a/b", "0f3c"));
        assertThat(V2Path.parse("/v2/app/blobs/sha256:ab12")).isEqualTo(new V2Path(V2Path.Route.BLOB, "app", "sha256:ab12"));
        assertThat(V2Path.parse("/v2/app/manifests/latest")).isEqualTo(new V2Path(V2Path.Route.MANIFEST, "app", "latest"));
        assertThat(V2Path.parse("/v2/app/referrers/sha256:ab12")).isEqualTo(new V2Path(V2Path.Route.REFERRERS, "app", "sha256:ab12"));
    }

    @Test
    void theLastSegmentsDecideAndTheNameKeepsTheRest() {
        assertThat(V2Path.parse("/v2/blobs/manifests/manifests/v1")).isEqualTo(new V2Path(V2Path.Route.MANIFEST, "blobs/manifests", "v1"));
        assertThat(V2Path.parse("/v2/tags/list/blobs/uploads/x")).isEqualTo(new V2Path(V2Path.Route.UPLOADS, "tags/list", "x"));
        assertThat(V2Path.parse("/v2/a/blobs/blobs/d")).isEqualTo(new V2Path(V2Path.Route.BLOB, "a/blobs", "d"));
    }

    @Test
    void namesNothingElse() {
        for (String path : List.of("/v2/", "/v2", "/v2/_catalog", "/v2/app", "/v2/blobs/sha256:ab", "/v2//blobs/sha256:ab",
                "/v2/app/blobs/", "/v2/app/blobs/sha256:ab/x", "/v2/app/manifests/", "/v2/app/tags/list/", "/v2/tags/list",
                "/v2/app/blobs/uploads/a/b", "/v3/app/manifests/latest", "/v2/app/referrers/")) {
            assertThat(V2Path.parse(path)).as(path).isNull();
        }
    }

    @Test
    void theParametersOfTheLongestRequestLineAreKeptWhole() {
        // the server refuses a request line and headers over 16 KiB (server.WharfServer), so a /v2/ call's
        // parameters, made of its path's pieces, are stored without the size check the other doors' need
        String name = "a".repeat(8 << 10);
        String reference = "\\".repeat(8 << 10); // escaped in JSON: twice its length
        String json = V2Calls.parameters("/v2/" + name + "/manifests/" + reference, "111122223333").toString();
        assertThat(json.length()).isGreaterThan(24 << 10).isLessThan(Redaction.MAX_ELEMENT_CHARS);
    }

    // The distribution spec's endpoints written as patterns, tried in the order the door tries them.
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("^/v2/(.+)/tags/list$"),
            Pattern.compile("^/v2/(.+)/blobs/uploads/?([^/]*)$"),
            Pattern.compile("^/v2/(.+)/blobs/([^/]+)$"),
            Pattern.compile("^/v2/(.+)/manifests/([^/]+)$"),
            Pattern.compile("^/v2/(.+)/referrers/([^/]+)$"));

    private static V2Path byPatterns(String path) {
        for (int i = 0; i < PATTERNS.size(); i++) {
            Matcher m = PATTERNS.get(i).matcher(path);
            if (m.matches()) return new V2Path(V2Path.Route.values()[i], m.group(1), m.groupCount() > 1 ? m.group(2) : null);
        }
        return null;
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.of("v2", "a", "team", "blobs", "uploads", "uploadsX", "manifests", "tags", "list",
                "referrers", "sha256:ab", "latest", "", "x.y");
        return segment.list().ofMinSize(0).ofMaxSize(7).map(s -> "/" + String.join("/", s));
    }

    @Property(tries = 3000)
    void readsEveryPathAsTheEndpointPatternsDo(@ForAll("paths") String tail) {
        String path = "/v2" + tail;
        assertThat(V2Path.parse(path)).as(path).isEqualTo(byPatterns(path));
    }
}
