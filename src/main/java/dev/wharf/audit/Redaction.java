package dev.wharf.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps secrets out of audit records. A field whose name says it holds a secret (a password, a
 * secret key, any token, a signature, a credential, a private key) or content (a manifest, a layer
 * part) is replaced by CloudTrail's own placeholder, at any depth. Parameters too large to keep are
 * replaced by a note, as CloudTrail omits oversized elements.
 */
public final class Redaction {
    /** What CloudTrail writes in place of a sensitive value. */
    public static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    /** The largest serialized requestParameters or responseElements kept. */
    static final int MAX_ELEMENT_CHARS = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SECRET_WORDS = {"password", "secret", "token", "signature", "credential", "privatekey"};
    private static final Set<String> CONTENT = Set.of("imagemanifest", "layerpartblob");
    /** Names that hold a secret word but name a secret rather than hold one: CloudTrail shows them. */
    private static final Set<String> IDENTIFIERS = Set.of("secretid", "secretarn", "credentialarn");
    private static final Set<String> QUERY_PROTOCOL = Set.of("Action", "Version");

    private Redaction() {}

    static boolean sensitive(String fieldName) {
        String n = fieldName.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (CONTENT.contains(n)) return true;
        if (IDENTIFIERS.contains(n)) return false;
        for (String w : SECRET_WORDS) if (n.contains(w)) return true;
        return false;
    }

    /** A redacted copy; null stays null. */
    static JsonNode redact(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        JsonNode copy = copy(node);
        if (copy.toString().length() > MAX_ELEMENT_CHARS) {
            ObjectNode note = JSON.createObjectNode();
            note.put("omitted", "larger than " + MAX_ELEMENT_CHARS + " characters");
            return note;
        }
        return copy;
    }

    private static JsonNode copy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(),
                    sensitive(e.getKey()) ? JSON.getNodeFactory().textNode(HIDDEN) : copy(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(n -> out.add(copy(n)));
            return out;
        }
        return node;
    }

    /** A Query request's parameters as CloudTrail shows them: names with a lower-case first letter. */
    static JsonNode queryParameters(Map<String, String> params) {
        ObjectNode out = JSON.createObjectNode();
        new TreeMap<>(params).forEach((k, v) -> {
            if (!QUERY_PROTOCOL.contains(k) && !k.isEmpty()) {
                out.put(Character.toLowerCase(k.charAt(0)) + k.substring(1), v);
            }
        });
        return out;
    }
}
