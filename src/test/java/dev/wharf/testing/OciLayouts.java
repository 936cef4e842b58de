package dev.wharf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Small OCI image layouts (image-spec §"OCI Image Layout") on disk, the source and target of
 * {@code skopeo copy oci:DIR:TAG}: one single-platform image per layout, layers that are real
 * gzip'd tar archives, the tag as the {@code org.opencontainers.image.ref.name} annotation.
 */
public final class OciLayouts {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciLayouts() {}

    /** An image written to a layout: its manifest, its config and its layers, each as the bytes stored. */
    public record Image(Path dir, String tag, byte[] manifest, byte[] config, List<byte[]> layers) {
        public String digest() {
            return sha256(manifest);
        }

        public String configDigest() {
            return sha256(config);
        }

        public String layerDigest(int i) {
            return sha256(layers.get(i));
        }

        /** {@code oci:DIR:TAG}, the skopeo transport reference of this image. */
        public String reference() {
            return "oci:" + dir + ":" + tag;
        }
    }

    /**
     * Writes a layout at {@code dir} holding one image tagged {@code tag}: one gzip'd tar layer per
     * entry of {@code layerSizes}, each a file of that many pseudo-random bytes from {@code seed}.
     */
    public static Image image(Path dir, String tag, long seed, int... layerSizes) {
        Random random = new Random(seed);
        List<byte[]> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layerSizes.length; i++) {
            byte[] data = new byte[layerSizes[i]];
            random.nextBytes(data);
            byte[] tar = tar("file-" + i, data);
            diffIds.add(sha256(tar));
            layers.add(gzip(tar));
        }
        return write(dir, tag, layers, config(seed, diffIds));
    }

    /** Writes a layout at {@code dir} holding an image made of exactly these config and layer bytes. */
    public static Image write(Path dir, String tag, List<byte[]> layers, byte[] config) {
        byte[] manifest = manifest(config, layers);
        try {
            Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
            for (byte[] b : concat(manifest, config, layers)) Files.write(blobs.resolve(sha256(b).substring(7)), b);
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + OCI_MANIFEST
                    + "\",\"digest\":\"" + sha256(manifest) + "\",\"size\":" + manifest.length
                    + ",\"annotations\":{\"" + REF_NAME + "\":\"" + tag + "\"}}]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Image(dir, tag, manifest, config, layers);
    }

    /** An OCI image config for linux/amd64 whose rootfs lists {@code diffIds}; {@code seed} makes it unique. */
    public static byte[] config(long seed, List<String> diffIds) {
        var c = JSON.createObjectNode();
        c.put("architecture", "amd64");
        c.put("os", "linux");
        c.putObject("config").putArray("Env").add("SEED=" + seed);
        var rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        diffIds.forEach(rootfs.putArray("diff_ids")::add);
        return c.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An OCI image manifest of a config and gzip'd tar layers. */
    public static byte[] manifest(byte[] config, List<byte[]> layers) {
        var m = JSON.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        m.putObject("config").put("mediaType", OCI_CONFIG).put("digest", sha256(config)).put("size", config.length);
        var ls = m.putArray("layers");
        for (byte[] l : layers) ls.addObject().put("mediaType", OCI_LAYER_GZIP).put("digest", sha256(l)).put("size", l.length);
        return m.toString().getBytes(StandardCharsets.UTF_8);
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

    /** The bytes of the blob {@code digest} in the layout at {@code dir}. */
    public static byte[] blob(Path dir, String digest) {
        try {
            return Files.readAllBytes(dir.resolve("blobs").resolve(digest.replace(':', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] b) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A gzip'd POSIX tar archive with one regular file, the shape of a real image layer. */
    public static byte[] layer(String fileName, byte[] data) {
        return gzip(tar(fileName, data));
    }

    private static List<byte[]> concat(byte[] manifest, byte[] config, List<byte[]> layers) {
        List<byte[]> all = new ArrayList<>(layers);
        all.add(manifest);
        all.add(config);
        return all;
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
