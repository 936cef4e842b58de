package dev.wharf.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated ECR lifecycle policy (ECR User Guide, "Lifecycle policy properties"): rules with a
 * unique {@code rulePriority}, a {@code selection} ({@code tagStatus} tagged/untagged/any,
 * {@code tagPrefixList} or {@code tagPatternList}, {@code countType} imageCountMoreThan,
 * sinceImagePushed, sinceImagePulled or sinceImageTransitioned with {@code countUnit} days,
 * {@code storageClass} standard or archive) and {@code action.type} expire, or transition with
 * {@code targetStorageClass} archive (the image is archived, see {@link Archive}). As ECR: a rule selects
 * images of one storage class (standard unless it says archive); sinceImagePulled only archives;
 * sinceImageTransitioned only expires archived images, after at least 90 days in the archive. Rules are
 * kept sorted by priority.
 */
public record LifecyclePolicy(List<Rule> rules) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum TagStatus { TAGGED, UNTAGGED, ANY }

    public enum CountType { IMAGE_COUNT_MORE_THAN, SINCE_IMAGE_PUSHED, SINCE_IMAGE_PULLED, SINCE_IMAGE_TRANSITIONED }

    /** Which images a rule looks at: the pullable ones (standard) or the archived ones. */
    public enum StorageClass { STANDARD, ARCHIVE }

    /** ECR keeps an archived image at least this many days before a lifecycle rule may delete it. */
    public static final int MIN_ARCHIVE_DAYS = 90;

    /** What a rule does to the images it selects. */
    public enum Action { EXPIRE, TRANSITION }

    /** One rule; {@code tagPrefixes} and {@code tagPatterns} are empty unless {@code tagStatus} is TAGGED. */
    public record Rule(int priority, String description, TagStatus tagStatus, List<String> tagPrefixes,
                       List<String> tagPatterns, CountType countType, int countNumber, Action action, StorageClass storageClass) {

        /** True when the rule's selection takes an image with these tags (every prefix/pattern matched by some tag). */
        public boolean selects(List<String> tags) {
            return switch (tagStatus) {
                case ANY -> true;
                case UNTAGGED -> tags.isEmpty();
                case TAGGED -> !tags.isEmpty()
                        && tagPrefixes.stream().allMatch(p -> tags.stream().anyMatch(t -> t.startsWith(p)))
                        && tagPatterns.stream().allMatch(p -> tags.stream().anyMatch(t -> Wildcard.matches(p, t)));
            };
        }
    }

    /** Parses and validates; InvalidParameterException with ECR's message shape on any fault. */
    public static LifecyclePolicy parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw invalid("the policy is not valid JSON");
        }
        if (root == null || !root.isObject()) throw invalid("the policy must be a JSON object");
        allowOnly(root, "policy", Set.of("rules"));
        JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray() || rules.isEmpty()) throw invalid("'rules' must be a non-empty array");
        List<Rule> out = new ArrayList<>();
        Set<Integer> priorities = new HashSet<>();
        for (JsonNode r : rules) {
            Rule rule = rule(r);
            if (!priorities.add(rule.priority())) throw invalid("rulePriority " + rule.priority() + " is used by more than one rule");
            out.add(rule);
        }
        out.sort(Comparator.comparingInt(Rule::priority));
        for (StorageClass storage : StorageClass.values()) {
            // the rules of one storage class are evaluated together; 'any' must come last among them
            List<Rule> same = out.stream().filter(r -> r.storageClass() == storage).toList();
            for (int i = 0; i < same.size() - 1; i++) {
                if (same.get(i).tagStatus() == TagStatus.ANY) {
                    throw invalid("the rule with tagStatus 'any' (rulePriority " + same.get(i).priority()
                            + ") must have the highest rulePriority of the " + storage.name().toLowerCase(Locale.ROOT)
                            + " storage class rules of the policy");
                }
            }
        }
        return new LifecyclePolicy(List.copyOf(out));
    }

    private static Rule rule(JsonNode r) {
        if (!r.isObject()) throw invalid("each rule must be an object");
        allowOnly(r, "rule", Set.of("rulePriority", "description", "selection", "action"));
        JsonNode p = r.get("rulePriority");
        if (p == null || !p.isIntegralNumber() || !p.canConvertToInt() || p.asInt() < 1) {
            throw invalid("rulePriority is required and must be an integer of at least 1");
        }
        int priority = p.asInt();
        String where = "rule " + priority + ": ";
        JsonNode d = r.get("description");
        if (d != null && !d.isTextual()) throw invalid(where + "description must be a string");
        JsonNode sel = r.get("selection");
        if (sel == null || !sel.isObject()) throw invalid(where + "selection is required and must be an object");
        allowOnly(sel, where + "selection", Set.of("tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber",
                "storageClass"));
        TagStatus tagStatus = switch (text(sel, "tagStatus")) {
            case "tagged" -> TagStatus.TAGGED;
            case "untagged" -> TagStatus.UNTAGGED;
            case "any" -> TagStatus.ANY;
            case null -> throw invalid(where + "selection.tagStatus is required");
            default -> throw invalid(where + "selection.tagStatus must be one of tagged, untagged, any");
        };
        List<String> prefixes = strings(sel, "tagPrefixList", where);
        List<String> patterns = strings(sel, "tagPatternList", where);
        if (tagStatus == TagStatus.TAGGED) {
            if (prefixes.isEmpty() == patterns.isEmpty()) {
                throw invalid(where + "with tagStatus 'tagged', exactly one of tagPrefixList and tagPatternList must be given and non-empty");
            }
        } else if (!prefixes.isEmpty() || !patterns.isEmpty() || sel.has("tagPrefixList") || sel.has("tagPatternList")) {
            throw invalid(where + "tagPrefixList and tagPatternList can only be used with tagStatus 'tagged'");
        }
        for (String pattern : patterns) {
            if (pattern.chars().filter(c -> c == '*').count() > 4) {
                throw invalid(where + "the tag pattern '" + pattern + "' has more than 4 wildcards (*)");
            }
        }
        CountType countType = switch (text(sel, "countType")) {
            case "imageCountMoreThan" -> CountType.IMAGE_COUNT_MORE_THAN;
            case "sinceImagePushed" -> CountType.SINCE_IMAGE_PUSHED;
            case "sinceImagePulled" -> CountType.SINCE_IMAGE_PULLED;
            case "sinceImageTransitioned" -> CountType.SINCE_IMAGE_TRANSITIONED;
            case null -> throw invalid(where + "selection.countType is required");
            default -> throw invalid(where
                    + "selection.countType must be one of imageCountMoreThan, sinceImagePushed, sinceImagePulled, sinceImageTransitioned");
        };
        StorageClass storage = switch (text(sel, "storageClass")) {
            case null -> countType == CountType.SINCE_IMAGE_TRANSITIONED
                    ? fail(where + "selection.storageClass 'archive' is required with countType sinceImageTransitioned")
                    : StorageClass.STANDARD;
            case "standard" -> StorageClass.STANDARD;
            case "archive" -> StorageClass.ARCHIVE;
            default -> throw invalid(where + "selection.storageClass must be 'standard' or 'archive'");
        };
        if ((storage == StorageClass.ARCHIVE) != (countType == CountType.SINCE_IMAGE_TRANSITIONED)) {
            throw invalid(where + (storage == StorageClass.ARCHIVE
                    ? "selection.storageClass 'archive' can only be used with countType sinceImageTransitioned"
                    : "countType sinceImageTransitioned needs selection.storageClass 'archive'"));
        }
        String unit = text(sel, "countUnit");
        if (countType == CountType.IMAGE_COUNT_MORE_THAN && unit != null) {
            throw invalid(where + "countUnit cannot be used with countType imageCountMoreThan");
        }
        if (countType != CountType.IMAGE_COUNT_MORE_THAN && !"days".equals(unit)) {
            throw invalid(where + "countUnit must be 'days' with countType " + text(sel, "countType"));
        }
        JsonNode n = sel.get("countNumber");
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1) {
            throw invalid(where + "selection.countNumber is required and must be an integer of at least 1");
        }
        JsonNode action = r.get("action");
        if (action == null || !action.isObject()) throw invalid(where + "action is required and must be an object");
        allowOnly(action, where + "action", Set.of("type", "targetStorageClass"));
        String type = text(action, "type");
        Action act;
        if ("transition".equals(type)) {
            if (!"archive".equals(text(action, "targetStorageClass"))) {
                throw invalid(where + "action type 'transition' needs targetStorageClass 'archive'");
            }
            act = Action.TRANSITION;
        } else if ("expire".equals(type)) {
            if (action.has("targetStorageClass")) throw invalid(where + "targetStorageClass can only be used with action type 'transition'");
            act = Action.EXPIRE;
        } else {
            throw invalid(where + "action.type must be 'expire' or 'transition'");
        }
        if (countType == CountType.SINCE_IMAGE_PULLED && act != Action.TRANSITION) {
            throw invalid(where + "countType sinceImagePulled can only be used with action type 'transition'");
        }
        if (countType == CountType.SINCE_IMAGE_TRANSITIONED) {
            if (act != Action.EXPIRE) throw invalid(where + "countType sinceImageTransitioned can only be used with action type 'expire'");
            if (n.asInt() < MIN_ARCHIVE_DAYS) {
                throw invalid(where + "archived images are kept at least " + MIN_ARCHIVE_DAYS
                        + " days, so countNumber must be at least " + MIN_ARCHIVE_DAYS + " with countType sinceImageTransitioned");
            }
        }
        return new Rule(priority, d == null ? null : d.asText(), tagStatus, prefixes, patterns, countType, n.asInt(), act, storage);
    }

    private static StorageClass fail(String why) {
        throw invalid(why);
    }

    /** The action of the rule with this priority (EXPIRE when there is none). */
    public Action actionOf(int rulePriority) {
        return rules.stream().filter(r -> r.priority() == rulePriority).map(Rule::action).findFirst().orElse(Action.EXPIRE);
    }

    /** The storage class of the images the rule with this priority selects (STANDARD when there is none). */
    public StorageClass storageClassOf(int rulePriority) {
        return rules.stream().filter(r -> r.priority() == rulePriority).map(Rule::storageClass).findFirst().orElse(StorageClass.STANDARD);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw invalid(field + " must be a string");
        return v.asText();
    }

    private static List<String> strings(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw invalid(where + field + " must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isEmpty()) throw invalid(where + field + " must contain non-empty strings");
            out.add(e.asText());
        }
        return List.copyOf(out);
    }

    private static void allowOnly(JsonNode n, String where, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) throw invalid(where + " has the property '" + f + "', which is not allowed");
        }
    }

    private static WharfException invalid(String why) {
        return new WharfException(ErrorCode.INVALID_PARAMETER,
                "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: " + why + "'");
    }
}
