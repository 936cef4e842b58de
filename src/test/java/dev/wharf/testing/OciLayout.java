package dev.wharf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes OCI image layouts (image-spec §"OCI Image Layout") on disk for {@code skopeo copy oci:DIR:TAG}:
 * images with real gzip'd tar layers, image indexes, and artifacts with a {@code subject}; and
 * reads one back. Tags are {@code org.opencontainers.image.ref.name} annotations in index.json.
 */
public final class OciLayout {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private final Path dir;
    private final ArrayNode refs = JSON.createArrayNode();

    /** A content descriptor: what a manifest says of a blob or of another manifest. */
    public record Descriptor(String mediaType, String digest, long size) {
        ObjectNode json() {
            ObjectNode n = JSON.createObjectNode();
            n.put("mediaType", mediaType);
            n.put("digest", digest);
            n.put("size", size);
            return n;
        }
    }

    public OciLayout(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() { return dir; }

    public Descriptor blob(String mediaType, byte[] content) {
        String digest = OciClient.sha256(content);
        try {
            Files.write(dir.resolve("blobs/sha256").resolve(digest.substring(7)), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Descriptor(mediaType, digest, content.length);
    }

    /** A single-platform image: one gzip'd tar layer per entry of {@code layerSizes}, each holding random bytes. */
    public Descriptor image(String os, String arch, long seed, int... layerSizes) {
        List<Descriptor> layers = new ArrayList<>();
        ArrayNode diffIds = JSON.createArrayNode();
        Random random = new Random(seed);
        for (int i = 0; i < layerSizes.length; i++) {
            byte[] data = new byte[layerSizes[i]];
            random.nextBytes(data);
            byte[] tar = tar("layer-" + i + ".bin", data);
            diffIds.add(OciClient.sha256(tar));
            layers.add(blob("application/vnd.oci.image.layer.v1.tar+gzip", gzip(tar)));
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", arch);
        config.put("os", os);
        config.putObject("config").putArray("Cmd").add("/layer-0.bin");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.set("diff_ids", diffIds);
        Descriptor cfg = blob("application/vnd.oci.image.config.v1+json", bytes(config));
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        m.set("config", cfg.json());
        ArrayNode ls = m.putArray("layers");
        layers.forEach(l -> ls.add(l.json()));
        return blob(OCI_MANIFEST, bytes(m));
    }

    /** An image index of the given manifests, each with its platform. */
    public Descriptor index(Map<Descriptor, String> platforms) {
        ObjectNode idx = JSON.createObjectNode();
        idx.put("schemaVersion", 2);
        idx.put("mediaType", OCI_INDEX);
        ArrayNode ms = idx.putArray("manifests");
        platforms.forEach((d, platform) -> {
            ObjectNode n = d.json();
            String[] osArch = platform.split("/");
            n.putObject("platform").put("os", osArch[0]).put("architecture", osArch[1]);
            ms.add(n);
        });
        return blob(OCI_INDEX, bytes(idx));
    }

    /** An artifact (image-spec §"Guidelines for Artifact Usage"): empty config, one layer, {@code subject}. */
    public Descriptor artifact(String artifactType, Descriptor subject, byte[] payload) {
        Descriptor empty = blob("application/vnd.oci.empty.v1+json", "{}".getBytes(StandardCharsets.UTF_8));
        Descriptor layer = blob("application/vnd.example.payload", payload);
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        m.put("artifactType", artifactType);
        m.set("config", empty.json());
        m.putArray("layers").add(layer.json());
        m.set("subject", subject.json());
        m.putObject("annotations").put("org.opencontainers.image.created", "2024-01-01T00:00:00Z");
        return blob(OCI_MANIFEST, bytes(m));
    }

    /** Names {@code manifest} with {@code tag} in index.json (writes the file). */
    public OciLayout tag(String tag, Descriptor manifest) {
        ObjectNode n = manifest.json();
        n.putObject("annotations").put(REF_NAME, tag);
        refs.add(n);
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.set("manifests", refs);
        try {
            Files.write(dir.resolve("index.json"), bytes(index));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public byte[] read(String digest) {
        try {
            return Files.readAllBytes(dir.resolve("blobs").resolve(digest.replace(':', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The descriptor that index.json of a layout at {@code dir} names {@code tag}. */
    public static JsonNode tagged(Path dir, String tag) {
        try {
            for (JsonNode m : JSON.readTree(dir.resolve("index.json").toFile()).path("manifests")) {
                if (tag.equals(m.path("annotations").path(REF_NAME).asText())) return m;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no manifest tagged " + tag + " in " + dir);
    }

    /** Every blob digest the manifest (or index, recursively) at {@code digest} needs, itself included. */
    public List<String> closure(String digest) {
        List<String> out = new ArrayList<>();
        out.add(digest);
        try {
            JsonNode m = JSON.readTree(read(digest));
            if (m.has("manifests")) {
                for (JsonNode child : m.get("manifests")) out.addAll(closure(child.get("digest").asText()));
            } else {
                out.add(m.path("config").path("digest").asText());
                for (JsonNode l : m.path("layers")) out.add(l.get("digest").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static byte[] bytes(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A POSIX ustar archive holding one regular file. */
    static byte[] tar(String name, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", data.length));
        put(h, 136, String.format("%011o", 0));
        for (int i = 148; i < 156; i++) h[i] = ' ';
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        long sum = 0;
        for (byte b : h) sum += b & 0xff;
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        out.writeBytes(h);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
