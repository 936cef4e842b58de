package dev.wharf.registry;

import dev.wharf.config.ConfigLoader;
import dev.wharf.config.WharfConfig;
import dev.wharf.iam.IdentityPolicies;
import dev.wharf.policy.Principal;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.blob.FileSystemBlobStore;
import dev.wharf.storage.meta.CachingMetadataStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;
import dev.wharf.storage.meta.MetadataStores;
import dev.wharf.storage.meta.SqliteMetadataStores;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The real registry services over a real SQLite database and filesystem blob store in a temporary
 * directory, called in-process as the account's root, for garbage-collection tests.
 */
final class GcFixture implements AutoCloseable {
    static final String ACCOUNT = "111122223333";

    final Path dir;
    final Clock clock;
    final MetadataStore rawMeta;
    final MetadataStore meta;
    final BlobStore store;
    final Repositories repositories;
    final Blobs blobs;
    final Images images;
    final Caller caller;

    GcFixture(Path dir, Clock clock) {
        this(dir, clock, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** {@code wrapMeta} and {@code wrapStore} may put a fault injector around the real stores the services use. */
    GcFixture(Path dir, Clock clock, UnaryOperator<MetadataStore> wrapMeta, UnaryOperator<BlobStore> wrapStore) {
        this(dir, clock, wrapMeta, wrapStore, Map.of());
    }

    /** {@code env}: configuration as the server reads it from its environment (e.g. WHARF_STORAGE_INLINE_BLOB_BYTES). */
    GcFixture(Path dir, Clock clock, UnaryOperator<MetadataStore> wrapMeta, UnaryOperator<BlobStore> wrapStore, Map<String, String> env) {
        this.dir = dir;
        this.clock = clock;
        WharfConfig config = new ConfigLoader(env).load(new ConfigLoader.Flags(null, null, dir, null));
        MetadataStores stores = SqliteMetadataStores.openAll(dir.resolve("wharf.db"));
        this.rawMeta = stores.meta();
        this.meta = wrapMeta.apply(CachingMetadataStore.wrap(rawMeta));
        try {
            // as the server has it: small blobs in the database (through the services' metadata store), the rest as files
            this.store = wrapStore.apply(new InlineBlobStore(new FileSystemBlobStore(dir), meta,
                    (int) config.storage().inlineBlobBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rawMeta.findAccount(ACCOUNT).isEmpty()) {
            rawMeta.createAccount(new Rows.Account(ACCOUNT, true, 1),
                    new Rows.AccessKey("AKIAGCFIXTURE0000001", ACCOUNT, null, "enc", "Active", 1));
        }
        RegistrySettings settings = RegistrySettings.from(config, clock);
        AccessControl access = new PolicyAccessControl(meta, stores.iam(), new IdentityPolicies(stores.iam()), settings);
        this.repositories = new Repositories(meta, access, settings, new CreationTemplates(meta, access, settings));
        this.blobs = new Blobs(meta, store, repositories, settings);
        this.images = new Images(meta, repositories, settings, new PullTimeExclusions(meta, access, settings),
                new Archive(meta, repositories, settings, java.time.Duration.ofMinutes(20)), ImageEvents.NONE);
        this.caller = new Caller(Principal.root(ACCOUNT), "AKIAGCFIXTURE0000001", "127.0.0.1", "test", true, Instant.now());
    }

    GarbageCollector collector() {
        return collector(meta, store);
    }

    GarbageCollector collector(MetadataStore m, BlobStore s) {
        return new GarbageCollector(m, s, clock, new LeaseExclusive(m, "gc", Duration.ofHours(1), clock));
    }

    GarbageCollector.Report gc(Duration grace) {
        return collector().run(grace, false);
    }

    void createRepository(String name) {
        repositories.create(caller, ACCOUNT, new Repositories.CreateRequest(name, null, List.of(), false, null, null, Map.of()));
    }

    /** Uploads bytes as a blob of the repository (monolithic POST). */
    Digest pushBlob(String repo, byte[] bytes) {
        Digest d = Digest.compute(Digest.Algorithm.SHA256, bytes);
        blobs.upload(caller, ACCOUNT, repo, d, (long) bytes.length, new ByteArrayInputStream(bytes));
        return d;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An OCI image manifest over the given config and layers (each a blob already pushed). */
    static byte[] manifest(byte[] config, List<byte[]> layers, Digest subject, long subjectSize) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",");
        sb.append("\"config\":").append(descriptor("application/vnd.oci.image.config.v1+json", config)).append(",\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layers.get(i)));
        }
        sb.append(']');
        if (subject != null) {
            sb.append(",\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"").append(subject)
                    .append("\",\"size\":").append(subjectSize).append('}');
        }
        return bytes(sb.append('}').toString());
    }

    static byte[] index(List<byte[]> manifests) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[");
        for (int i = 0; i < manifests.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(descriptor("application/vnd.oci.image.manifest.v1+json", manifests.get(i)));
        }
        return bytes(sb.append("]}").toString());
    }

    private static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.compute(Digest.Algorithm.SHA256, content)
                + "\",\"size\":" + content.length + "}";
    }

    /** Pushes config and layers, then the manifest under {@code tag} (null: by digest). */
    Digest pushImage(String repo, String tag, byte[] config, List<byte[]> layers) {
        pushBlob(repo, config);
        for (byte[] l : layers) pushBlob(repo, l);
        return putManifest(repo, tag, manifest(config, layers, null, 0));
    }

    Digest putManifest(String repo, String tag, byte[] body) {
        Digest d = Digest.compute(Digest.Algorithm.SHA256, body);
        Images.Reference ref = tag == null ? new Images.ByDigest(d) : new Images.ByTag(ImageTag.of(tag));
        String type = new String(body, StandardCharsets.UTF_8).contains("image.index") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        return images.put(caller, ACCOUNT, repo, ref, body, type).digest();
    }

    void deleteImage(String repo, Digest manifest) {
        images.delete(caller, ACCOUNT, repo, new Images.ByDigest(manifest));
    }

    /** Pulls a blob through the repository and checks its bytes against its digest. */
    boolean pullsAndVerifies(String repo, Digest d) {
        try (InputStream in = blobs.open(blobs.get(caller, ACCOUNT, repo, d), 0)) {
            return Digest.compute(d.algorithm(), in.readAllBytes()).equals(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The digests whose bytes are in the blob store. */
    Set<Digest> stored() {
        try {
            return new HashSet<>(store.list());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        meta.close();
    }
}
