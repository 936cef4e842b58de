package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.util.Set;

/**
 * ECR's image filter (ListImages, DescribeImages, ListImageReferrers): a tag status and an image
 * status ({@link Archive}), each null for "any". Validated at birth.
 */
public record ImageFilter(String tagStatus, String imageStatus) {
    public static final String ACTIVE = "ACTIVE";
    public static final ImageFilter ANY = new ImageFilter(null, null);
    private static final Set<String> TAG_STATUSES = Set.of("TAGGED", "UNTAGGED", "ANY");
    private static final Set<String> IMAGE_STATUSES = Set.of(ACTIVE, "ARCHIVED", "ACTIVATING", "ANY");

    public ImageFilter {
        requireOneOf("tagStatus", tagStatus, TAG_STATUSES);
        requireOneOf("imageStatus", imageStatus, IMAGE_STATUSES);
    }

    /** A filter on tag status only, as GetLifecyclePolicyPreview has. */
    public static ImageFilter tagStatus(String tagStatus) {
        return new ImageFilter(tagStatus, null);
    }

    /** ListImageReferrers' filter: its {@code artifactStatus} (the same values) as the image status. */
    public static ImageFilter artifactStatus(String artifactStatus) {
        requireOneOf("artifactStatus", artifactStatus, IMAGE_STATUSES);
        return new ImageFilter(null, artifactStatus);
    }

    /** Whether an image in this storage status passes (null and ANY admit every status). */
    public boolean admitsStatus(String status) {
        return imageStatus == null || imageStatus.equals("ANY") || imageStatus.equals(status);
    }

    /** True when a listing that knows only active images (ListImageReferrers) has nothing to show: an archived or activating status. */
    public boolean selectsNothing() {
        return imageStatus != null && !imageStatus.equals(ACTIVE) && !imageStatus.equals("ANY");
    }

    /** Whether an image with or without tags passes the tag status. */
    public boolean admits(boolean tagged) {
        return !("TAGGED".equals(tagStatus) && !tagged || "UNTAGGED".equals(tagStatus) && tagged);
    }

    private static void requireOneOf(String member, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new WharfException(ErrorCode.INVALID_PARAMETER, "Invalid parameter at '" + member
                    + "' failed to satisfy constraint: 'Member must satisfy enum value set: " + allowed.stream().sorted().toList() + "'");
        }
    }
}
