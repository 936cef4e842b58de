package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.registry.UpstreamRegistries.UpstreamException;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.ConflictException;
import dev.wharf.storage.meta.LimitException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.ReferenceGoneException;
import dev.wharf.storage.meta.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The serving side of a pull through cache (ECR user guide, "Using pull through cache rules"): a
 * pull of {@code <prefix>/<upstream repository>} that misses fetches the image from the upstream,
 * creating the repository on the first pull (with the {@code PULL_THROUGH_CACHE} creation template
 * that matches), and is then served like any other image. A tag is compared with the upstream at
 * most once per {@link #RECHECK}; when the upstream cannot answer, what is cached is served.
 *
 * <p>The doors call {@link #beforeManifestPull} (or, for {@code /v2/}, {@link #beforeManifestGet}) and
 * {@link #beforeBlobPull} before their usual read; each does nothing for a name no rule covers, or for
 * content that is cached and fresh. An image manifest is stored only once its config and layers are
 * (the store's rule that a manifest's blobs are linked), though {@code /v2/} answers it earlier, from
 * memory, while they are stored; an index is stored at once and its child manifests are fetched when
 * they are pulled.
 *
 * <p>Concurrent misses of one manifest or blob on this node fetch it once (single flight); on many
 * nodes each may fetch it, and every copy is verified by digest and stored idempotently.
 */
public final class CachedPulls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CachedPulls.class);
    /** ECR: "Amazon ECR checks the upstream registry ... at least once every 24 hours". */
    public static final Duration RECHECK = Duration.ofHours(24);
    /** ECR's permission to fetch an image from the upstream into the registry. */
    public static final String BATCH_IMPORT_UPSTREAM_IMAGE = "ecr:BatchImportUpstreamImage";
    /** How long a pull waits for another's fetch of the same content before it gives up (the fetch itself is bounded by the client's timeouts). */
    private static final Duration FLIGHT_WAIT = Duration.ofMinutes(30);
    /** Layers of one image fetched at once. */
    private static final int PARALLEL_BLOBS = 4;
    /** Images whose layers are stored in the background at once on this node; past it a miss stores its image before it answers, as a BatchGetImage does. */
    private static final int MAX_PENDING_IMAGES = 32;
    /** The member of an UPSTREAM_IMAGE_UNAVAILABLE's detail that names the {@link UpstreamRegistries.Failure}. */
    public static final String UPSTREAM_FAILURE = "upstreamFailure";

    private final PullThroughCache rules;
    private final MetadataStore meta;
    private final Repositories repositories;
    private final Blobs blobs;
    private final AccessControl access;
    private final RegistrySettings settings;
    private final UpstreamRegistries upstreams;
    private final Map<String, CompletableFuture<Void>> flights = new ConcurrentHashMap<>();
    /** Images answered to a /v2/ pull whose layers are still being stored, by {@link #pendingKey}; each holds a permit of {@link #pendingPermits}. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Semaphore pendingPermits = new Semaphore(MAX_PENDING_IMAGES);
    /** Runs the background stores; bounded by {@link #pendingPermits}. */
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("pull-through-", 0).factory());

    public CachedPulls(PullThroughCache rules, MetadataStore meta, Repositories repositories, Blobs blobs, AccessControl access,
                       RegistrySettings settings, UpstreamRegistries upstreams) {
        this.rules = rules;
        this.meta = meta;
        this.repositories = repositories;
        this.blobs = blobs;
        this.access = access;
        this.settings = settings;
        this.upstreams = upstreams;
    }

    /**
     * Before a manifest GET or HEAD, or an image of BatchGetImage: when a rule covers {@code name} and
     * the image is not cached (or its tag is due for a re-check), fetches it from the upstream.
     * Leaves every refusal of the pull itself (a malformed name or reference, no ecr:BatchGetImage)
     * to the read that follows; refuses a fetch the caller may not make (ecr:BatchImportUpstreamImage,
     * and ecr:CreateRepository for the first pull).
     *
     * @throws WharfException UPSTREAM_IMAGE_UNAVAILABLE when the image is not cached and the upstream cannot give it
     */
    public void beforeManifestPull(Caller caller, String account, String name, String reference) {
        miss(caller, account, name, reference, false);
    }

    /**
     * Before a {@code /v2/} manifest GET or HEAD: as {@link #beforeManifestPull}, except that the miss
     * of an image that is not cached answers as soon as its manifest is fetched and verified, while
     * its config and layers are stored in the background (a blob GET of one of them meanwhile waits
     * for that blob's fetch only). The manifest and its tag are stored once all its blobs are.
     *
     * @return the manifest to answer with while its image is being stored, or empty for the usual read
     * @throws WharfException UPSTREAM_IMAGE_UNAVAILABLE when the image is not cached and the upstream cannot give it
     */
    public Optional<Answer> beforeManifestGet(Caller caller, String account, String name, String reference) {
        return miss(caller, account, name, reference, true);
    }

    /** A manifest fetched from the upstream and verified, answered before it is stored. */
    public record Answer(Digest digest, String mediaType, byte[] body) {}

    /** An image being stored in the background: its manifest, and the outcome of storing it. */
    private record Pending(Answer answer, CompletableFuture<Void> stored) {}

    private static String pendingKey(String account, String name, String reference) {
        return account + "/" + name + "@" + reference;
    }

    private Optional<Answer> miss(Caller caller, String account, String name, String reference, boolean answerEarly) {
        Target t = target(account, name);
        if (t == null || reference == null) return Optional.empty();
        Images.Reference ref;
        try {
            ref = Images.Reference.parse(reference);
        } catch (WharfException e) {
            return Optional.empty(); // the read answers it as it answers any malformed reference
        }
        String key = pendingKey(account, t.name(), reference);
        Pending p = pending.get(key);
        if (p == null) {
            Optional<RepositoryInfo> repo = repositories.find(account, t.name());
            boolean cached = repo.isPresent() && cached(repo.get(), ref);
            if (cached && fresh(repo.get(), ref)) return Optional.empty();
            if (!mayImport(caller, account, t.name(), repo.isPresent(), cached)) return Optional.empty();
            once("manifest " + key, () -> {
                // a fetch that finished after this caller looked may have answered already: pending, or stored
                if (pending.containsKey(key)) return;
                Optional<RepositoryInfo> now = repositories.find(account, t.name());
                if (now.isPresent() && cached(now.get(), ref) && fresh(now.get(), ref)) return;
                fetchManifest(caller, t, ref, reference, answerEarly);
            });
            p = pending.get(key);
            if (p == null) return Optional.empty();
        } else if (!access.allows(caller, EcrAction.BATCH_GET_IMAGE, settings.repositoryArn(account, t.name()), account)) {
            return Optional.empty(); // the read refuses; an image being cached, like a cached one, needs only ecr:BatchGetImage
        }
        if (answerEarly) return Optional.of(p.answer());
        await(p.stored());
        return Optional.empty();
    }

    /**
     * Before a blob GET or HEAD: when a rule covers {@code name}, its repository exists and the blob
     * is not linked there, fetches the blob from the upstream repository.
     */
    public void beforeBlobPull(Caller caller, String account, String name, Digest digest) {
        // the common case first, from cached rows: a blob the repository links needs no look at the rules
        Optional<RepositoryInfo> repo = repositories.find(account, name);
        if (repo.isEmpty() || meta.findLinkedBlob(repo.get().id(), digest.toString()).isPresent()) return;
        Target t = target(account, name);
        if (t == null) return;
        String arn = settings.repositoryArn(account, t.name());
        if (!access.allows(caller, EcrAction.GET_DOWNLOAD_URL_FOR_LAYER, arn, account)
                || !access.allows(caller, BATCH_IMPORT_UPSTREAM_IMAGE, arn, account)) {
            return; // the read refuses or answers BLOB_UNKNOWN
        }
        UpstreamRegistries.Upstream up = upstream(t.rule(), ErrorCode.UPSTREAM_LAYER_UNAVAILABLE);
        try {
            ensureBlob(repo.get(), up, t.upstreamRepository(), digest, -1);
        } catch (UpstreamException e) {
            if (e.failure() == UpstreamRegistries.Failure.NOT_FOUND) return; // BLOB_UNKNOWN, as for any missing blob
            throw new WharfException(ErrorCode.UPSTREAM_LAYER_UNAVAILABLE, "The layer " + digest + " could not be fetched from the upstream "
                    + "registry of the pull through cache rule '" + t.rule().prefix() + "': " + e.getMessage());
        }
    }

    /** A name that a rule covers, and what the rule makes of it. */
    private record Target(String name, PullThroughCache.Rule rule, String upstreamRepository) {}

    private Target target(String account, String name) {
        String valid;
        try {
            valid = RepositoryName.of(name).value();
        } catch (WharfException e) {
            return null;
        }
        return rules.match(account, valid).map(r -> new Target(valid, r, r.upstreamRepository(valid))).orElse(null);
    }

    private boolean cached(RepositoryInfo repo, Images.Reference ref) {
        return switch (ref) {
            case Images.ByDigest(Digest d) -> meta.findManifest(repo.id(), d.toString()).isPresent();
            case Images.ByTag(ImageTag tag) -> meta.findTag(repo.id(), tag.value()).isPresent();
        };
    }

    /** A digest never changes; a tag is fresh for {@link #RECHECK} after it was last compared with the upstream. */
    private boolean fresh(RepositoryInfo repo, Images.Reference ref) {
        if (!(ref instanceof Images.ByTag(ImageTag tag))) return true;
        long now = settings.clock().millis();
        return meta.findUpstreamCheck(repo.id(), tag.value()).map(at -> now - at < RECHECK.toMillis()).orElse(false);
    }

    /**
     * Whether this caller's pull may fetch from the upstream. A caller without ecr:BatchGetImage is
     * left to the read's refusal; one without the import permissions is served what is cached, and
     * refused when nothing is.
     */
    private boolean mayImport(Caller caller, String account, String name, boolean exists, boolean cached) {
        String arn = settings.repositoryArn(account, name);
        if (!access.allows(caller, EcrAction.BATCH_GET_IMAGE, arn, account)) return false;
        boolean mayImport = access.allows(caller, BATCH_IMPORT_UPSTREAM_IMAGE, arn, account)
                && (exists || access.allows(caller, EcrAction.CREATE_REPOSITORY, arn, account));
        if (mayImport) return true;
        if (cached) return false;
        access.check(caller, BATCH_IMPORT_UPSTREAM_IMAGE, arn, account);
        access.check(caller, EcrAction.CREATE_REPOSITORY, arn, account);
        return false;
    }

    private void fetchManifest(Caller caller, Target t, Images.Reference ref, String reference, boolean answerEarly) {
        Optional<RepositoryInfo> existing = repositories.find(t.rule().accountId(), t.name());
        boolean cached = existing.isPresent() && cached(existing.get(), ref);
        if (cached && fresh(existing.get(), ref)) return; // another pull fetched it while this one waited
        UpstreamRegistries.Manifest m;
        UpstreamRegistries.Upstream up;
        try {
            up = upstream(t.rule(), ErrorCode.UPSTREAM_IMAGE_UNAVAILABLE);
            m = upstreams.manifest(up, t.upstreamRepository(), reference, settings.limits().maxManifestBytes());
        } catch (UpstreamException | WharfException e) {
            if (cached) return; // the upstream is down or refuses: serve what is cached, compare again at the next pull
            if (e instanceof UpstreamException u && u.failure() == UpstreamRegistries.Failure.NOT_FOUND) return; // MANIFEST_UNKNOWN
            throw unavailable(t, reference, e.getMessage(),
                    e instanceof UpstreamException u ? u.failure() : UpstreamRegistries.Failure.UNAUTHORIZED);
        }
        RepositoryInfo repo = existing.orElseGet(() ->
                repositories.createFor(caller, t.rule().accountId(), t.name(), CreationTemplates.AppliedFor.PULL_THROUGH_CACHE));
        String tag = ref instanceof Images.ByTag(ImageTag tg) ? tg.value() : null;
        try {
            ParsedManifest p = check(repo, m);
            if (answerEarly && !cached && !p.requiredBlobs().isEmpty() && pendingPermits.tryAcquire()) {
                storeInBackground(t, repo, up, m, p, reference, tag);
                return;
            }
            store(repo, up, t.upstreamRepository(), m, p, tag);
        } catch (UpstreamException e) {
            if (cached) return;
            throw unavailable(t, reference, e.getMessage(), e.failure());
        }
        if (tag != null) meta.putUpstreamCheck(repo.id(), tag, settings.clock().millis());
    }

    /**
     * Answers {@code m} from memory (by the reference asked for and by its digest) while its blobs and
     * then the manifest and tag are stored on a background thread; takes a permit of
     * {@link #pendingPermits} and gives it back. A failure stores no manifest row (blobs already
     * committed stay, verified and content-addressed) and is logged; the next pull fetches again.
     */
    private void storeInBackground(Target t, RepositoryInfo repo, UpstreamRegistries.Upstream up, UpstreamRegistries.Manifest m,
                                   ParsedManifest p, String reference, String tag) {
        Pending entry = new Pending(new Answer(p.digest(), p.mediaType(), m.body()), new CompletableFuture<>());
        List<String> keys = reference.equals(p.digest().toString())
                ? List.of(pendingKey(repo.accountId(), t.name(), reference))
                : List.of(pendingKey(repo.accountId(), t.name(), reference), pendingKey(repo.accountId(), t.name(), p.digest().toString()));
        for (String k : keys) pending.putIfAbsent(k, entry);
        Runnable work = () -> {
            try {
                store(repo, up, t.upstreamRepository(), m, p, tag);
                if (tag != null) meta.putUpstreamCheck(repo.id(), tag, settings.clock().millis());
                entry.stored().complete(null);
            } catch (UpstreamException e) {
                LOG.warn("Caching {}:{} from the upstream of the pull through cache rule '{}' failed; the next pull tries again: {}",
                        t.name(), reference, t.rule().prefix(), e.getMessage());
                entry.stored().completeExceptionally(unavailable(t, reference, e.getMessage(), e.failure()));
            } catch (RuntimeException e) {
                LOG.warn("Caching {}:{} from the upstream of the pull through cache rule '{}' failed; the next pull tries again",
                        t.name(), reference, t.rule().prefix(), e);
                entry.stored().completeExceptionally(e);
            } finally {
                for (String k : keys) pending.remove(k, entry);
                pendingPermits.release();
            }
        };
        background.execute(work);
    }

    /** The upstream's manifest parsed and held to this Wharf's limits, before anything of it is stored. */
    private ParsedManifest check(RepositoryInfo repo, UpstreamRegistries.Manifest m) {
        ParsedManifest p;
        try {
            p = ManifestParser.parse(m.body(), m.mediaType());
        } catch (WharfException e) {
            throw new UpstreamException(UpstreamRegistries.Failure.INVALID, "the upstream's manifest is not valid: " + e.getMessage());
        }
        var limits = repositories.limits().forAccount(repo.accountId());
        if (p.layers().size() > limits.layersPerImage()) {
            throw new UpstreamException(UpstreamRegistries.Failure.INVALID, "the upstream image has " + p.layers().size()
                    + " layers; the maximum number of layers per image is " + limits.layersPerImage());
        }
        return p;
    }

    /** Stores an upstream manifest: an image's blobs first, then the manifest (an index's children come later, on demand). */
    private void store(RepositoryInfo repo, UpstreamRegistries.Upstream up, String upstreamRepository, UpstreamRegistries.Manifest m,
                       ParsedManifest p, String tag) {
        var limits = repositories.limits().forAccount(repo.accountId());
        List<Rows.Reference> refs = new ArrayList<>();
        ensureBlobs(repo, up, upstreamRepository, p.requiredBlobs());
        for (Descriptor d : p.requiredBlobs()) refs.add(new Rows.Reference(d.digest().toString(), Rows.Reference.BLOB));
        for (Descriptor child : p.manifests()) refs.add(new Rows.Reference(child.digest().toString(), Rows.Reference.MANIFEST));
        Rows.Manifest row = new Rows.Manifest(repo.id(), p.digest().toString(), p.mediaType(), p.artifactType(),
                p.subject() == null ? null : p.subject().digest().toString(), m.body().length, p.imageSize(), m.body(),
                settings.clock().millis(), null);
        try {
            meta.putManifest(row, refs, tag, tag != null && repo.tagIsImmutable(tag), limits.imagesPerRepository());
        } catch (ConflictException e) {
            // an immutable tag keeps the image it was first cached with, as ECR's cache does
        } catch (ReferenceGoneException e) {
            throw new UpstreamException(UpstreamRegistries.Failure.UNAVAILABLE, "a layer was garbage-collected while the image was cached; pull again");
        } catch (LimitException e) {
            throw new WharfException(ErrorCode.LIMIT_EXCEEDED, "The maximum number of images per repository ("
                    + e.limit() + ") has been reached for the repository '" + repo.name() + "'");
        }
    }

    /**
     * {@link #ensureBlob} for each of an image's blobs, {@value #PARALLEL_BLOBS} at a time, so that the
     * first pull waits about as long as its largest layer takes; the first failure is thrown once
     * every fetch has ended.
     */
    private void ensureBlobs(RepositoryInfo repo, UpstreamRegistries.Upstream up, String upstreamRepository, List<Descriptor> blobs) {
        if (blobs.size() <= 1) {
            for (Descriptor d : blobs) ensureBlob(repo, up, upstreamRepository, d.digest(), d.size());
            return;
        }
        Semaphore permits = new Semaphore(PARALLEL_BLOBS);
        List<Future<?>> fetches = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Descriptor d : blobs) {
                fetches.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        ensureBlob(repo, up, upstreamRepository, d.digest(), d.size());
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : fetches) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new UpstreamException(UpstreamRegistries.Failure.UNAVAILABLE, "fetching a layer failed: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException(UpstreamRegistries.Failure.UNAVAILABLE, "interrupted while the layers were fetched");
            }
        }
    }

    /** Links the blob into the repository: from another repository of this Wharf when it is stored, else from the upstream, verified. */
    private void ensureBlob(RepositoryInfo repo, UpstreamRegistries.Upstream up, String upstreamRepository, Digest digest, long size) {
        if (meta.findLinkedBlob(repo.id(), digest.toString()).isPresent()) return;
        once("blob " + repo.id() + "@" + digest, () -> {
            if (meta.findLinkedBlob(repo.id(), digest.toString()).isPresent()) return;
            long now = settings.clock().millis();
            if (meta.findBlob(digest.toString()).isPresent() && meta.linkExistingBlob(repo.id(), digest.toString(), now)) return;
            UpstreamRegistries.Blob b = upstreams.blob(up, upstreamRepository, digest);
            try (InputStream in = b.body()) {
                if (size >= 0 && b.size() != size) {
                    throw new UpstreamException(UpstreamRegistries.Failure.INVALID, "the upstream's blob " + digest + " is " + b.size()
                            + " bytes, but the manifest says " + size);
                }
                if (b.size() > settings.limits().maxBlobBytes()) {
                    throw new UpstreamException(UpstreamRegistries.Failure.INVALID, "the upstream's blob " + digest + " is " + b.size()
                            + " bytes, more than this Wharf's maximum of " + settings.limits().maxBlobBytes());
                }
                Blobs.UploadStatus s = blobs.startFor(repo);
                try {
                    blobs.completeIn(repo, s.uploadId(), digest, b.size(), in);
                } catch (WharfException e) {
                    discardQuietly(s.uploadId());
                    if (e.code() == ErrorCode.LAYER_DIGEST_MISMATCH || e.code() == ErrorCode.SIZE_INVALID
                            || e.code() == ErrorCode.UPLOAD_INVALID) {
                        throw new UpstreamException(UpstreamRegistries.Failure.INVALID, "the upstream's blob " + digest
                                + " is not what its digest names: " + e.getMessage());
                    }
                    throw e;
                } catch (RuntimeException e) {
                    discardQuietly(s.uploadId());
                    throw new UpstreamException(UpstreamRegistries.Failure.UNAVAILABLE, "reading the blob " + digest
                            + " from the upstream failed: " + e.getMessage());
                }
            } catch (IOException e) {
                throw new UpstreamException(UpstreamRegistries.Failure.UNAVAILABLE, "reading the blob " + digest + " failed: " + e.getMessage());
            }
        });
    }

    private void discardQuietly(String uploadId) {
        try {
            blobs.discard(uploadId);
        } catch (RuntimeException ignored) {
            // the session may already be gone (completeIn discards on a digest mismatch); expiry removes any rest
        }
    }

    private UpstreamRegistries.Upstream upstream(PullThroughCache.Rule rule, ErrorCode code) {
        try {
            return rules.upstream(rule);
        } catch (WharfException e) {
            throw new WharfException(code, "The upstream registry of the pull through cache rule '" + rule.prefix()
                    + "' cannot be signed in to: " + e.getMessage());
        }
    }

    /** The refusal of an image that is not cached and that the upstream did not give; {@code detail.upstreamFailure} says why. */
    private static WharfException unavailable(Target t, String reference, String why, UpstreamRegistries.Failure failure) {
        return new WharfException(ErrorCode.UPSTREAM_IMAGE_UNAVAILABLE, "The image '" + t.name() + ":" + reference
                + "' is not cached and could not be pulled from the upstream registry of the pull through cache rule '"
                + t.rule().prefix() + "': " + why, Map.of(UPSTREAM_FAILURE, failure.name()));
    }

    /**
     * Runs {@code work} unless the same key is already being worked on here, in which case waits for
     * that run and shares its outcome: concurrent misses of one image or blob fetch it once.
     */
    private void once(String key, Runnable work) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            await(running);
            return;
        }
        try {
            work.run();
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    private static void await(CompletableFuture<Void> running) {
        try {
            running.get(FLIGHT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new WharfException(ErrorCode.UPSTREAM_IMAGE_UNAVAILABLE, "The content is still being fetched from the upstream registry; pull again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException(ErrorCode.UPSTREAM_IMAGE_UNAVAILABLE, "Interrupted while the content was fetched from the upstream registry");
        }
    }

    /**
     * Stops storing images in the background (a server stopping): a store cut short leaves only verified,
     * content-addressed layers and no manifest, so the next pull fetches the image again.
     */
    @Override
    public void close() {
        background.shutdownNow();
    }
}
