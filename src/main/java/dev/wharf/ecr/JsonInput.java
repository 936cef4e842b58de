package dev.wharf.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads members of an awsJson1_1 request body with the ECR model's constraints. A member of the
 * wrong JSON type is SerializationException (as AWS's deserializer answers); a constraint failure
 * is InvalidParameterException naming the member.
 */
final class JsonInput {
    private final JsonNode root;

    JsonInput(JsonNode root) {
        this.root = root;
    }

    JsonNode node() {
        return root;
    }

    boolean has(String member) {
        JsonNode n = root.get(member);
        return n != null && !n.isNull();
    }

    String string(String member) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw serialization(member, "a string");
        return n.asText();
    }

    String requiredString(String member) {
        String s = string(member);
        if (s == null) throw invalid("Missing required parameter '" + member + "'");
        return s;
    }

    String string(String member, int min, int max) {
        String s = string(member);
        if (s != null && (s.length() < min || s.length() > max)) {
            throw invalid("Invalid parameter at '" + member + "' failed to satisfy constraint: 'Member must have length between "
                    + min + " and " + max + "'");
        }
        return s;
    }

    String enumValue(String member, Set<String> allowed) {
        String s = string(member);
        if (s != null && !allowed.contains(s)) {
            throw invalid("Invalid parameter at '" + member + "' failed to satisfy constraint: 'Member must satisfy enum value set: "
                    + allowed.stream().sorted().toList() + "'");
        }
        return s;
    }

    Boolean bool(String member) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) return null;
        if (!n.isBoolean()) throw serialization(member, "a boolean");
        return n.asBoolean();
    }

    Integer integer(String member, int min, int max) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw serialization(member, "an integer");
        int v = n.asInt();
        if (v < min || v > max) {
            throw invalid("Invalid parameter at '" + member + "' failed to satisfy constraint: 'Member must have value "
                    + (v < min ? "greater than or equal to " + min : "less than or equal to " + max) + "'");
        }
        return v;
    }

    Long longValue(String member, long min) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw serialization(member, "an integer");
        long v = n.asLong();
        if (v < min) {
            throw invalid("Invalid parameter at '" + member + "' failed to satisfy constraint: 'Member must have value greater than or equal to "
                    + min + "'");
        }
        return v;
    }

    long requiredLong(String member, long min) {
        Long v = longValue(member, min);
        if (v == null) throw invalid("Missing required parameter '" + member + "'");
        return v;
    }

    /** A blob member: base64 text in awsJson1_1. */
    byte[] requiredBlob(String member) {
        String s = requiredString(member);
        try {
            return java.util.Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new WharfException(ErrorCode.SERIALIZATION, "'" + member + "' must be base64-encoded");
        }
    }

    JsonInput requiredObject(String member) {
        JsonInput o = object(member);
        if (o == null) throw invalid("Missing required parameter '" + member + "'");
        return o;
    }

    List<JsonInput> requiredObjects(String member, int min, int max) {
        List<JsonInput> l = objects(member, min, max);
        if (l == null) throw invalid("Missing required parameter '" + member + "'");
        return l;
    }

    List<String> requiredStrings(String member, int min, int max) {
        List<String> l = strings(member, min, max);
        if (l == null) throw invalid("Missing required parameter '" + member + "'");
        return l;
    }

    JsonInput object(String member) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw serialization(member, "an object");
        return new JsonInput(n);
    }

    List<JsonInput> objects(String member, int min, int max) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw serialization(member, "a list");
        checkSize(member, n.size(), min, max);
        List<JsonInput> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isObject()) throw serialization(member, "a list of objects");
            out.add(new JsonInput(e));
        }
        return out;
    }

    List<String> strings(String member, int min, int max) {
        JsonNode n = root.get(member);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw serialization(member, "a list");
        checkSize(member, n.size(), min, max);
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) throw serialization(member, "a list of strings");
            out.add(e.asText());
        }
        return out;
    }

    /** ECR's {@code tags}: a list of {@code {Key, Value}}; the tagging rules are checked by {@code registry.ResourceTags}. */
    Map<String, String> tags(String member) {
        List<JsonInput> list = objects(member, 0, Integer.MAX_VALUE);
        if (list == null) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonInput t : list) out.put(t.string("Key"), t.string("Value"));
        return out;
    }

    private static void checkSize(String member, int size, int min, int max) {
        if (size < min || size > max) {
            throw invalid("Invalid parameter at '" + member + "' failed to satisfy constraint: 'Member must have length between "
                    + min + " and " + max + "'");
        }
    }

    static WharfException invalid(String message) {
        return new WharfException(ErrorCode.INVALID_PARAMETER, message);
    }

    private static WharfException serialization(String member, String what) {
        return new WharfException(ErrorCode.SERIALIZATION, "'" + member + "' must be " + what);
    }
}
