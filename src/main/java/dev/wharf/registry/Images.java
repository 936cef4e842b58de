package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.ConflictException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.ReferenceGoneException;
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
    public record PutResult(Digest digest, Descriptor subject, boolean unchanged, String mediaType) {}

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
        return store(repo, reference, null, body, contentType);
    }

    /**
     * ECR PutImage: like a manifest PUT, with an optional tag and an optional digest that must both
     * hold; a push that changes nothing (same manifest, same tag) is ImageAlreadyExistsException.
     */
    public PutResult putImage(Caller caller, String account, String name, String tag, String digest, byte[] body,
                              String mediaType) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.PUT_IMAGE);
        Reference ref = tag != null ? new ByTag(ImageTag.of(tag)) : digest != null ? new ByDigest(Digest.parse(digest)) : null;
        Digest expected = tag != null && digest != null ? Digest.parse(digest) : null;
        PutResult r = store(repo, ref, expected, body, mediaType);
        if (r.unchanged()) {
            throw new WharfException(ErrorCode.IMAGE_ALREADY_EXISTS, "Image with digest '" + r.digest() + "'"
                    + (tag == null ? "" : " and tag '" + tag + "'") + " already exists in the repository with name '" + repo.name()
                    + "' in registry with id '" + repo.accountId() + "'");
        }
        return r;
    }

    private PutResult store(RepositoryInfo repo, Reference reference, Digest expectedDigest, byte[] body, String contentType) {
        var limits = repositories.limits().forAccount(repo.accountId());
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
        if (expectedDigest != null && !expectedDigest.equals(expectedDigest.algorithm() == m.digest().algorithm()
                ? m.digest() : Digest.compute(expectedDigest.algorithm(), body))) {
            throw new WharfException(ErrorCode.IMAGE_DIGEST_MISMATCH, "The manifest digest " + expectedDigest
                    + " in the request does not match the image digest that Wharf has calculated (" + m.digest() + ")");
        }
        if (m.layers().size() > limits.layersPerImage()) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "The image has " + m.layers().size()
                    + " layers; the maximum number of layers per image is " + limits.layersPerImage());
        }
        List<Rows.Reference> refs = checkReferences(repo, m);
        Rows.Manifest row = new Rows.Manifest(repo.id(), m.digest().toString(), m.mediaType(), m.artifactType(),
                m.subject() == null ? null : m.subject().digest().toString(), body.length, m.imageSize(), body,
                settings.clock().millis(), null);
        boolean existed = meta.findManifest(repo.id(), row.digest()).isPresent();
        try {
            String previous = meta.putManifest(row, refs, tag, tag != null && repo.tagIsImmutable(tag),
                    limits.imagesPerRepository());
            boolean unchanged = existed && (tag == null || row.digest().equals(previous));
            return new PutResult(m.digest(), m.subject(), unchanged, m.mediaType());
        } catch (ConflictException e) {
            throw new WharfException(ErrorCode.IMAGE_TAG_IMMUTABLE, "The image tag '" + tag + "' already exists in the '"
                    + repo.name() + "' repository and cannot be overwritten because the repository is immutable.");
        } catch (ReferenceGoneException e) {
            // garbage collection removed a blob between the check above and the write (docs/design.md, "Garbage collection")
            String d = Digest.looksLikeDigest(e.getMessage()) ? e.getMessage() : "";
            throw new WharfException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "The manifest references the blob " + d
                    + ", which is not in the repository '" + repo.name() + "' any more: push it again", Map.of("digest", d));
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

    // ---------------------------------------------------------------- the ECR image API

    /** An {@code ImageIdentifier} as the client sent it: either member may be null or malformed. */
    public record ImageId(String digest, String tag) {}

    /** An {@code ImageFailure}: {@code code} is a value of ECR's ImageFailureCode enum. */
    public record Failure(ImageId id, String code, String reason) {}

    /** BatchGetImage's answer. */
    public record BatchGetResult(List<Fetched> images, List<Failure> failures) {}

    /** One image of BatchGetImage: the id as requested, completed with the digest. */
    public record Fetched(ImageId id, Manifest manifest) {}

    /** BatchDeleteImage's answer. */
    public record BatchDeleteResult(List<ImageId> deleted, List<Failure> failures) {}

    /** A page of images with their tags, ordered by digest. */
    public record ImagePage(List<ImageSummary> images, String lastDigest, boolean more) {}

    /** A page of referrers, ordered by digest. */
    public record ReferrerPage(List<Descriptor> referrers, String lastDigest, boolean more) {}

    /** The manifest an {@link ImageId} names, or the failure ECR reports for it. */
    private sealed interface Resolved permits Found, Failed {}

    private record Found(Rows.Manifest manifest) implements Resolved {}

    private record Failed(Failure failure) implements Resolved {}

    private Resolved resolve(RepositoryInfo repo, ImageId id) {
        if (id.digest() == null && id.tag() == null) {
            return new Failed(new Failure(id, "MissingDigestAndTag", "Invalid request parameters: one of imageDigest or imageTag must be specified"));
        }
        Digest digest = null;
        if (id.digest() != null) {
            try {
                digest = Digest.parse(id.digest());
            } catch (WharfException e) {
                return new Failed(new Failure(id, "InvalidImageDigest", "Invalid image digest: " + e.getMessage()));
            }
        }
        if (id.tag() != null) {
            try {
                ImageTag.of(id.tag());
            } catch (WharfException e) {
                return new Failed(new Failure(id, "InvalidImageTag", e.getMessage()));
            }
            Optional<Rows.Tag> tag = meta.findTag(repo.id(), id.tag());
            if (tag.isEmpty()) return new Failed(new Failure(id, "ImageNotFound", "Requested image not found"));
            if (digest != null && !digest.toString().equals(tag.get().digest())) {
                return new Failed(new Failure(id, "ImageTagDoesNotMatchDigest", "Invalid request parameters: the image tag '"
                        + id.tag() + "' does not point at the image digest " + digest));
            }
            return meta.findManifest(repo.id(), tag.get().digest()).<Resolved>map(Found::new)
                    .orElseGet(() -> new Failed(new Failure(id, "ImageNotFound", "Requested image not found")));
        }
        return meta.findManifest(repo.id(), digest.toString()).<Resolved>map(Found::new)
                .orElseGet(() -> new Failed(new Failure(id, "ImageNotFound", "Requested image not found")));
    }

    /**
     * BatchGetImage: each image by tag and/or digest, or a failure naming why not. A manifest whose
     * media type is not in {@code acceptedMediaTypes} (when given) is a failure: Wharf converts no
     * manifest between formats.
     */
    public BatchGetResult batchGet(Caller caller, String account, String name, List<ImageId> ids, List<String> acceptedMediaTypes) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_GET_IMAGE);
        List<Fetched> images = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Set<ImageId> seen = new HashSet<>();
        for (ImageId id : ids) {
            if (!seen.add(id)) continue;
            switch (resolve(repo, id)) {
                case Failed(Failure f) -> failures.add(f);
                case Found(Rows.Manifest row) -> {
                    if (acceptedMediaTypes != null && !acceptedMediaTypes.contains(row.mediaType())) {
                        failures.add(new Failure(id, "ImageNotFound", "The image's manifest media type " + row.mediaType()
                                + " is not among the acceptedMediaTypes, and Wharf does not convert manifests"));
                        continue;
                    }
                    pendingPulls.computeIfAbsent(repo.id(), k -> new ConcurrentHashMap<>()).merge(row.digest(), settings.clock().millis(), Math::max);
                    images.add(new Fetched(new ImageId(row.digest(), id.tag()),
                            new Manifest(Digest.parse(row.digest()), row.mediaType(), row.body())));
                }
            }
        }
        return new BatchGetResult(images, failures);
    }

    /**
     * BatchDeleteImage. By tag: removes the tag; when it was the image's last tag the image goes
     * too (ECR: "when you remove the last tag from an image, the image is deleted"), unless an index
     * in the repository still lists it. By digest: the image and all its tags, unless an index lists
     * it (ImageReferencedByManifestList).
     */
    public BatchDeleteResult batchDelete(Caller caller, String account, String name, List<ImageId> ids) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.BATCH_DELETE_IMAGE);
        List<ImageId> deleted = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Set<ImageId> seen = new HashSet<>();
        for (ImageId id : ids) {
            if (!seen.add(id)) continue;
            switch (resolve(repo, id)) {
                case Failed(Failure f) -> failures.add(f);
                case Found(Rows.Manifest row) -> {
                    boolean listed = !meta.parentsOf(repo.id(), row.digest()).isEmpty();
                    if (id.tag() != null) {
                        meta.deleteTag(repo.id(), id.tag());
                        if (!listed && meta.tagsOf(repo.id(), row.digest()).isEmpty()) meta.deleteManifest(repo.id(), row.digest());
                        deleted.add(new ImageId(row.digest(), id.tag()));
                    } else if (listed) {
                        failures.add(new Failure(id, "ImageReferencedByManifestList", "Requested image " + row.digest()
                                + " is referenced by an image index in the repository; delete the index first"));
                    } else {
                        List<String> tags = meta.tagsOf(repo.id(), row.digest());
                        meta.deleteManifest(repo.id(), row.digest());
                        if (tags.isEmpty()) deleted.add(new ImageId(row.digest(), null));
                        for (String t : tags) deleted.add(new ImageId(row.digest(), t));
                    }
                }
            }
        }
        return new BatchDeleteResult(deleted, failures);
    }

    /**
     * ListImages and DescribeImages: images ordered by digest after {@code afterDigest}, filtered by
     * ECR's tagStatus (TAGGED, UNTAGGED, ANY; null = ANY).
     */
    public ImagePage listImages(Caller caller, String account, String name, String action, String tagStatus,
                                String afterDigest, int limit) {
        RepositoryInfo repo = repositories.require(caller, account, name, action);
        if (limit == 0) return new ImagePage(List.of(), null, false);
        List<ImageSummary> out = new ArrayList<>();
        String after = afterDigest;
        int batch = Math.max(limit + 1, 100);
        while (true) {
            List<Rows.Image> rows = meta.listImages(repo.id(), after, batch);
            for (Rows.Image img : rows) {
                boolean tagged = !img.tags().isEmpty();
                if ("TAGGED".equals(tagStatus) && !tagged || "UNTAGGED".equals(tagStatus) && tagged) continue;
                if (out.size() == limit) return new ImagePage(out, out.get(out.size() - 1).digest(), true);
                out.add(ImageSummary.of(img));
            }
            if (rows.size() < batch) return new ImagePage(out, null, false);
            after = rows.get(rows.size() - 1).digest();
        }
    }

    /** Where a ListImages page resumes: after the image {@code afterDigest} (null: the first), skipping {@code skip} ids of the next. */
    public record IdCursor(String afterDigest, int skip) {
        public static final IdCursor START = new IdCursor(null, 0);

        /** The opaque position inside a nextToken: {@code <digest or empty> <skip>}. */
        public String position() {
            return (afterDigest == null ? "" : afterDigest) + " " + skip;
        }

        /** The inverse of {@link #position()}; the position comes from an authenticated token. */
        public static IdCursor of(String position) {
            int space = position.lastIndexOf(' ');
            return new IdCursor(space <= 0 ? null : position.substring(0, space), Integer.parseInt(position.substring(space + 1)));
        }
    }

    /** A page of ListImages: image ids (one per tag, or one without a tag), and where the next page starts. */
    public record IdPage(List<ImageId> ids, IdCursor next) {}

    /**
     * ListImages: the image ids of a repository, one per tag (an untagged image has one without a
     * tag), ordered by digest. {@code limit} counts ids, as ECR's maxResults does, so a page may end
     * between two tags of one image.
     */
    public IdPage listImageIds(Caller caller, String account, String name, String tagStatus, IdCursor from, int limit) {
        ImagePage images = listImages(caller, account, name, EcrAction.LIST_IMAGES, tagStatus, from.afterDigest(), limit);
        List<ImageId> ids = new ArrayList<>();
        String before = from.afterDigest();
        for (int i = 0; i < images.images().size(); i++) {
            ImageSummary img = images.images().get(i);
            List<ImageId> own = img.tags().isEmpty() ? List.of(new ImageId(img.digest(), null))
                    : img.tags().stream().map(t -> new ImageId(img.digest(), t)).toList();
            int start = i == 0 ? Math.min(from.skip(), own.size()) : 0;
            for (int k = start; k < own.size(); k++) {
                if (ids.size() == limit) return new IdPage(ids, new IdCursor(before, k));
                ids.add(own.get(k));
            }
            before = img.digest();
        }
        return new IdPage(ids, images.more() ? new IdCursor(images.lastDigest(), 0) : null);
    }

    /** DescribeImages with imageIds: every id must name an image (else ImageNotFoundException or InvalidParameterException). */
    public List<ImageSummary> describe(Caller caller, String account, String name, List<ImageId> ids) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.DESCRIBE_IMAGES);
        List<ImageSummary> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ImageId id : ids) {
            switch (resolve(repo, id)) {
                case Failed(Failure f) when f.code().equals("ImageNotFound") || f.code().equals("ImageTagDoesNotMatchDigest") ->
                        throw new WharfException(ErrorCode.MANIFEST_UNKNOWN, "The image with imageId {"
                                + (id.digest() == null ? "" : "imageDigest:'" + id.digest() + "'")
                                + (id.digest() != null && id.tag() != null ? ", " : "")
                                + (id.tag() == null ? "" : "imageTag:'" + id.tag() + "'") + "} does not exist within the repository with name '"
                                + repo.name() + "' in the registry with id '" + repo.accountId() + "'");
                case Failed(Failure f) -> throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'imageIds': " + f.reason());
                case Found(Rows.Manifest row) -> {
                    if (seen.add(row.digest())) {
                        out.add(ImageSummary.of(row, meta.tagsOf(repo.id(), row.digest())));
                    }
                }
            }
        }
        return out;
    }

    /** ListImageReferrers: manifests whose subject is {@code subject}, by digest, optionally of some artifact types. */
    public ReferrerPage listReferrers(Caller caller, String account, String name, Digest subject, List<String> artifactTypes,
                                      String afterDigest, int limit) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.LIST_IMAGE_REFERRERS);
        if (limit == 0) return new ReferrerPage(List.of(), null, false);
        List<Descriptor> out = new ArrayList<>();
        for (Rows.Image img : meta.listReferrers(repo.id(), subject.toString())) {
            if (afterDigest != null && img.digest().compareTo(afterDigest) <= 0) continue;
            if (artifactTypes != null && !artifactTypes.isEmpty() && !artifactTypes.contains(img.artifactType())) continue;
            if (out.size() == limit) return new ReferrerPage(out, out.get(out.size() - 1).digest().toString(), true);
            Map<String, String> annotations = meta.findManifest(repo.id(), img.digest())
                    .map(row -> ManifestParser.parse(row.body(), row.mediaType()).annotations()).orElse(Map.of());
            out.add(new Descriptor(img.mediaType(), Digest.parse(img.digest()), img.size(), img.artifactType(), annotations));
        }
        return new ReferrerPage(out, null, false);
    }
}
