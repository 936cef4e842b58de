package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.ConflictException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.ReferenceGoneException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of storing a manifest, whichever door pushes it: the size limit, the digest it must
 * hash to, the layers-per-image and images-per-repository limits, tag immutability, and that every
 * descriptor names content the repository holds, at its exact size. {@link Images} authorizes, then
 * hands the push here.
 */
final class ManifestPush {
    private final MetadataStore meta;
    private final Repositories repositories;
    private final RegistrySettings settings;

    ManifestPush(MetadataStore meta, Repositories repositories, RegistrySettings settings) {
        this.meta = meta;
        this.repositories = repositories;
        this.settings = settings;
    }

    /** The largest manifest Wharf stores (limits.maxManifestBytes): the one limit both doors read bodies up to. */
    long maxManifestBytes() {
        return settings.limits().maxManifestBytes();
    }

    /** The refusal of a manifest over {@link #maxManifestBytes()}, whichever door noticed it. */
    WharfException manifestTooLarge() {
        return new WharfException(ErrorCode.TOO_LARGE, "The manifest exceeds the maximum of " + maxManifestBytes() + " bytes");
    }

    Images.PutResult store(RepositoryInfo repo, Images.Reference reference, Digest expectedDigest, byte[] body, String contentType) {
        var limits = repositories.limits().forAccount(repo.accountId());
        if (body.length > maxManifestBytes()) throw manifestTooLarge();
        ParsedManifest m = ManifestParser.parse(body, contentType);
        String tag = null;
        if (reference instanceof Images.ByDigest(Digest d)) {
            Digest actual = d.algorithm() == m.digest().algorithm() ? m.digest() : Digest.compute(d.algorithm(), body);
            if (!actual.equals(d)) {
                throw new WharfException(ErrorCode.IMAGE_DIGEST_MISMATCH, "The manifest digest " + d
                        + " in the request does not match the image digest that Wharf has calculated (" + actual + ")");
            }
        } else if (reference instanceof Images.ByTag(ImageTag t)) {
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
            return new Images.PutResult(m.digest(), m.subject(), unchanged, m.mediaType());
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
            Map<String, Long> present = new HashMap<>();
            for (Rows.Blob b : meta.findLinkedBlobs(repo.id(), wanted)) present.put(b.digest(), b.size());
            for (Descriptor d : blobs) {
                Long size = present.get(d.digest().toString());
                if (size == null) {
                    throw new WharfException(ErrorCode.MANIFEST_BLOB_UNKNOWN, "The manifest references the blob " + d.digest()
                            + " (" + d.mediaType() + "), which is not in the repository '" + repo.name() + "': push it first",
                            Map.of("digest", d.digest().toString()));
                }
                // The OCI conformance suite's newest setup pushes referrers whose config descriptor has no
                // size (Go marshals it as 0) and expects them accepted: a config of size 0 is not checked.
                if (!(d == m.config() && d.size() == 0)) requireSize(d, size);
                refs.add(new Rows.Reference(d.digest().toString(), Rows.Reference.BLOB));
            }
        }
        for (Descriptor child : m.manifests()) {
            Optional<Rows.Manifest> stored = meta.findManifest(repo.id(), child.digest().toString());
            if (stored.isEmpty()) {
                throw new WharfException(ErrorCode.REFERENCED_IMAGES_NOT_FOUND, "The index references the manifest "
                        + child.digest() + ", which is not in the repository '" + repo.name() + "': push it first",
                        Map.of("digest", child.digest().toString()));
            }
            requireSize(child, stored.get().size());
            refs.add(new Rows.Reference(child.digest().toString(), Rows.Reference.MANIFEST));
        }
        return refs;
    }

    /**
     * A descriptor's {@code size} is the exact length of the content it names (OCI image-spec
     * §"Descriptor properties"); one that disagrees with the stored content is MANIFEST_INVALID, as in
     * CNCF Distribution, and ECR's InvalidParameterException on PutImage.
     */
    private static void requireSize(Descriptor d, long actual) {
        if (d.size() != actual) {
            throw new WharfException(ErrorCode.MANIFEST_INVALID, "Invalid parameter at 'ImageManifest' failed to satisfy constraint: "
                    + "'the descriptor of " + d.digest() + " has size " + d.size() + " but the content is " + actual + " bytes'",
                    Map.of("digest", d.digest().toString()));
        }
    }
}
