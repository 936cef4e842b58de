package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.ConflictException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Images: manifests, tags and referrers. */
public final class Images {
    private final MetadataStore meta;
    private final Repositories repositories;
    private final RegistrySettings settings;
    /** Pull times waiting to be written in bulk: repository id → digest → epoch ms. */
    private final Map<Long, Map<String, Long>> pendingPulls = new ConcurrentHashMap<>();

    public Images(MetadataStore meta, Repositories repositories, RegistrySettings settings) {
        this.meta = meta;
        this.repositories = repositories;
        this.settings = settings;
    }

    /** A stored manifest, ready to serve. */
    public record Manifest(Digest digest, String mediaType, byte[] body) {}

    /** What a manifest PUT did. {@code unchanged}: the same manifest was already there under the same tag. */
    public record PutResult(Digest digest, Descriptor subject, boolean unchanged) {}

    /** A reference in a URL: a tag or a digest. */
    public sealed interface Reference permits ByTag, ByDigest {
        static Reference parse(String text) {
            return Digest.looksLikeDigest(text) ? new ByDigest(Digest.parse(text)) : new ByTag(ImageTag.of(text));
        }
    }

    public record ByTag(ImageTag tag) implements Reference {}

    public record ByDigest(Digest digest) implements Reference {}

    // ---------------------------------------------------------------- push

