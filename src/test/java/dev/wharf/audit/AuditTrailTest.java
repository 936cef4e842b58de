package dev.wharf.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.policy.Principal;
import dev.wharf.storage.meta.AuditStore;
import dev.wharf.storage.meta.JdbcAuditStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.SqliteMetadataStores;
import dev.wharf.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail over the real SQLite store, with a clock the test moves: retention, redaction, what is recorded. */
class AuditTrailTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "111122223333";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private MetadataStore meta;
    private JdbcAuditStore.Closeable store;
    private AuditTrail trail;

    @BeforeEach
    void open() {
        meta = SqliteMetadataStores.open(dir.resolve("wharf.db"));
        store = JdbcAuditStore.openSqlite(dir.resolve("wharf.db"));
        trail = new AuditTrail(store, "eu-west-1", clock, Duration.ofDays(90));
    }

    @AfterEach
    void close() throws Exception {
        trail.close();
        store.close();
        meta.close();
    }

    /** One call as the server and the doors see it. */
    private void call(String operation, Map<String, String> queryParameters, JsonNode input, JsonNode output) {
        CallRecord r = trail.begin("req-" + operation, "POST", "/", null, "192.0.2.7", "test-agent");
        CallRecord.named("iam", operation);
        CallRecord.identity(Principal.root(ACCOUNT), "AKIAEXAMPLEROOT00001");
        if (queryParameters != null) CallRecord.requestParameters(queryParameters);
        if (input != null) CallRecord.requestParameters(input);
        if (output != null) CallRecord.responseElements(output);
        trail.end(r, 200);
    }

    private List<AuditStore.Event> all() {
        return trail.find(new AuditStore.Query(ACCOUNT, 0, Long.MAX_VALUE, null, null, null, 100));
    }

    @Test
    void eventsOlderThanTheRetentionPeriodArePrunedAndNewerOnesKept() {
        call("ListUsers", Map.of(), null, null);
        clock.advance(Duration.ofDays(60));
        call("ListRoles", Map.of(), null, null);
        clock.advance(Duration.ofDays(31));
        assertThat(all()).hasSize(2);
        assertThat(trail.prune()).isEqualTo(1);
        assertThat(all()).extracting(AuditStore.Event::eventName).containsExactly("ListRoles");
    }

    @Test
    void secretsAtAnyDepthAreHiddenAsCloudTrailHidesThem() throws Exception {
        JsonNode input = JSON.readTree("{\"repositoryName\":\"app\",\"imageManifest\":\"{\\\"layers\\\":[]}\","
                + "\"nested\":[{\"secretAccessKey\":\"s3cr3t\",\"sessionToken\":\"tok\",\"kept\":\"yes\"}]}");
        call("PutThing", null, input, JSON.readTree("{\"authorizationData\":[{\"authorizationToken\":\"QVdTOnBhc3M=\"}]}"));
        call("CreateLoginProfile", Map.of("Action", "CreateLoginProfile", "Version", "2010-05-08", "UserName", "bob", "Password", "hunter2"),
                null, null);
        List<String> records = all().stream().map(AuditStore.Event::record).toList();
        assertThat(String.join("\n", records)).doesNotContain("s3cr3t", "tok\"", "QVdTOnBhc3M=", "hunter2", "layers");
        JsonNode put = JSON.readTree(records.stream().filter(r -> r.contains("PutThing")).findFirst().orElseThrow());
        assertThat(put.path("requestParameters").path("imageManifest").asText()).isEqualTo(Redaction.HIDDEN);
        assertThat(put.path("requestParameters").path("nested").get(0).path("kept").asText()).isEqualTo("yes");
        assertThat(put.path("responseElements").path("authorizationData").get(0).path("authorizationToken").asText())
                .isEqualTo(Redaction.HIDDEN);
        JsonNode login = JSON.readTree(records.stream().filter(r -> r.contains("CreateLoginProfile")).findFirst().orElseThrow());
        assertThat(login.path("requestParameters").path("userName").asText()).isEqualTo("bob");
        assertThat(login.path("requestParameters").path("password").asText()).isEqualTo(Redaction.HIDDEN);
        assertThat(login.path("requestParameters").has("action")).isFalse();
    }

    @Test
    void oversizedParametersAreOmittedWithANote() {
        com.fasterxml.jackson.databind.node.ObjectNode big = JSON.createObjectNode();
        big.put("policyText", "x".repeat(Redaction.MAX_ELEMENT_CHARS + 1));
        call("SetRepositoryPolicy", null, big, null);
        JsonNode rec = onlyRecord();
        assertThat(rec.path("requestParameters").path("omitted").asText()).contains("larger than");
    }

    private JsonNode onlyRecord() {
        try {
            return JSON.readTree(all().get(0).record());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventIdsAreVersionSevenUuidsThatSortInTheOrderOfTheCalls() {
        List<String> calls = List.of("ListUsers", "ListRoles", "GetUser", "ListGroups", "GetRole");
        for (String op : calls) {
            call(op, Map.of(), null, null);
            clock.advance(Duration.ofMillis(1)); // the id's time part is the call's millisecond
        }
        List<AuditStore.Event> events = all();
        assertThat(events).extracting(AuditStore.Event::eventId).hasSize(5).doesNotHaveDuplicates().allSatisfy(id -> {
            java.util.UUID u = java.util.UUID.fromString(id);
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(u.toString()).isEqualTo(id);
        });
        assertThat(events.stream().sorted(java.util.Comparator.comparing(AuditStore.Event::eventId)).map(AuditStore.Event::eventName))
                .as("the events in the text order of their ids").containsExactlyElementsOf(calls);
    }

    @Test
    void aRequestThatNamesNoApiCallOrNoAccountIsNotRecorded() {
        trail.end(trail.begin("r1", "GET", "/healthz", null, "127.0.0.1", "curl"), 200);
        CallRecord anonymous = trail.begin("r2", "GET", "/v2/app/manifests/latest", null, "127.0.0.1", "curl");
        trail.end(anonymous, 401);
        assertThat(all()).isEmpty();
    }

    @Test
    void aV2RequestRefusedBeforeTheAuthorizationPointIsStillNamedAsItsEcrAction() throws Exception {
        CallRecord r = trail.begin("r3", "PUT", "/v2/team/app/manifests/v1", null, "127.0.0.1", "skopeo/1.13");
        CallRecord.identity(Principal.root(ACCOUNT), "AKIAEXAMPLEROOT00001");
        CallRecord.failed("RepositoryNotFoundException", "The repository with name 'team/app' does not exist");
        trail.end(r, 404);
        JsonNode rec = onlyRecord();
        assertThat(rec.path("eventName").asText()).isEqualTo("PutImage");
        assertThat(rec.path("errorCode").asText()).isEqualTo("RepositoryNotFoundException");
        assertThat(rec.path("requestParameters").path("repositoryName").asText()).isEqualTo("team/app");
        assertThat(rec.path("requestParameters").path("imageTag").asText()).isEqualTo("v1");
        assertThat(rec.path("awsRegion").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void theWriterStoresEverythingQueuedBeforeItStops() {
        for (int i = 0; i < 1200; i++) call("ListUsers", Map.of(), null, null);
        trail.close();
        assertThat(store.find(new AuditStore.Query(ACCOUNT, 0, Long.MAX_VALUE, null, null, null, 2000))).hasSize(1200);
        assertThat(trail.dropped()).isZero();
    }
}
