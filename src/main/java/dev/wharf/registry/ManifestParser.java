package dev.wharf.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates the four manifest formats (Docker image manifest v2 schema 2, Docker
 * manifest list, OCI image manifest, OCI image index) per the OCI image-spec and Docker's
 * schema 2 document. Every failure is MANIFEST_INVALID with a message naming the field.
 */
public final class ManifestParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ManifestParser() {}

    /**
     * @param contentType the request's Content-Type (may be null)
     */
    public static ParsedManifest parse(byte[] bytes, String contentType) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw invalid("the manifest is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) throw invalid("the manifest must be a JSON object");

        String ct = normalise(contentType);
        String declared = text(root, "mediaType", false);
        if (MediaTypes.DOCKER_SCHEMA1.equals(ct) || MediaTypes.DOCKER_SCHEMA1_SIGNED.equals(ct)
                || (root.path("schemaVersion").asInt(0) == 1)) {
            throw invalid("Docker image manifest schema 1 is not supported: push with schema 2 or OCI (e.g. skopeo --format v2s2 or oci)");
        }
        String mediaType;
        if (declared != null && ct != null && MediaTypes.MANIFESTS.contains(ct) && !declared.equals(ct)) {
            throw invalid("the manifest's mediaType '" + declared + "' does not match the Content-Type '" + ct + "'");
        }
        if (declared != null) {
            mediaType = declared;
        } else if (ct != null && MediaTypes.MANIFESTS.contains(ct)) {
            mediaType = ct;
        } else if (root.has("manifests")) {
            mediaType = MediaTypes.OCI_INDEX;
        } else {
            mediaType = MediaTypes.OCI_MANIFEST;
        }
        if (!MediaTypes.MANIFESTS.contains(mediaType)) {
            throw invalid("unsupported manifest media type '" + mediaType + "'; supported: " + String.join(", ", MediaTypes.MANIFESTS.stream().sorted().toList()));
        }
        JsonNode sv = root.get("schemaVersion");
        if (sv == null || !sv.isInt() || sv.asInt() != 2) throw invalid("schemaVersion must be 2");

        Digest digest = Digest.sha256(bytes);
        Map<String, String> annotations = annotations(root, "annotations");
        Descriptor subject = root.has("subject") && !root.get("subject").isNull() ? descriptor(root.get("subject"), "subject") : null;
        String artifactType = text(root, "artifactType", false);

        if (MediaTypes.isIndex(mediaType)) {
            if (root.has("config") || root.has("layers")) {
                throw invalid("an image index must not have 'config' or 'layers'");
            }
            List<Descriptor> children = descriptors(root, "manifests", true);
            return new ParsedManifest(mediaType, digest, bytes, artifactType, null, List.of(), children, subject, annotations);
        }
        if (root.has("manifests")) throw invalid("an image manifest must not have 'manifests'");
        JsonNode configNode = root.get("config");
        if (configNode == null) throw invalid("the manifest has no 'config' descriptor");
        Descriptor config = descriptor(configNode, "config");
        List<Descriptor> layers = descriptors(root, "layers", true);
        if (artifactType == null && MediaTypes.OCI_MANIFEST.equals(mediaType)
                && !MediaTypes.OCI_IMAGE_CONFIG.equals(config.mediaType())) {
            // image-spec §"Guidelines for Artifact Usage": without artifactType the config's media type names the artifact
            artifactType = config.mediaType();
        }
        return new ParsedManifest(mediaType, digest, bytes, artifactType, config, layers, List.of(), subject, annotations);
    }

    private static String normalise(String contentType) {
        if (contentType == null) return null;
        int semi = contentType.indexOf(';');
        String t = (semi >= 0 ? contentType.substring(0, semi) : contentType).trim();
        return t.isEmpty() ? null : t;
    }

    private static List<Descriptor> descriptors(JsonNode root, String field, boolean required) {
        JsonNode arr = root.get(field);
        if (arr == null || arr.isNull()) {
            if (required) throw invalid("the manifest has no '" + field + "' array");
            return List.of();
        }
        if (!arr.isArray()) throw invalid("'" + field + "' must be an array");
        List<Descriptor> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            out.add(descriptor(arr.get(i), field + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
    }

    private static Descriptor descriptor(JsonNode n, String where) {
        if (!n.isObject()) throw invalid("'" + where + "' must be a descriptor object");
        String mt = text(n, "mediaType", true, where);
        String d = text(n, "digest", true, where);
        Digest digest;
        try {
            digest = Digest.parse(d);
        } catch (WharfException e) {
            throw invalid("'" + where + ".digest': " + e.getMessage());
        }
        JsonNode size = n.get("size");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
            throw invalid("'" + where + ".size' must be a non-negative integer");
        }
        return new Descriptor(mt, digest, size.asLong(), text(n, "artifactType", false, where), annotations(n, where + ".annotations"));
    }

    private static Map<String, String> annotations(JsonNode n, String where) {
        JsonNode a = n.get("annotations");
        if (a == null || a.isNull()) return Map.of();
        if (!a.isObject()) throw invalid("'" + where + "' must be an object of strings");
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = a.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) throw invalid("'" + where + "." + e.getKey() + "' must be a string");
            out.put(e.getKey(), e.getValue().asText());
        }
        return Collections.unmodifiableMap(out);
    }

    private static String text(JsonNode n, String field, boolean required) {
        return text(n, field, required, null);
    }

    private static String text(JsonNode n, String field, boolean required, String where) {
        JsonNode v = n.get(field);
        String name = where == null ? field : where + "." + field;
        if (v == null || v.isNull()) {
            if (required) throw invalid("'" + name + "' is required");
            return null;
        }
        if (!v.isTextual()) throw invalid("'" + name + "' must be a string");
        return v.asText();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }

    private static WharfException invalid(String message) {
        return new WharfException(ErrorCode.MANIFEST_INVALID, "Invalid manifest: " + message);
    }
}