    /**
     * Stores a manifest (ecr:PutImage). Every blob it needs must be linked in the repository
     * (MANIFEST_BLOB_UNKNOWN) and every child of an index must be in it (REFERENCED_IMAGES_NOT_FOUND);
     * its {@code subject} need not exist (distribution-spec: registries MUST accept it).
     */
    public PutResult put(Caller caller, String account, String name, Reference reference, byte[] body, String contentType) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.PUT_IMAGE);
        if (body.length > settings.limits().maxManifestBytes()) {
            throw new WharfException(ErrorCode.TOO_LARGE, "The manifest is " + body.length + " bytes; the maximum is "
                    + settings.limits().maxManifestBytes());
        }
        ParsedManifest m = ManifestParser.parse(body, contentType);
        String tag = null;
        if (reference instanceof ByDigest(Digest d)) {
            Digest actual = d.algorithm() == m.digest().algorithm() ? m.digest() : Digest.compute(d.algorithm(), body);
            if (!actual.equals(d)) {
                throw new WharfException(ErrorCode.IMAGE_DIGEST_MISMATCH, "The manifest digest " + d
                        + " in the request does not match the image digest that Wharf has calculated (" + actual + ")");
            }
        } else if (reference instanceof ByTag(ImageTag t)) {
            tag = t.value();
        }
        if (m.layers().size() > settings.limits().layersPerImage()) {
            throw new WharfException(ErrorCode.TOO_MANY_LAYERS, "The image has " + m.layers().size()
                    + " layers; the maximum number of layers per image is " + settings.limits().layersPerImage());
        }
        List<Rows.Reference> refs = checkReferences(repo, m);
        Rows.Manifest row = new Rows.Manifest(repo.id(), m.digest().toString(), m.mediaType(), m.artifactType(),
                m.subject() == null ? null : m.subject().digest().toString(), body.length, m.imageSize(), body,
                settings.clock().millis(), null);
        boolean existed = meta.findManifest(repo.id(), row.digest()).isPresent();
        try {
            String previous = meta.putManifest(row, refs, tag, tag != null && repo.tagIsImmutable(tag),
                    settings.limits().imagesPerRepository());
            boolean unchanged = existed && (tag == null || row.digest().equals(previous));
            return new PutResult(m.digest(), m.subject(), unchanged);
        } catch (ConflictException e) {
            throw new WharfException(ErrorCode.IMAGE_TAG_IMMUTABLE, "The image tag '" + tag + "' already exists in the '"
                    + repo.name() + "' repository and cannot be overwritten because the repository is immutable.");
        } catch (LimitException e) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "The maximum number of images per repository ("
                    + e.limit() + ") has been reached for the repository '" + repo.name() + "'");
        }
    }

    private List<Rows.Reference> checkReferences(RepositoryInfo repo, ParsedManifest m) {
        List<Rows.Reference> refs = new ArrayList<>();
        List<Descriptor> blobs = m.requiredBlobs();
        if (!blobs.isEmpty()) {
            List<String> wanted = blobs.stream().map(d -> d.digest().toString()).distinct().toList();
            Set<String> present = new HashSet<>();
            for (Rows.Blob b : meta.findLinkedBlobs(repo.id(), wanted)) present.add(b.digest());
            for (Descriptor d : blobs) {
                if (!present.contains(d.digest().toString())) {
                    throw new WharfException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "The manifest references the blob " + d.digest()
                            + " (" + d.mediaType() + "), which is not in the repository '" + repo.name() + "': push it first",
                            Map.of("digest", d.digest().toString()));
                }
                refs.add(new Rows.Reference(d.digest().toString(), Rows.Reference.BLOB));
            }
        }
        for (Descriptor child : m.manifests()) {
            if (meta.findManifest(repo.id(), child.digest().toString()).isEmpty()) {
                throw new WharfException(ErrorCode.REFERENCED_IMAGES_NOT_FOUND, "The index references the manifest "
                        + child.digest() + ", which is not in the repository '" + repo.name() + "': push it first",
                        Map.of("digest", child.digest().toString()));
            }
            refs.add(new Rows.Reference(child.digest().toString(), Rows.Reference.MANIFEST));
        }
        return refs;
    }

    // ---------------------------------------------------------------- pull

    /** Manifest GET or HEAD (ecr:BatchGetImage). Records the pull time (in bulk, later) when {@code countPull}. */
    public Manifest get(Caller caller, String account, String name, Reference reference, boolean countPull) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_GET_IMAGE);
        return get(repo, reference, countPull);
    }

    /**
     * Manifest GET or HEAD by the reference as a URL names it. A tag that is not even valid cannot
     * exist, so it is MANIFEST_UNKNOWN like any other missing tag (distribution-spec §"Pulling
     * manifests": a manifest that does not exist is 404), not TAG_INVALID.
     */
    public Manifest get(Caller caller, String account, String name, String reference, boolean countPull) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_GET_IMAGE);
        return get(repo, lookup(repo, reference), countPull);
    }

    private static Reference lookup(RepositoryInfo repo, String reference) {
        if (Digest.looksLikeDigest(reference)) return new ByDigest(Digest.parse(reference));
        try {
            return new ByTag(ImageTag.of(reference));
        } catch (WharfException e) {
            throw new WharfException(ErrorCode.MANIFEST_UNKNOWN, "The image with imageId {imageTag=" + reference
                    + "} does not exist within the repository with name '" + repo.name() + "' in the registry with id '"
                    + repo.accountId() + "'");
        }
    }

    private Manifest get(RepositoryInfo repo, Reference reference, boolean countPull) {
        Rows.Manifest row = find(repo, reference).orElseThrow(() -> manifestUnknown(repo, reference));
        if (countPull) {
            pendingPulls.computeIfAbsent(repo.id(), k -> new ConcurrentHashMap<>()).merge(row.digest(), settings.clock().millis(), Math::max);
        }
        return new Manifest(Digest.parse(row.digest()), row.mediaType(), row.body());
    }

    private Optional<Rows.Manifest> find(RepositoryInfo repo, Reference reference) {
        return switch (reference) {
            case ByDigest(Digest d) -> meta.findManifest(repo.id(), d.toString());
            case ByTag(ImageTag t) -> meta.findTag(repo.id(), t.value()).flatMap(tag -> meta.findManifest(repo.id(), tag.digest()));
        };
    }

    private static WharfException manifestUnknown(RepositoryInfo repo, Reference reference) {
        String what = switch (reference) {
            case ByDigest(Digest d) -> "imageDigest=" + d;
            case ByTag(ImageTag t) -> "imageTag=" + t;
        };
        return new WharfException(ErrorCode.MANIFEST_UNKNOWN, "The image with imageId {" + what
                + "} does not exist within the repository with name '" + repo.name() + "' in the registry with id '"
                + repo.accountId() + "'");
    }

    /** Writes the pull times gathered since the last flush; called on a schedule and at shutdown. */
    public void flushPulls() {
        for (Long repoId : List.copyOf(pendingPulls.keySet())) {
            Map<String, Long> batch = pendingPulls.remove(repoId);
            if (batch != null && !batch.isEmpty()) meta.recordPulls(repoId, Map.copyOf(batch));
        }
    }

    // ---------------------------------------------------------------- delete

    /**
     * Manifest DELETE (ecr:BatchDeleteImage). By digest: the image and all its tags. By tag: only
     * the tag (as ECR's BatchDeleteImage with an imageTag).
     */
    public void delete(Caller caller, String account, String name, Reference reference) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_DELETE_IMAGE);
        delete(repo, reference);
    }

    /** Manifest DELETE by the reference as a URL names it; an invalid tag is MANIFEST_UNKNOWN (see {@link #get(Caller, String, String, String, boolean)}). */
    public void delete(Caller caller, String account, String name, String reference) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_DELETE_IMAGE);
        delete(repo, lookup(repo, reference));
    }

    private void delete(RepositoryInfo repo, Reference reference) {
        boolean removed = switch (reference) {
            case ByDigest(Digest d) -> meta.deleteManifest(repo.id(), d.toString());
            case ByTag(ImageTag t) -> meta.deleteTag(repo.id(), t.value());
        };
        if (!removed) throw manifestUnknown(repo, reference);
    }

    // ---------------------------------------------------------------- listing

    public record TagPage(String name, List<String> tags, boolean more) {}

    /** Tags of a repository in lexical order (ecr:ListImages). */
    public TagPage tags(Caller caller, String account, String name, String last, int n) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.LIST_IMAGES);
        List<Rows.Tag> rows = meta.listTags(repo.id(), last, n + 1);
        boolean more = rows.size() > n;
        List<String> tags = rows.stream().limit(n).map(Rows.Tag::tag).toList();
        return new TagPage(repo.name(), tags, more);
    }

    /** Manifests whose subject is {@code subject}, optionally of one artifact type (ecr:BatchGetImage). */
    public List<Descriptor> referrers(Caller caller, String account, String name, Digest subject, String artifactType) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_GET_IMAGE);
        List<Descriptor> out = new ArrayList<>();
        for (Rows.Image img : meta.listReferrers(repo.id(), subject.toString())) {
            if (artifactType != null && !artifactType.equals(img.artifactType())) continue;
            Map<String, String> annotations = meta.findManifest(repo.id(), img.digest())
                    .map(row -> ManifestParser.parse(row.body(), row.mediaType()).annotations()).orElse(Map.of());
            out.add(new Descriptor(img.mediaType(), Digest.parse(img.digest()), img.size(), img.artifactType(), annotations));
        }
        return out;
    }

    /** The repositories of a registry that the caller may describe, by name. */
    public Repositories.Page catalog(Caller caller, String account, String last, int n) {
        return repositories.list(caller, account, last, n, EcrAction.DESCRIBE_REPOSITORIES);
    }
}
