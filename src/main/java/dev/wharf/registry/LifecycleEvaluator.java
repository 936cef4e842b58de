package dev.wharf.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which images a lifecycle policy expires: a pure function of the policy, the repository's images
 * and the time (no I/O), so that preview and execution agree and tables can test it.
 *
 * <p>As ECR evaluates (User Guide, "How lifecycle policies work"): rules apply from the lowest
 * {@code rulePriority}; an image selected by a rule's tag criteria is claimed by it and cannot be
 * expired by a later rule; imageCountMoreThan keeps the N most recently pushed images of the
 * selection, sinceImagePushed/sinceImagePulled select images older than N days (a never-pulled
 * image counts from its push, a restored one not pulled since from its restore), sinceImageTransitioned
 * archived images archived more than N days ago. A rule sees only the images of its storage class:
 * pullable ones for standard rules, archived ones for archive rules (an image being restored is in
 * neither). Then integrity: a referrer (signature, SBOM, ...) follows its
 * subject — kept while the subject is kept, expired with it — and an image listed by a kept index
 * is kept, so a kept image never loses what it needs.
 */
public final class LifecycleEvaluator {
    private LifecycleEvaluator() {}

    /** Where an image is: pullable, archived, or on its way back from the archive. */
    public enum Storage { ACTIVE, ARCHIVED, ACTIVATING }

    /**
     * What the evaluator knows of one image. {@code lastPulledAt}, {@code subject}, {@code archivedAt} and
     * {@code activatedAt} may be null.
     */
    public record ImageFacts(String digest, List<String> tags, Instant pushedAt, Instant lastPulledAt, String subject,
                             Storage storage, Instant archivedAt, Instant activatedAt) {
        /** An image that was never archived. */
        public ImageFacts(String digest, List<String> tags, Instant pushedAt, Instant lastPulledAt, String subject) {
            this(digest, tags, pushedAt, lastPulledAt, subject, Storage.ACTIVE, null, null);
        }

        boolean inClass(LifecyclePolicy.StorageClass storageClass) {
            return storageClass == LifecyclePolicy.StorageClass.ARCHIVE ? storage == Storage.ARCHIVED : storage == Storage.ACTIVE;
        }

        /** When the image was last used, for sinceImagePulled: its last pull, else its push; a later restore counts too. */
        Instant lastUsed() {
            Instant t = lastPulledAt != null ? lastPulledAt : pushedAt;
            return activatedAt != null && activatedAt.isAfter(t) ? activatedAt : t;
        }
    }

    /** An image to expire, the rule that expires it and why. */
    public record Expiry(String digest, List<String> tags, Instant pushedAt, int rulePriority, String reason) {}

    public static List<Expiry> evaluate(LifecyclePolicy policy, List<ImageFacts> images, Map<String, List<String>> indexChildren,
                                        Instant now) {
        Map<String, ImageFacts> byDigest = new LinkedHashMap<>();
        for (ImageFacts i : images) byDigest.put(i.digest(), i);
        Set<String> claimed = new HashSet<>();
        Map<String, Expiry> expire = new LinkedHashMap<>();
        for (LifecyclePolicy.Rule rule : policy.rules()) {
            List<ImageFacts> selected = new ArrayList<>();
            for (ImageFacts i : images) {
                // referrers are never selected on their own: they follow their subject (below)
                if (i.subject() != null && byDigest.containsKey(i.subject())) continue;
                if (i.inClass(rule.storageClass()) && !claimed.contains(i.digest()) && rule.selects(i.tags())) selected.add(i);
            }
            selected.forEach(i -> claimed.add(i.digest()));
            switch (rule.countType()) {
                case IMAGE_COUNT_MORE_THAN -> {
                    selected.sort(Comparator.comparing(ImageFacts::pushedAt).reversed().thenComparing(ImageFacts::digest));
                    for (int k = rule.countNumber(); k < selected.size(); k++) {
                        ImageFacts i = selected.get(k);
                        expire.put(i.digest(), new Expiry(i.digest(), i.tags(), i.pushedAt(), rule.priority(),
                                "more than " + rule.countNumber() + " images match the rule; this one is number " + (k + 1) + " by push time"));
                    }
                }
                case SINCE_IMAGE_PUSHED, SINCE_IMAGE_PULLED, SINCE_IMAGE_TRANSITIONED -> {
                    Instant cutoff = now.minus(Duration.ofDays(rule.countNumber()));
                    for (ImageFacts i : selected) {
                        Instant t = switch (rule.countType()) {
                            case SINCE_IMAGE_PULLED -> i.lastUsed();
                            case SINCE_IMAGE_TRANSITIONED -> i.archivedAt() == null ? now : i.archivedAt();
                            default -> i.pushedAt();
                        };
                        if (t.isBefore(cutoff)) {
                            String what = switch (rule.countType()) {
                                case SINCE_IMAGE_PULLED -> "last pulled (or pushed or restored)";
                                case SINCE_IMAGE_TRANSITIONED -> "archived";
                                default -> "pushed";
                            };
                            expire.put(i.digest(), new Expiry(i.digest(), i.tags(), i.pushedAt(), rule.priority(),
                                    what + " more than " + rule.countNumber() + " days ago"));
                        }
                    }
                }
            }
        }
        boolean changed = true;
        for (int round = 0; changed && round <= images.size() + 1; round++) {
            changed = false;
            for (ImageFacts i : images) {
                if (i.subject() == null || !byDigest.containsKey(i.subject())) continue;
                Expiry subject = expire.get(i.subject());
                if (subject != null && !expire.containsKey(i.digest())) {
                    expire.put(i.digest(), new Expiry(i.digest(), i.tags(), i.pushedAt(), subject.rulePriority(),
                            "its subject " + i.subject() + " expires"));
                    changed = true;
                } else if (subject == null && expire.remove(i.digest()) != null) {
                    changed = true;
                }
            }
            for (var e : indexChildren.entrySet()) {
                if (!byDigest.containsKey(e.getKey()) || expire.containsKey(e.getKey())) continue;
                for (String child : e.getValue()) {
                    if (expire.remove(child) != null) changed = true;
                }
            }
        }
        return List.copyOf(expire.values());
    }
}
