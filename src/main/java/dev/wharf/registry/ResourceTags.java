package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resource tags of a repository, with the AWS tagging rules: at most 50 per resource, keys of 1 to
 * 128 characters not starting with {@code aws:}, values of 0 to 256 characters (AWS "Tagging your
 * resources", ECR CreateRepository/TagResource: InvalidTagParameterException, TooManyTagsException).
 */
public final class ResourceTags {
    public static final int MAX_TAGS = 50;

    private ResourceTags() {}

    public static Map<String, String> validate(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) throw tooMany();
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : tags.entrySet()) {
            validateKey(e.getKey());
            String v = e.getValue();
            if (v == null || v.length() > 256) {
                throw new WharfException(ErrorCode.INVALID_TAG_PARAMETER, "An invalid parameter has been specified: the value of the tag '"
                        + e.getKey() + "' must be 0 to 256 characters");
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    public static void validateKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 128) {
            throw new WharfException(ErrorCode.INVALID_TAG_PARAMETER,
                    "An invalid parameter has been specified: tag keys must be 1 to 128 characters");
        }
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw new WharfException(ErrorCode.INVALID_TAG_PARAMETER,
                    "An invalid parameter has been specified: the tag key prefix 'aws:' is reserved for AWS use");
        }
    }

    static WharfException tooMany() {
        return new WharfException(ErrorCode.TOO_MANY_TAGS, "The resource would have more than " + MAX_TAGS
                + " tags; the maximum number of tags per resource is " + MAX_TAGS);
    }
}
