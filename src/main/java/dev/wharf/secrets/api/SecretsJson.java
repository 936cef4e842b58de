package dev.wharf.secrets.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.secrets.SecretRequests;
import dev.wharf.secrets.SecretRequests.Details;
import dev.wharf.secrets.SecretRequests.Filter;
import dev.wharf.secrets.SecretRequests.Tag;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The awsJson shapes of the Secrets Manager door: fields read with their model types (a wrong JSON
 * type is SerializationException, naming the field, never its value) and answers written with the
 * model's member names; timestamps are epoch seconds.
 */
final class SecretsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretsJson() {}

    static boolean present(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n != null && !n.isNull() && !(n.isArray() && n.isEmpty());
    }

    static String string(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw serialization(field + " must be a string");
        return n.asText();
    }

    static byte[] binary(JsonNode in, String field) {
        String b64 = string(in, field);
        if (b64 == null) return null;
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw serialization(field + " must be base64");
        }
    }

    static boolean bool(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) return false;
        if (!n.isBoolean()) throw serialization(field + " must be a boolean");
        return n.asBoolean();
    }

    static Long longValue(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw serialization(field + " must be an integer");
        return n.asLong();
    }

    static Integer integer(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw serialization(field + " must be an integer");
        return n.asInt();
    }

    static List<String> strings(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw serialization(field + " must be a list");
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) throw serialization(field + " must be a list of strings");
            out.add(e.asText());
        }
        return out;
    }

    static List<Tag> tags(JsonNode in) {
        JsonNode n = in.get("Tags");
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw serialization("Tags must be a list");
        List<Tag> out = new ArrayList<>();
        for (JsonNode t : n) {
            if (!t.isObject()) throw serialization("Tags must be a list of Key/Value structures");
            out.add(new Tag(string(t, "Key"), string(t, "Value")));
        }
        return out;
    }

    static List<Filter> filters(JsonNode in) {
        JsonNode n = in.get("Filters");
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw serialization("Filters must be a list");
        List<Filter> out = new ArrayList<>();
        for (JsonNode f : n) {
            if (!f.isObject()) throw serialization("Filters must be a list of Key/Values structures");
            out.add(new Filter(string(f, "Key"), strings(f, "Values")));
        }
        return out;
    }

    static ObjectNode created(SecretRequests.Created c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ARN", c.arn());
        o.put("Name", c.name());
        if (c.versionId() != null) o.put("VersionId", c.versionId());
        return o;
    }

    static ObjectNode value(SecretRequests.Value v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ARN", v.arn());
        o.put("Name", v.name());
        o.put("VersionId", v.versionId());
        if (v.value().isBinary()) o.put("SecretBinary", Base64.getEncoder().encodeToString(v.value().binary()));
        else o.put("SecretString", v.value().text());
        ArrayNode stages = o.putArray("VersionStages");
        v.stages().forEach(stages::add);
        o.put("CreatedDate", seconds(v.createdAt()));
        return o;
    }

    static ObjectNode stored(SecretRequests.Stored s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ARN", s.arn());
        o.put("Name", s.name());
        o.put("VersionId", s.versionId());
        ArrayNode stages = o.putArray("VersionStages");
        s.stages().forEach(stages::add);
        return o;
    }

    /** DescribeSecret's answer, or a ListSecrets entry: the versions map is named differently in each. */
    static ObjectNode details(Details d, String versionsField) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ARN", d.arn());
        o.put("Name", d.name());
        if (d.description() != null) o.put("Description", d.description());
        o.put("LastChangedDate", seconds(d.lastChangedAt()));
        if (d.lastAccessedAt() != null) o.put("LastAccessedDate", seconds(d.lastAccessedAt()));
        if (d.deletionDate() != null) o.put("DeletedDate", seconds(d.deletionDate()));
        if (!d.tags().isEmpty()) {
            ArrayNode tags = o.putArray("Tags");
            d.tags().forEach(t -> tags.addObject().put("Key", t.key()).put("Value", t.value()));
        }
        ObjectNode versions = o.putObject(versionsField);
        d.versionStages().forEach((id, stages) -> {
            ArrayNode a = versions.putArray(id);
            stages.forEach(a::add);
        });
        o.put("CreatedDate", seconds(d.createdAt()));
        o.put("PrimaryRegion", d.region());
        return o;
    }

    static ObjectNode page(SecretRequests.Page p) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode list = o.putArray("SecretList");
        p.secrets().forEach(d -> list.add(details(d, "SecretVersionsToStages")));
        if (p.nextToken() != null) o.put("NextToken", p.nextToken());
        return o;
    }

    static ObjectNode deleted(SecretRequests.Deleted d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ARN", d.arn());
        o.put("Name", d.name());
        o.put("DeletionDate", seconds(d.deletionDate()));
        return o;
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    private static WharfException serialization(String message) {
        return new WharfException(ErrorCode.SERIALIZATION, message);
    }
}
