package dev.wharf.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.ReplicationStore;
import dev.wharf.storage.meta.ReplicationStore.ReplicationItem;
import dev.wharf.storage.meta.Rows;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ECR private image replication: PutReplicationConfiguration (validated as ECR validates it), the
 * configuration DescribeRegistry returns, DescribeImageReplicationStatus, and the work itself. A
 * pushed image is queued ({@link #pushed}) once per destination its registry's rules name, in the
 * shared metadata store; {@link #runDue} copies due items, each claimed by one worker at a time,
 * retrying with exponential backoff. Deletes are not replicated, as in ECR, and images that arrive
 * by replication are not replicated further from here. docs/design.md "Replication" says what is
 * promised.
 */
public final class Replication {
    private static final Logger LOG = LoggerFactory.getLogger(Replication.class);
    public static final String PUT_ACTION = "ecr:PutReplicationConfiguration";
    public static final String STATUS_ACTION = "ecr:DescribeImageReplicationStatus";
    /** What a destination registry's policy must allow the source account (ECR's internal replication action). */
    static final String REPLICATE_IMAGE = "ecr:ReplicateImage";
    /** ECR's quota: unique destinations across all rules of a registry (cannot be raised). */
    public static final int MAX_DESTINATIONS = 25;
    private static final Pattern REGION = Pattern.compile("[0-9a-z-]{2,25}");
    private static final Pattern REGISTRY_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern FILTER = Pattern.compile("^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a worker holds an item: longer than any copy, so that nobody else copies it meanwhile. */
    static final Duration CLAIM = Duration.ofMinutes(10);
    /** Items a worker claims at once: one, so that each claim covers one copy (renewed while it lasts). */
    private static final int BATCH = 1;

    /** A destination of a rule: a registry (account) in a region. */
    public record Destination(String region, String registryId) {}

    /** A repository filter of a rule: only {@code PREFIX_MATCH}. */
    public record Filter(String filter, String filterType) {
        boolean matches(String repository) {
            return repository.startsWith(filter);
        }
    }

    /** A rule: its destinations and (none: every repository) its filters. */
    public record Rule(List<Destination> destinations, List<Filter> repositoryFilters) {
        public Rule {
            destinations = destinations == null ? List.of() : List.copyOf(destinations);
            repositoryFilters = repositoryFilters == null ? List.of() : List.copyOf(repositoryFilters);
        }

        boolean covers(String repository) {
            return repositoryFilters.isEmpty() || repositoryFilters.stream().anyMatch(f -> f.matches(repository));
        }
    }

    /** A registry's replication configuration. */
    public record Configuration(List<Rule> rules) {
        public static final Configuration EMPTY = new Configuration(List.of());

        public Configuration {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /** One destination's state of an image. {@code failureCode} is set for FAILED only. */
    public record Status(String region, String registryId, String status, String failureCode) {}

    /** DescribeImageReplicationStatus's answer. */
    public record ImageStatus(String repositoryName, String digest, String tag, List<Status> statuses) {}

    /** The queue's timings: backoff doubles from {@code retryBase} up to {@code retryMax}; {@code maxAttempts} then FAILED. */
    public record Retry(Duration retryBase, Duration retryMax, int maxAttempts) {}

    private final MetadataStore meta;
    private final Repositories repositories;
    private final ManifestPush push;
    private final BlobStore blobStore;
    private final ReplicationPermissions crossAccount;
    private final AccessControl access;
    private final RegistrySettings settings;
    private final RemoteRegistries remote;
    private final Retry retry;
    private volatile Runnable wake = () -> {};

    public Replication(MetadataStore meta, IamStore iam, Repositories repositories, BlobStore blobStore, AccessControl access,
                       RegistrySettings settings, RemoteRegistries remote, Retry retry) {
        this.meta = meta;
        this.repositories = repositories;
        this.push = new ManifestPush(meta, repositories, settings);
        this.blobStore = blobStore;
        this.crossAccount = new ReplicationPermissions(iam, settings.clock());
        this.access = access;
        this.settings = settings;
        this.remote = remote;
        this.retry = retry;
    }

    /** What to call when new work is queued (the worker's wake-up). */
    public void onQueued(Runnable wake) {
        this.wake = wake;
    }

    // ---------------------------------------------------------------- the API

    /** PutReplicationConfiguration: authorizes, validates as ECR, stores; returns what was stored. */
    public Configuration put(Caller caller, String account, Configuration configuration) {
        access.check(caller, PUT_ACTION, "*", account);
        Set<Destination> unique = new LinkedHashSet<>();
        for (Rule rule : configuration.rules()) {
            if (rule.destinations().isEmpty()) {
                throw invalid("Invalid parameter at 'destinations' failed to satisfy constraint: 'Member must have length greater than or equal to 1'");
            }
            Set<Destination> inRule = new HashSet<>();
            for (Destination d : rule.destinations()) {
                if (d.region() == null || d.registryId() == null) {
                    throw invalid("Missing required parameter '" + (d.region() == null ? "region" : "registryId") + "' in a replication destination");
                }
                if (!REGION.matcher(d.region()).matches()) {
                    throw invalid("Invalid parameter at 'region' failed to satisfy constraint: 'Member must satisfy regular expression pattern: [0-9a-z-]{2,25}'");
                }
                if (!REGISTRY_ID.matcher(d.registryId()).matches()) {
                    throw invalid("Invalid parameter at 'registryId' failed to satisfy constraint: 'Member must satisfy regular expression pattern: [0-9]{12}'");
                }
                if (d.region().equals(settings.region()) && d.registryId().equals(account)) {
                    throw invalid("Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'A replication destination "
                            + "cannot be the source registry itself (" + account + " in " + d.region() + ")'");
                }
                if (!inRule.add(d)) {
                    throw invalid("Invalid parameter at 'destinations' failed to satisfy constraint: 'The destination " + d.registryId()
                            + " in " + d.region() + " appears more than once in a rule'");
                }
                if (!d.region().equals(settings.region()) && !remote.reaches(d.region())) {
                    throw invalid("Invalid parameter at 'region' failed to satisfy constraint: 'This Wharf cannot replicate to "
                            + d.region() + ": no deployment is configured for it (replication.regions." + d.region() + ")'");
                }
                unique.add(d);
            }
            for (Filter f : rule.repositoryFilters()) {
                if (f.filter() == null || f.filterType() == null) {
                    throw invalid("Missing required parameter '" + (f.filter() == null ? "filter" : "filterType") + "' in a repository filter");
                }
                if (!"PREFIX_MATCH".equals(f.filterType())) {
                    throw invalid("Invalid parameter at 'filterType' failed to satisfy constraint: 'Member must satisfy enum value set: [PREFIX_MATCH]'");
                }
                if (f.filter().length() < 2 || f.filter().length() > 256) {
                    throw invalid("Invalid parameter at 'filter' failed to satisfy constraint: 'Member must have length between 2 and 256'");
                }
                if (!FILTER.matcher(f.filter()).matches()) {
                    throw invalid("Invalid parameter at 'filter' failed to satisfy constraint: 'Member must satisfy regular expression pattern: "
                            + FILTER.pattern() + "'");
                }
            }
        }
        if (unique.size() > MAX_DESTINATIONS) {
            throw new WharfException(ErrorCode.VALIDATION, "The replication configuration has " + unique.size()
                    + " unique destinations; a registry may replicate to at most " + MAX_DESTINATIONS + " destinations across all rules");
        }
        try {
            meta.putReplicationConfiguration(account, JSON.writeValueAsString(configuration), settings.clock().millis());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return configuration;
    }

    /** The registry's configuration (empty when none was put); the caller has been authorized (DescribeRegistry). */
    public Configuration configuration(String account) {
        return meta.replicationConfiguration(account).map(Replication::parse).orElse(Configuration.EMPTY);
    }

    /**
     * DescribeImageReplicationStatus: per destination the image was queued for, where its copy stands
     * (IN_PROGRESS while any push of it is still being copied there, else how the latest ended).
     */
    public ImageStatus status(Caller caller, String account, String name, Images.ImageId id) {
        RepositoryInfo repo = repositories.require(caller, account, name, STATUS_ACTION);
        if (id.digest() == null && id.tag() == null) {
            throw invalid("Invalid parameter at 'imageId' failed to satisfy constraint: 'imageDigest or imageTag must be given'");
        }
        String digest = id.digest();
        if (digest != null) {
            Digest.parse(digest);
            if (meta.findManifest(repo.id(), digest).isEmpty()) throw imageNotFound(repo, id);
        }
        if (id.tag() != null) {
            ImageTag.of(id.tag());
            Optional<Rows.Tag> tag = meta.findTag(repo.id(), id.tag());
            if (tag.isEmpty() || (digest != null && !digest.equals(tag.get().digest()))) throw imageNotFound(repo, id);
            digest = tag.get().digest();
        }
        Map<ReplicationStore.Destination, Status> byDestination = new LinkedHashMap<>();
        for (ReplicationItem i : meta.replicationItems(account, repo.name(), digest)) {
            Status previous = byDestination.get(i.destination());
            if (previous != null && ReplicationStore.IN_PROGRESS.equals(previous.status())) continue;
            byDestination.put(i.destination(), new Status(i.destination().region(), i.destination().registryId(), i.status(),
                    ReplicationStore.FAILED.equals(i.status()) ? i.failureCode() : null));
        }
        return new ImageStatus(repo.name(), digest, id.tag(), List.copyOf(byDestination.values()));
    }

    // ---------------------------------------------------------------- queueing

    /**
     * A push was stored ({@link ImageEvents#pushed}): queue it for every destination of the rules
     * that cover the repository. Never throws: a push is not undone because replication could not
     * be queued (the failure is logged by the caller's port).
     */
    public void pushed(String account, String repository, String digest, String tag) {
        Configuration c = configuration(account);
        Set<ReplicationStore.Destination> destinations = new LinkedHashSet<>();
        for (Rule r : c.rules()) {
            if (!r.covers(repository)) continue;
            for (Destination d : r.destinations()) destinations.add(new ReplicationStore.Destination(d.region(), d.registryId()));
        }
        if (destinations.isEmpty()) return;
        meta.enqueueReplications(account, repository, digest, tag, List.copyOf(destinations), settings.clock().millis());
        wake.run();
    }

    // ---------------------------------------------------------------- the work

    /**
     * Claims due items for {@code worker} and copies each; returns how many it took (0: nothing was
     * due). Every outcome is recorded only while the worker still holds the item's claim.
     */
    public int runDue(String worker) {
        long now = settings.clock().millis();
        List<ReplicationItem> items = meta.claimReplications(worker, now, now + CLAIM.toMillis(), BATCH);
        for (ReplicationItem item : items) {
            try {
                copy(item, new Claim(worker, item.id()));
                meta.finishReplication(item.id(), worker, ReplicationStore.COMPLETE, null, settings.clock().millis());
            } catch (ReplicationFailure f) {
                failed(worker, item, f.getMessage(), f.retryable());
            } catch (RuntimeException e) {
                // our own storage failed (or a bug): worth another attempt; the status names only the kind of failure
                LOG.warn("replication of {}/{}@{}: the copy failed here: {}", item.accountId(), item.repository(), item.digest(), e.toString());
                failed(worker, item, "Wharf could not copy the image: " + e.getClass().getSimpleName(), true);
            }
        }
        return items.size();
    }

    private void failed(String worker, ReplicationItem item, String reason, boolean retryable) {
        long now = settings.clock().millis();
        String what = item.accountId() + "/" + item.repository() + "@" + item.digest() + " to " + item.destination().registryId()
                + " in " + item.destination().region();
        if (!retryable || item.attempts() >= retry.maxAttempts()) {
            meta.finishReplication(item.id(), worker, ReplicationStore.FAILED, reason, now);
            LOG.warn("replication of {} FAILED after {} attempts: {}", what, item.attempts(), reason);
        } else {
            Duration wait = backoff(item.attempts());
            meta.retryReplication(item.id(), worker, now + wait.toMillis(), reason, now);
            LOG.info("replication of {}: attempt {} failed, next in {}: {}", what, item.attempts(), wait, reason);
        }
    }

    /** {@code retryBase} doubled for each attempt made before this one, at most {@code retryMax}. */
    Duration backoff(int attempts) {
        return backoff(retry, attempts);
    }

    static Duration backoff(Retry retry, int attempts) {
        long base = retry.retryBase().toMillis();
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = base > Long.MAX_VALUE >> shift ? Long.MAX_VALUE : base << shift;
        return Duration.ofMillis(Math.min(millis, retry.retryMax().toMillis()));
    }

    /** Keeps a worker's claim on one item while the copy lasts: renewed once half of it has passed. */
    private final class Claim implements RemoteRegistries.Heartbeat {
        private final String worker;
        private final long id;
        private long renewedAt = settings.clock().millis();

        Claim(String worker, long id) {
            this.worker = worker;
            this.id = id;
        }

        @Override
        public void beat() throws ReplicationFailure {
            long now = settings.clock().millis();
            if (now - renewedAt < CLAIM.toMillis() / 2) return;
            if (!meta.renewReplication(id, worker, now + CLAIM.toMillis())) {
                throw new ReplicationFailure("The copy lost its claim (the image was pushed again, or the copy ran too long)", true);
            }
            renewedAt = now;
        }
    }

    private void copy(ReplicationItem item, Claim claim) throws ReplicationFailure {
        RepositoryInfo source = repositories.find(item.accountId(), item.repository())
                .orElseThrow(() -> new ReplicationFailure("The source repository " + item.repository() + " no longer exists", false));
        // copies may finish out of order (retries, several nodes): a tag that has moved on at the source
        // since this push is left to the later push's copy, so the destination's tag never moves back
        String tag = item.tag() != null && meta.findTag(source.id(), item.tag()).filter(t -> t.digest().equals(item.digest())).isPresent()
                ? item.tag() : null;
        RemoteRegistries.Image image = image(source, item.digest(), tag, claim);
        ReplicationStore.Destination d = item.destination();
        if (d.region().equals(settings.region())) {
            copyHere(item.accountId(), d.registryId(), image);
        } else {
            remote.push(d.region(), d.registryId(), image);
        }
    }

    /** The image as it is to be pushed: children of an index first, each manifest with the blobs it needs. */
    private RemoteRegistries.Image image(RepositoryInfo source, String digest, String tag, Claim claim) throws ReplicationFailure {
        List<RemoteRegistries.Manifest> ordered = new ArrayList<>();
        collect(source, digest, ordered, new HashSet<>(), 0);
        return new RemoteRegistries.Image(source.name(), tag, ordered, d -> blobStore.open(Digest.parse(d), 0), claim);
    }

    private void collect(RepositoryInfo source, String digest, List<RemoteRegistries.Manifest> out, Set<String> seen, int depth)
            throws ReplicationFailure {
        if (!seen.add(digest)) return;
        Rows.Manifest row = meta.findManifest(source.id(), digest)
                .orElseThrow(() -> new ReplicationFailure("The image " + digest + " no longer exists in " + source.name(), false));
        ParsedManifest m = ManifestParser.parse(row.body(), row.mediaType());
        if (depth < 2) {
            for (Descriptor child : m.manifests()) collect(source, child.digest().toString(), out, seen, depth + 1);
        }
        List<RemoteRegistries.Blob> blobs = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (Descriptor b : m.requiredBlobs()) {
            if (distinct.add(b.digest().toString())) blobs.add(new RemoteRegistries.Blob(b.digest().toString(), b.size()));
        }
        out.add(new RemoteRegistries.Manifest(digest, row.mediaType(), row.body(), blobs));
    }

    /**
     * Cross-account, in this Wharf: the destination registry's policy must allow the source account
     * ecr:ReplicateImage (and ecr:CreateRepository when the repository is missing); the repository is
     * created with a REPLICATION creation template when one covers it; blobs are linked (blob rows
     * are shared, so nothing is copied); then the manifests and the tag are stored.
     */
    private void copyHere(String sourceAccount, String destination, RemoteRegistries.Image image) throws ReplicationFailure {
        if (meta.findAccount(destination).isEmpty()) {
            throw new ReplicationFailure("The destination registry " + destination + " does not exist", false);
        }
        String arn = settings.repositoryArn(destination, image.repository());
        if (!crossAccount.allows(sourceAccount, REPLICATE_IMAGE, arn, destination)) {
            throw new ReplicationFailure("Access denied: the registry policy of " + destination + " does not allow " + sourceAccount
                    + " to perform " + REPLICATE_IMAGE + " on " + arn, false);
        }
        Optional<RepositoryInfo> existing = repositories.find(destination, image.repository());
        RepositoryInfo target;
        if (existing.isPresent()) {
            target = existing.get();
        } else {
            if (!crossAccount.allows(sourceAccount, EcrAction.CREATE_REPOSITORY, arn, destination)) {
                throw new ReplicationFailure("Access denied: the repository " + image.repository() + " does not exist in " + destination
                        + " and its registry policy does not allow " + sourceAccount + " to perform " + EcrAction.CREATE_REPOSITORY, false);
            }
            target = repositories.createForReplication(destination, image.repository());
        }
        try {
            long now = settings.clock().millis();
            for (RemoteRegistries.Manifest m : image.manifests()) {
                image.heartbeat().beat();
                for (RemoteRegistries.Blob b : m.blobs()) {
                    if (meta.findLinkedBlob(target.id(), b.digest()).isPresent()) continue;
                    repositories.limits().requireStorage(destination, b.digest(), b.size());
                    if (!meta.linkExistingBlob(target.id(), b.digest(), now)) {
                        throw new ReplicationFailure("The blob " + b.digest() + " was removed while it was being replicated", true);
                    }
                }
                boolean top = m == image.top();
                Images.Reference ref = top && image.tag() != null ? new Images.ByTag(ImageTag.of(image.tag()))
                        : new Images.ByDigest(Digest.parse(m.digest()));
                push.store(target, ref, Digest.parse(m.digest()), m.body(), m.mediaType());
            }
        } catch (WharfException e) {
            throw new ReplicationFailure(e.code().ecrType() + ": " + e.getMessage(), false);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Configuration parse(String json) {
        try {
            return JSON.readValue(json, Configuration.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored replication configuration is not JSON", e);
        }
    }

    private static WharfException imageNotFound(RepositoryInfo repo, Images.ImageId id) {
        String what = id.digest() != null ? "imageDigest=" + id.digest() : "imageTag=" + id.tag();
        return new WharfException(ErrorCode.MANIFEST_UNKNOWN, "The image with imageId {" + what
                + "} does not exist within the repository with name '" + repo.name() + "' in the registry with id '"
                + repo.accountId() + "'");
    }

    private static WharfException invalid(String message) {
        return new WharfException(ErrorCode.INVALID_PARAMETER, message);
    }
}
