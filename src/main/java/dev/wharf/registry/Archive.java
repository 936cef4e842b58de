package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.ConflictException;
import dev.wharf.storage.meta.ImageArchiveStore.ArchiveRow;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * ECR's archive storage class (user guide, "Archiving an image"; UpdateImageStorageClass): an
 * archived image is still listed and described (imageStatus ARCHIVED, lastArchivedAt) but cannot
 * be pulled (404); restoring it passes through ACTIVATING and becomes ACTIVE, with
 * lastActivatedAt, once the operator's restore delay has passed. Pushing the image again restores
 * it at once, as ECR does. The bytes stay where they are: Wharf has one storage class underneath.
 */
public final class Archive {
    public static final String ACTIVE = "ACTIVE";
    public static final String ARCHIVED = "ARCHIVED";
    public static final String ACTIVATING = "ACTIVATING";
    public static final String UPDATE_ACTION = "ecr:UpdateImageStorageClass";
    /** ECR's TargetStorageClass values. */
    public static final Set<String> TARGETS = Set.of("STANDARD", "ARCHIVE");

    private final MetadataStore meta;
    private final Repositories repositories;
    private final RegistrySettings settings;
    private final Duration restoreDelay;

    public Archive(MetadataStore meta, Repositories repositories, RegistrySettings settings, Duration restoreDelay) {
        this.meta = meta;
        this.repositories = repositories;
        this.settings = settings;
        this.restoreDelay = restoreDelay;
    }

    /** An image's storage state as DescribeImages shows it; the times are epoch millis or null. */
    public record State(String status, Long lastArchivedAt, Long lastActivatedAt) {
        public static final State ACTIVE_NEVER_ARCHIVED = new State(ACTIVE, null, null);
    }

    /** What UpdateImageStorageClass answers: the image (by digest, with the tag asked for) and its status now. */
    public record Updated(RepositoryInfo repository, String digest, String tag, String status) {}

    /**
     * UpdateImageStorageClass. ARCHIVE: an active image is archived (an archived one stays so); an
     * image being restored cannot be archived. STANDARD: an archived image starts its restore (one
     * being restored or active stays as it is).
     */
    public Updated update(Caller caller, String account, String name, String digest, String tag, String target) {
        RepositoryInfo repo = repositories.require(caller, account, name, UPDATE_ACTION);
        if (!TARGETS.contains(target)) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'targetStorageClass' failed to satisfy constraint: "
                    + "'Member must satisfy enum value set: [ARCHIVE, STANDARD]'");
        }
        String d = resolve(repo, digest, tag);
        long now = settings.clock().millis();
        State state = state(repo.id(), d);
        String status = switch (target) {
            case "ARCHIVE" -> switch (state.status()) {
                case ACTIVE -> put(new ArchiveRow(repo.id(), d, ARCHIVED, now, state.lastActivatedAt(), null));
                case ARCHIVED -> ARCHIVED;
                default -> throw new WharfException(ErrorCode.STORAGE_CLASS_UPDATE_NOT_SUPPORTED, "The image with digest '" + d
                        + "' is being restored and cannot be archived until it is ACTIVE");
            };
            default -> state.status().equals(ARCHIVED)
                    ? put(new ArchiveRow(repo.id(), d, ACTIVATING, state.lastArchivedAt(), state.lastActivatedAt(), now))
                    : state.status();
        };
        return new Updated(repo, d, tag, status);
    }

    /** A lifecycle {@code transition} action: archives an active image (true); anything else stays as it is (false). */
    boolean archive(long repositoryId, String digest) {
        State state = state(repositoryId, digest);
        if (!state.status().equals(ACTIVE)) return false;
        try {
            meta.putImageArchive(new ArchiveRow(repositoryId, digest, ARCHIVED, settings.clock().millis(), state.lastActivatedAt(), null));
            return true;
        } catch (ConflictException deletedMeanwhile) {
            return false;
        }
    }

    /** A push of an image that is archived or being restored makes it ACTIVE at once (ECR: "restored ... by re-pushing"). */
    void pushed(long repositoryId, String digest) {
        State state = state(repositoryId, digest);
        if (!state.status().equals(ACTIVE)) {
            put(new ArchiveRow(repositoryId, digest, ACTIVE, state.lastArchivedAt(), settings.clock().millis(), null));
        }
    }

    /** The image's state now: an ACTIVATING row whose restore delay has passed is ACTIVE since then. */
    public State state(long repositoryId, String digest) {
        return meta.findImageArchive(repositoryId, digest).map(this::state).orElse(State.ACTIVE_NEVER_ARCHIVED);
    }

    /** The state of every image of the repository that was ever archived, by digest (the others are ACTIVE, never archived). */
    Map<String, State> states(long repositoryId) {
        Map<String, State> out = new HashMap<>();
        for (ArchiveRow r : meta.listImageArchives(repositoryId)) out.put(r.digest(), state(r));
        return out;
    }

    /** An archived image (or one still being restored) cannot be pulled: 404, as ECR answers. */
    void requirePullable(RepositoryInfo repo, String digest) {
        String status = state(repo.id(), digest).status();
        if (!status.equals(ACTIVE)) throw notPullable(repo, digest, status);
    }

    static WharfException notPullable(RepositoryInfo repo, String digest, String status) {
        return new WharfException(ErrorCode.MANIFEST_UNKNOWN, "The image with imageId {imageDigest=" + digest + "} in the repository with name '"
                + repo.name() + "' in the registry with id '" + repo.accountId() + "' is " + status
                + " and cannot be pulled; restore it with UpdateImageStorageClass (targetStorageClass STANDARD)");
    }

    private State state(ArchiveRow r) {
        if (r.status().equals(ACTIVATING) && r.restoreStartedAt() != null
                && settings.clock().millis() >= r.restoreStartedAt() + restoreDelay.toMillis()) {
            return new State(ACTIVE, r.archivedAt(), r.restoreStartedAt() + restoreDelay.toMillis());
        }
        return new State(r.status(), r.archivedAt(), r.activatedAt());
    }

    private String put(ArchiveRow row) {
        try {
            meta.putImageArchive(row);
        } catch (ConflictException e) {
            throw new WharfException(ErrorCode.MANIFEST_UNKNOWN, "The image with imageId {imageDigest=" + row.digest() + "} does not exist");
        }
        return row.status();
    }

    private String resolve(RepositoryInfo repo, String digest, String tag) {
        if (digest == null && tag == null) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at 'imageId': an imageDigest or an imageTag is required");
        }
        String byTag = null;
        if (tag != null) byTag = meta.findTag(repo.id(), tag).map(Rows.Tag::digest).orElse(null);
        String d = digest != null ? digest : byTag;
        if (d == null || (tag != null && !d.equals(byTag)) || meta.findManifest(repo.id(), d).isEmpty()) {
            throw new WharfException(ErrorCode.MANIFEST_UNKNOWN, "The image with imageId {" + (digest != null ? "imageDigest=" + digest : "")
                    + (digest != null && tag != null ? ", " : "") + (tag != null ? "imageTag=" + tag : "")
                    + "} does not exist within the repository with name '" + repo.name() + "' in the registry with id '" + repo.accountId() + "'");
        }
        return d;
    }
}
