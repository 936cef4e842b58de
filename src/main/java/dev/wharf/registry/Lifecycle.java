package dev.wharf.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.Rows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lifecycle policies: stored per repository, previewed, and executed on a schedule by
 * {@link #runAll()}. Preview and execution share {@link LifecycleEvaluator}, so a preview shows
 * exactly what the next run would expire. A preview is computed at once: it is COMPLETE when
 * StartLifecyclePolicyPreview returns, so LifecyclePolicyPreviewInProgressException never occurs.
 */
public final class Lifecycle {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore meta;
    private final Repositories repositories;
    private final RegistrySettings settings;
    private final Archive archive;

    public Lifecycle(MetadataStore meta, Repositories repositories, RegistrySettings settings, Archive archive) {
        this.meta = meta;
        this.repositories = repositories;
        this.settings = settings;
        this.archive = archive;
    }

    /** A stored policy and its repository. */
    public record Stored(RepositoryInfo repository, String text, Long lastEvaluatedAt) {}

    /** A stored preview; {@code results} are the images that would expire. */
    public record Preview(RepositoryInfo repository, String text, String status, List<LifecycleEvaluator.Expiry> results) {
        /** The action of the rule that selected a result: the preview's policy was validated when the preview started. */
        public LifecyclePolicy.Action action(int rulePriority) {
            return LifecyclePolicy.parse(text).actionOf(rulePriority);
        }

        /** The storage class of the images the rule that selected a result looks at: the result's storage class. */
        public LifecyclePolicy.StorageClass storageClass(int rulePriority) {
            return LifecyclePolicy.parse(text).storageClassOf(rulePriority);
        }
    }

    /** An expiry as a preview stores it (times as epoch milliseconds). */
    private record StoredExpiry(String digest, List<String> tags, long pushedAt, int rulePriority, String reason) {
        static StoredExpiry of(LifecycleEvaluator.Expiry e) {
            return new StoredExpiry(e.digest(), e.tags(), e.pushedAt().toEpochMilli(), e.rulePriority(), e.reason());
        }

        LifecycleEvaluator.Expiry expiry() {
            return new LifecycleEvaluator.Expiry(digest, tags, Instant.ofEpochMilli(pushedAt), rulePriority, reason);
        }
    }

    /** What one scheduled run did, for the operator's log. */
    public record RunReport(int repositories, int expired, int archived) {}

    public Stored put(Caller caller, String account, String name, String text) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.PUT_LIFECYCLE_POLICY);
        LifecyclePolicy.parse(text);
        meta.putLifecyclePolicy(new Rows.LifecyclePolicy(repo.id(), text, settings.clock().millis(), null));
        return new Stored(repo, text, null);
    }

    public Stored get(Caller caller, String account, String name) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.GET_LIFECYCLE_POLICY);
        Rows.LifecyclePolicy p = meta.findLifecyclePolicy(repo.id()).orElseThrow(() -> notFound(repo));
        return new Stored(repo, p.text(), p.lastEvaluatedAt());
    }

    public Stored delete(Caller caller, String account, String name) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.DELETE_LIFECYCLE_POLICY);
        Rows.LifecyclePolicy p = meta.findLifecyclePolicy(repo.id()).orElseThrow(() -> notFound(repo));
        meta.deleteLifecyclePolicy(repo.id());
        return new Stored(repo, p.text(), p.lastEvaluatedAt());
    }

    /** Evaluates {@code text} (or the stored policy when null) against the repository now and keeps the result. */
    public Preview startPreview(Caller caller, String account, String name, String text) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.START_LIFECYCLE_POLICY_PREVIEW);
        String policyText = text != null ? text
                : meta.findLifecyclePolicy(repo.id()).map(Rows.LifecyclePolicy::text).orElseThrow(() -> notFound(repo));
        List<LifecycleEvaluator.Expiry> results = evaluate(repo.id(), LifecyclePolicy.parse(policyText));
        try {
            meta.putLifecyclePreview(new Rows.LifecyclePreview(repo.id(), policyText, "COMPLETE", JSON.writeValueAsString(results.stream().map(StoredExpiry::of).toList()),
                    settings.clock().millis()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Preview(repo, policyText, "COMPLETE", results);
    }

    public Preview getPreview(Caller caller, String account, String name) {
        RepositoryInfo repo = repositories.require(caller, account, name, EcrAction.GET_LIFECYCLE_POLICY_PREVIEW);
        Rows.LifecyclePreview p = meta.findLifecyclePreview(repo.id()).orElseThrow(() -> new WharfException(
                ErrorCode.LIFECYCLE_PREVIEW_NOT_FOUND, "There is no lifecycle policy preview for the repository with name '"
                + repo.name() + "' in the registry with id '" + repo.accountId() + "'"));
        try {
            List<StoredExpiry> stored = JSON.readValue(p.results(), new TypeReference<List<StoredExpiry>>() {});
            return new Preview(repo, p.text(), p.status(), stored.stream().map(StoredExpiry::expiry).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored preview results are not JSON", e);
        }
    }

    /** One page of a preview's results: the images that pass the filter, and where the next page starts (null: none). */
    public record PreviewPage(Preview preview, List<LifecycleEvaluator.Expiry> results, Integer next) {}

    /**
     * GetLifecyclePolicyPreview: the stored preview's results that pass {@code filter} and, when
     * {@code ids} is given, name one of them by digest or tag; {@code limit} of them from position {@code start}.
     */
    public PreviewPage previewPage(Caller caller, String account, String name, ImageFilter filter, List<Images.ImageId> ids,
                                   int start, int limit) {
        Preview p = getPreview(caller, account, name);
        List<LifecycleEvaluator.Expiry> selected = new ArrayList<>();
        for (LifecycleEvaluator.Expiry e : p.results()) {
            if (!filter.admits(!e.tags().isEmpty())) continue;
            if (ids != null && ids.stream().noneMatch(i -> e.digest().equals(i.digest()) || e.tags().contains(i.tag()))) continue;
            selected.add(e);
        }
        int from = Math.min(Math.max(start, 0), selected.size());
        int end = Math.min(selected.size(), from + limit);
        return new PreviewPage(p, List.copyOf(selected.subList(from, end)), end < selected.size() ? end : null);
    }

    /**
     * Runs every stored policy once: expires what the evaluator selects, skipping an image whose
     * tags changed since it was listed (a push raced the run; the next run decides again).
     */
    public RunReport runAll() {
        int repos = 0;
        int expired = 0;
        int archived = 0;
        for (Rows.LifecyclePolicy p : meta.listLifecyclePolicies()) {
            LifecyclePolicy policy;
            try {
                policy = LifecyclePolicy.parse(p.text());
            } catch (WharfException e) {
                continue; // stored policies were validated on the way in; a future stricter rule must not stop the others
            }
            for (LifecycleEvaluator.Expiry e : evaluate(p.repositoryId(), policy)) {
                Optional<Rows.Manifest> m = meta.findManifest(p.repositoryId(), e.digest());
                if (m.isEmpty() || !meta.tagsOf(p.repositoryId(), e.digest()).equals(e.tags())) continue;
                if (policy.actionOf(e.rulePriority()) == LifecyclePolicy.Action.TRANSITION) {
                    if (archive.archive(p.repositoryId(), e.digest())) archived++;
                } else if (meta.deleteManifest(p.repositoryId(), e.digest())) {
                    expired++;
                }
            }
            meta.markLifecycleEvaluated(p.repositoryId(), settings.clock().millis());
            repos++;
        }
        return new RunReport(repos, expired, archived);
    }

    private List<LifecycleEvaluator.Expiry> evaluate(long repositoryId, LifecyclePolicy policy) {
        // the time first: facts read afterwards are at least as new, so no image is judged by an older state at a later time
        Instant now = settings.clock().instant();
        List<LifecycleEvaluator.ImageFacts> facts = new ArrayList<>();
        Map<String, Archive.State> archived = archive.states(repositoryId);
        String after = null;
        while (true) {
            List<Rows.Image> page = meta.listImages(repositoryId, after, 1000);
            for (Rows.Image i : page) {
                Archive.State st = archived.get(i.digest());
                facts.add(new LifecycleEvaluator.ImageFacts(i.digest(), List.copyOf(i.tags()), Instant.ofEpochMilli(i.pushedAt()),
                        instant(i.lastPulledAt()), i.subjectDigest(),
                        st == null ? LifecycleEvaluator.Storage.ACTIVE : LifecycleEvaluator.Storage.valueOf(st.status()),
                        st == null ? null : instant(st.lastArchivedAt()), st == null ? null : instant(st.lastActivatedAt())));
            }
            if (page.size() < 1000) break;
            after = page.get(page.size() - 1).digest();
        }
        Map<String, List<String>> children = meta.indexChildren(repositoryId);
        return LifecycleEvaluator.evaluate(policy, facts, children, now);
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static WharfException notFound(RepositoryInfo repo) {
        return new WharfException(ErrorCode.LIFECYCLE_POLICY_NOT_FOUND, "Lifecycle policy does not exist for the repository with name '"
                + repo.name() + "' in the registry with id '" + repo.accountId() + "'");
    }
}
