package dev.wharf.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An "ECR Image Action" event as Amazon EventBridge delivers it (ECR user guide, "Amazon ECR
 * events and EventBridge"): the EventBridge envelope ({@code version} "0", a unique {@code id},
 * {@code detail-type}, {@code source} "aws.ecr", {@code account}, {@code time} to the second in
 * UTC, {@code region}, {@code resources} empty as in ECR's examples) around ECR's {@code detail}.
 */
public record EcrImageAction(String id, String account, String region, Instant time, String repository, String digest,
                             String tag, Action action) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Action { PUSH, DELETE }

    public static EcrImageAction of(String account, String region, Instant time, String repository, String digest, String tag,
                                    Action action) {
        return new EcrImageAction(UUID.randomUUID().toString(), account, region, time, repository, digest, tag, action);
    }

    /** The JSON document a webhook receives, fields in EventBridge's order. */
    public String toJson() {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "0");
        e.put("id", id);
        e.put("detail-type", "ECR Image Action");
        e.put("source", "aws.ecr");
        e.put("account", account);
        e.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", region);
        e.putArray("resources");
        ObjectNode d = e.putObject("detail");
        d.put("result", "SUCCESS");
        d.put("repository-name", repository);
        d.put("image-digest", digest);
        d.put("action-type", action.name());
        if (tag != null) d.put("image-tag", tag);
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }
}
