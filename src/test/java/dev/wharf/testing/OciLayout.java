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
 * Writes OCI image layouts (image-spec §"OCI Image Layout") on disk, the source and target of
 * {@code skopeo copy oci:DIR:TAG}: images with real gzip'd tar layers of random bytes, image
 * indexes, and artifacts with a {@code subject}; and reads layouts back, its own or those skopeo
 * pulled. Tags are {@code org.opencontainers.image.ref.name} annotations in index.json.
 */
public final class OciLayout {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
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

    /** {@code oci:DIR:TAG}, the skopeo transport reference of what this layout tags {@code tag}. */
    public String reference(String tag) {
        return "oci:" + dir + ":" + tag;
    }

    public Descriptor blob(String mediaType, byte[] content) {
        String digest = OciClient.sha256(content);
        try {
            Files.write(dir.resolve("blobs/sha256").resolve(digest.substring(7)), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Descriptor(mediaType, digest, content.length);
    }

    /**
     * A single-platform image: one gzip'd tar layer per entry of {@code layerSizes}, each a file of
     * that many pseudo-random bytes from {@code seed}; rootfs.diff_ids are the digests of the tars.
     */
    public Descriptor image(String os, String arch, long seed, int... layerSizes) {
        List<Descriptor> layers = new ArrayList<>();
        ArrayNode diffIds = JSON.createArrayNode();
        Random random = new Random(seed);
        for (int i = 0; i < layerSizes.length; i++) {
            byte[] data = new byte[layerSizes[i]];
            random.nextBytes(data);
            byte[] tar = tar("layer-" + i + ".bin", data);
            diffIds.add(OciClient.sha256(tar));
            layers.add(blob(OCI_LAYER_GZIP, gzip(tar)));
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", arch);
        config.put("os", os);
        config.putObject("config").putArray("Cmd").add("/layer-0.bin");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.set("diff_ids", diffIds);
        Descriptor cfg = blob(OCI_CONFIG, bytes(config));
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        m.set("config", cfg.json());
        ArrayNode ls = m.putArray("layers");
        layers.forEach(l -> ls.add(l.json()));
        return blob(OCI_MANIFEST, bytes(m));
    }

    /** A linux/amd64 {@link #image}, tagged {@code tag}. */
    public Descriptor taggedImage(String tag, long seed, int... layerSizes) {
        Descriptor image = image("linux", "amd64", seed, layerSizes);
        tag(tag, image);
        return image;
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

    /** The bytes of the blob {@code digest} in this layout. */
    public byte[] read(String digest) {
        return blob(dir, digest);
    }

    /** The config descriptor of the image manifest {@code image}. */
    public Descriptor config(Descriptor image) {
        return descriptor(manifest(image).path("config"));
    }

    /** The layer descriptors of the image manifest {@code image}, in order. */
    public List<Descriptor> layers(Descriptor image) {
        List<Descriptor> out = new ArrayList<>();
        for (JsonNode l : manifest(image).path("layers")) out.add(descriptor(l));
        return out;
    }

    private JsonNode manifest(Descriptor image) {
        try {
            return JSON.readTree(read(image.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Descriptor descriptor(JsonNode n) {
        return new Descriptor(n.path("mediaType").asText(), n.path("digest").asText(), n.path("size").asLong());
    }

    /** The bytes of the blob {@code digest} in the layout at {@code dir}, e.g. one skopeo pulled. */
    public static byte[] blob(Path dir, String digest) {
        try {
            return Files.readAllBytes(dir.resolve("blobs").resolve(digest.replace(':', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The digest that index.json of the layout at {@code dir} names {@code tag}. */
    public static String taggedDigest(Path dir, String tag) {
        try {
            for (JsonNode m : JSON.readTree(dir.resolve("index.json").toFile()).path("manifests")) {
                if (tag.equals(m.path("annotations").path(REF_NAME).asText())) return m.path("digest").asText();
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

    /** POSIX ustar (pax spec §"ustar Interchange Format"): a 512-byte header, the data padded to 512, two zero blocks. */
    private static byte[] tar(String name, byte[] data) {
        byte[] header = new byte[512];
        ascii(header, 0, name);
        ascii(header, 100, "0000644");
        ascii(header, 108, "0000000");
        ascii(header, 116, "0000000");
        ascii(header, 124, "%011o".formatted(data.length));
        ascii(header, 136, "00000000000");
        header[156] = '0';
        ascii(header, 257, "ustar");
        ascii(header, 263, "00");
        // The checksum is computed with its own field read as eight spaces.
        ascii(header, 148, "        ");
        int sum = 0;
        for (byte b : header) sum += b & 0xff;
        ascii(header, 148, "%06o\0 ".formatted(sum));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512 + 1024]);
        return out.toByteArray();
    }

    private static void ascii(byte[] into, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, into, at, b.length);
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
