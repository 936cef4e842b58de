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

    /** ECR's {@code tags}: a list of {@code {Key, Value}}, at most 50. */
    Map<String, String> tags(String member) {
        List<JsonInput> list = objects(member, 0, 200);
        if (list == null) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonInput t : list) {
            String k = t.string("Key");
            String v = t.string("Value");
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'tags': a tag Key must be 1 to 128 characters");
            }
            if (v == null || v.length() > 256) {
                throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'tags': a tag Value must be 0 to 256 characters");
            }
            out.put(k, v);
        }
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
