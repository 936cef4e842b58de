package dev.wharf.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.testing.TestServer;
import dev.wharf.testing.V2;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Image events reach a real HTTP receiver in EventBridge's shape, at least once, across failures and restarts. */
class ImageEventWebhookTest {

    private static Map<String, String> env(WebhookReceiver receiver) {
        return Map.of("WHARF_EVENTS_WEBHOOK_URLS", receiver.url());
    }

    /** A receiver started and stopped at once: a URL where nobody listens, until {@code on(port)} comes back. */
    private static WebhookReceiver stopped() {
        WebhookReceiver receiver = WebhookReceiver.start(0);
        receiver.close();
        return receiver;
    }

    private static V2 v2(TestServer s) {
        return new V2(s.port(), null, Base64.getEncoder().encodeToString(("AWS:" + s.registryPassword()).getBytes(StandardCharsets.UTF_8)));
    }

    private static String manifestDigest(TestServer s, String repo, String tag) {
        try (EcrClient ecr = s.ecr()) {
            return ecr.batchGetImage(r -> r.repositoryName(repo).imageIds(ImageIdentifier.builder().imageTag(tag).build()))
                    .images().get(0).imageId().imageDigest();
        }
    }

    @Test
    void aPushMadeWhileTheReceiverIsDownArrivesAfterWharfRestartsAndTheReceiverComesUp() throws Exception {
        WebhookReceiver down = stopped();
        Path data = Files.createTempDirectory("wharf-events");
        String digest;
        try (TestServer s = TestServer.startOn(data, env(down))) {
            s.createRepositories("team/app");
            assertThat(v2(s).pushImage("team/app", "v1").status()).isEqualTo(201);
            digest = manifestDigest(s, "team/app", "v1");
        }
        try (WebhookReceiver receiver = WebhookReceiver.on(down.port(), 0); TestServer s = TestServer.startOn(data, env(receiver))) {
            JsonNode e = receiver.next();
            assertThat(e.get("version").asText()).isEqualTo("0");
            assertThat(e.get("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(e.get("detail-type").asText()).isEqualTo("ECR Image Action");
            assertThat(e.get("source").asText()).isEqualTo("aws.ecr");
            assertThat(e.get("account").asText()).isEqualTo(TestServer.ACCOUNT);
            assertThat(e.get("region").asText()).isEqualTo(TestServer.REGION);
            assertThat(e.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(e.get("resources").isArray()).isTrue();
            JsonNode d = e.get("detail");
            assertThat(d.get("result").asText()).isEqualTo("SUCCESS");
            assertThat(d.get("repository-name").asText()).isEqualTo("team/app");
            assertThat(d.get("image-digest").asText()).isEqualTo(digest);
            assertThat(d.get("action-type").asText()).isEqualTo("PUSH");
            assertThat(d.get("image-tag").asText()).isEqualTo("v1");
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void eventsWaitingForADownReceiverShowAsPendingInTheMetrics() throws Exception {
        try (TestServer s = TestServer.startWithManagement(env(stopped()))) {
            s.createRepositories("app");
            V2 v2 = v2(s);
            assertThat(v2.pushImage("app", "a").status()).isEqualTo(201);
            assertThat(v2.pushImage("app", "b").status()).isEqualTo(201);
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + s.managementPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("wharf_events_pending 2");
        }
    }

    @Test
    void aReceiverThatAnswersErrorsGetsTheEventAgainUntilItAcceptsIt() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(2); TestServer s = TestServer.start(env(receiver))) {
            s.createRepositories("app");
            assertThat(v2(s).pushImage("app", "latest").status()).isEqualTo(201);
            JsonNode e = receiver.next();
            assertThat(e.at("/detail/action-type").asText()).isEqualTo("PUSH");
            assertThat(receiver.posts()).isEqualTo(3);
        }
    }

    @Test
    void anEcrBatchDeleteImageByTagIsADeleteEventWithTheTagAndDigest() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(0); TestServer s = TestServer.start(env(receiver))) {
            s.createRepositories("app");
            assertThat(v2(s).pushImage("app", "old").status()).isEqualTo(201);
            JsonNode push = receiver.next();
            try (EcrClient ecr = s.ecr()) {
                ecr.batchDeleteImage(r -> r.repositoryName("app").imageIds(ImageIdentifier.builder().imageTag("old").build()));
            }
            JsonNode e = receiver.next();
            assertThat(e.at("/detail/action-type").asText()).isEqualTo("DELETE");
            assertThat(e.at("/detail/image-tag").asText()).isEqualTo("old");
            assertThat(e.at("/detail/image-digest").asText()).isEqualTo(push.at("/detail/image-digest").asText());
            assertThat(e.get("id").asText()).isNotEqualTo(push.get("id").asText());
        }
    }

    @Test
    void aDeleteByDigestOnTheOciDoorHasNoImageTag() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(0); TestServer s = TestServer.start(env(receiver))) {
            s.createRepositories("app");
            V2 v2 = v2(s);
            assertThat(v2.pushImage("app", "t").status()).isEqualTo(201);
            String digest = receiver.next().at("/detail/image-digest").asText();
            assertThat(v2.send("DELETE", "/v2/app/manifests/" + digest, null, null).status()).isEqualTo(202);
            JsonNode e = receiver.next();
            assertThat(e.at("/detail/action-type").asText()).isEqualTo("DELETE");
            assertThat(e.at("/detail/image-digest").asText()).isEqualTo(digest);
            assertThat(e.get("detail").has("image-tag")).isFalse();
        }
    }
}
