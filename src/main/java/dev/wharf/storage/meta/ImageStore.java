package dev.wharf.storage.meta;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Manifests, their references, tags, and pull times. Part of {@link MetadataStore}; same transactional promises. */
public interface ImageStore {

    /**
     * Stores a manifest with its references and, when {@code tag} is not null, points the tag at it,
     * in one transaction. If the manifest exists its body is kept and only the tag moves.
     *
     * @param tagImmutable when true and the tag already points at another digest, nothing is written
     *                     and {@link ConflictException} is thrown
     * @param maxImages    when storing a new manifest would make more than this many, nothing is
     *                     written and {@link LimitException} is thrown
     * @throws ReferenceGoneException when a {@code blob} reference is not linked in the repository
     *                     when the transaction commits (garbage collection removed it meanwhile);
     *                     its message is the digest; nothing is written
     * @return the digest the tag pointed at before (null when the tag is new or null)
     */
    String putManifest(Rows.Manifest manifest, List<Rows.Reference> references, String tag,
                       boolean tagImmutable, int maxImages);

    Optional<Rows.Manifest> findManifest(long repositoryId, String digest);

    Optional<Rows.Tag> findTag(long repositoryId, String tag);

    /** Tags ordered lexically, after {@code last} (exclusive; null = from the start). */
    List<Rows.Tag> listTags(long repositoryId, String last, int limit);

    /** Tags pointing at the digest. */
    List<String> tagsOf(long repositoryId, String digest);

    /** Deletes the manifest and every tag pointing at it. @return true when it existed */
    boolean deleteManifest(long repositoryId, String digest);

    /** @return true when the tag existed */
    boolean deleteTag(long repositoryId, String tag);

    /** Manifests whose subject is {@code subjectDigest}. */
    List<Rows.Image> listReferrers(long repositoryId, String subjectDigest);

    /** Manifests (index) that reference the digest as a child. */
    List<String> parentsOf(long repositoryId, String childDigest);

    /** Images ordered by digest after {@code afterDigest}. */
    List<Rows.Image> listImages(long repositoryId, String afterDigest, int limit);

    /** Records pull times in bulk: digest → epoch ms; keeps the later time. */
    void recordPulls(long repositoryId, Map<String, Long> pulledAt);

    /** Every index of the repository with the digests of the manifests it lists. */
    Map<String, List<String>> indexChildren(long repositoryId);
}
