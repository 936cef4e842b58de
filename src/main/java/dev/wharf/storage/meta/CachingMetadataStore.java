package dev.wharf.storage.meta;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A {@link MetadataStore} (and, wrapped together with it, the {@link IamStore} of the same database)
 * that remembers, with bounded memory, the rows every pull reads again and again: the default
 * account, accounts, access keys, repositories by name with their resource tags, manifests by
 * digest, tags, blob links, archive rows, pull through cache rules, pull-time exclusions, an
 * account's limit overrides, the repository and registry policies, and who an IAM caller is with
 * its identity policies. Everything else goes straight to the store underneath. A warm pull makes
 * one query: the generation.
 *
 * <p>The rule it follows (docs/design.md, "Caches across nodes"):
 * <ul>
 *   <li>exact across nodes and processes: every row is kept with the shared database's cache
 *       generation ({@link JdbcCacheGenerations}) read before it, and served only while the
 *       generation is still that one. The database bumps the generation in the same transaction as
 *       every write that could make a kept row stale, whoever writes (triggers of migrations V73 and
 *       V75). The generation is read once per request (the {@code requestScope} names the request
 *       bound to the thread), or once per lookup outside a request;</li>
 *   <li>only positive answers are kept where inserts do not bump the generation (a row just
 *       created, a tag among them, is seen at once, here and on every other node); answers of
 *       tables whose inserts bump it too (access keys among them) are kept whole, an empty answer too;</li>
 *   <li>so revocation stays immediate: deactivating or deleting an access key, a tag move or
 *       delete, or any policy change bumps the generation when it commits, and the next request on
 *       any node reads the new generation before it trusts a cached row;</li>
 *   <li>this node reads its own writes at once, within the request that wrote too: a metadata write
 *       reads the shared generation once it is done and empties the cache if the write moved it (a
 *       push of a new image does not, and keeps the cache); an IAM write, and every write of a cache
 *       that knows only this process's writes, empties it before it runs and again after; a pull-time
 *       flush drops only the rows of the manifests it names; writes to upload sessions, secrets and new
 *       STS sessions do not touch cached rows and leave it alone.</li>
 * </ul>
 * Built with {@link #wrap(MetadataStore, Duration, LongSupplier)} (tests), it knows only this
 * process's writes and serves a row for at most {@code ttl}.
 * Every method of both SPIs is listed below exactly once, as a read, a write, or a write that
 * leaves cached rows alone; a method added to an SPI and not listed here makes {@link #wrap}
 * fail, so nobody has to guess from a method's name whether it writes.
 */
public final class CachingMetadataStore implements StoreHandler {
    /**
     * How long an exact cache keeps a row: the shared generation, not this, decides whether a row
     * is stale; this only lets rows nobody asks for go.
     */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);
    private static final int MAX_ENTRIES = 4096;
    private static final long MAX_MANIFEST_BYTES = 16L << 20;
    /**
     * Reads whose present answers are cached: inserts into their tables do not bump the generation (a row just
     * created makes no cached row stale), so an absent answer must be read again every time.
     */
    static final Set<String> CACHED = Set.of("defaultAccount", "findAccount", "findRepository",
            "findManifest", "findLinkedBlob", "findTag");
    /**
     * Reads whose every answer is cached, an empty one too (with the shared generation only): every write to
     * their tables bumps the generation, inserts included.
     */
    static final Set<String> CACHED_WHOLE = Set.of("accountLimits", "repositoryTags", "listPullThroughCacheRules",
            "findImageArchive", "findPullTimeExclusion",
            // an STS session's key id is looked up here first, and is absent: keeping that answer saves its query
            "findAccessKey");
    /** Reads that go to the store every time and never invalidate. */
    static final Set<String> READS = Set.of("listAccounts", "listRepositories", "countRepositories",
            "countManifests", "findBlob", "findLinkedBlobs", "unlinkedBlobs", "isBlobReferenced",
            "listTags", "tagsOf", "listReferrers", "parentsOf", "listImages", "indexChildren",
            "findUpload", "uploadEnded", "uploadsUpdatedBefore", "findLayerParts", "setting", "accountSetting",
            "findLifecyclePolicy", "listLifecyclePolicies", "findLifecyclePreview",
            "findCreationTemplate", "listCreationTemplates", "listPullTimeExclusions",
            "listImageArchives", "previewGarbage", "lease",
            "repositoryUsage", "accountUsage", "accountBytesWith",
            "replicationConfiguration", "replicationItems", "pendingReplications",
            "findSecretByName", "findSecretByArn", "findSecretVersion", "secretStages", "listSecrets",
            "findPullThroughCacheRule", "findUpstreamCheck", "blobContent", "blobContentSize", "blobContentDigests");
    /**
     * Writes that leave every cached row as it was: upload sessions and their parts (never cached), secrets, and
     * pull times (only the flushed manifests' rows are dropped, so that this node's {@code DescribeImages} shows a
     * pull time at once; another node's cached row may lag by the ttl, and nothing on the pull path reads it), and
     * upstream checks (never cached). Emptying the cache for these would make every pull after a pull-time flush a miss.
     * A blob's completion or link only inserts: a blob row (never cached) and a link, whose reads keep present
     * answers only ({@code findLinkedBlob}: a new link is read at once, as an absent answer was never kept), and it
     * ends pins and the session; emptying the cache for it made every request after a blob push read the
     * caller, the repository and the policies again (seven queries, docs/performance.md, "Small pushes").
     */
    static final Set<String> NEUTRAL_WRITES = Set.of("createUpload", "purgeEndedUploads", "claimUpload", "advanceUpload", "releaseUpload",
            "deleteUpload", "putLayerParts", "recordPulls", "pinBlob", "unpinBlob", "claimDeletions", "finishDeletions", "acquireLease",
            "completeUpload", "completeEmptyUpload", "linkBlob", "linkExistingBlob",
            "releaseLease", "putReplicationConfiguration", "enqueueReplications", "claimReplications", "renewReplication", "finishReplication",
            "retryReplication",
            // secrets are never cached (a value put or deleted on one node is read at once on every other)
            "createSecret", "putSecretVersion", "scheduleSecretDeletion", "deleteSecret", "recordSecretAccess",
            "putUpstreamCheck",
            // a small blob's bytes (never cached; a blob's row says whether it exists)
            "deleteBlobContents", "completeWithContent");
    /**
     * Writes that may change a cached row: under the shared generation, the cache is emptied after each that moved
     * it; in a cache that knows only this process's writes, before and after each.
     */
    static final Set<String> WRITES = Set.of("createAccount", "deleteAccount", "createAccessKey", "createRepository",
            "deleteRepository", "updateRepository", "putRepositoryTags", "removeRepositoryTags", "unlinkBlob",
            "deleteBlobIfUnlinked", "putManifest", "deleteManifest", "deleteTag", "putSetting", "putAccountSetting",
            "putAccountLimit", "deleteAccountLimit", "putLifecyclePolicy", "deleteLifecyclePolicy", "markLifecycleEvaluated",
            "putLifecyclePreview", "createCreationTemplate", "updateCreationTemplate", "deleteCreationTemplate",
            "createRepositoryWithPolicies", "createPullTimeExclusion", "deletePullTimeExclusion", "putImageArchive", "deleteOrphanManifests", "deleteUnreferencedLinks",
            "queueUnlinkedBlobs", "createPullThroughCacheRule", "updatePullThroughCacheRule", "deletePullThroughCacheRule", "close");

    /**
     * {@link IamStore} reads whose present answers are cached: who a caller is (user, role, STS session) and a
     * customer managed policy's default version, read by every request of an IAM principal. Inserts into their
     * tables do not bump the generation.
     */
    static final Set<String> IAM_CACHED = Set.of("findUser", "findRole", "findSession", "findPolicy", "findPolicyVersion");
    /**
     * {@link IamStore} reads whose every answer is cached (with the shared generation only): the identity
     * policies, groups and principal tags of a caller, and the repository and registry policies, which every
     * authorization reads; every write to their tables bumps the generation, inserts included.
     */
    static final Set<String> IAM_CACHED_WHOLE = Set.of("repositoryPolicy", "registryPolicy", "inlinePolicies",
            "attachedPolicies", "groupsOfUser", "tags");
    /** {@link IamStore} reads that go to the store every time. */
    static final Set<String> IAM_READS = Set.of("listUsers", "listAccessKeys", "findGroup", "listGroups",
            "groupMembers", "listRoles", "listPolicies", "listPolicyVersions", "attachmentCount", "inlinePolicy");
    /** {@link IamStore} writes that touch nothing cached: a new STS session (only present sessions are cached). */
    static final Set<String> IAM_NEUTRAL_WRITES = Set.of("createSession");
    /**
     * {@link IamStore} writes: the cache is emptied before and after each, the access keys that
     * {@link MetadataStore#findAccessKey} caches and the policies above among them. IAM writes are rare, so
     * this errs on the side of emptying.
     */
    static final Set<String> IAM_WRITES = Set.of("createUser", "deleteUser", "createAccessKey", "updateAccessKeyStatus",
            "deleteAccessKey", "createGroup", "deleteGroup", "addGroupMember", "removeGroupMember", "createRole", "deleteRole",
            "updateTrustPolicy", "createPolicy", "deletePolicy", "createPolicyVersion", "setDefaultPolicyVersion",
            "deletePolicyVersion", "attach", "detach", "putInlinePolicy", "deleteInlinePolicy", "putTags", "removeTags",
            "putRepositoryPolicy", "deleteRepositoryPolicy", "putRegistryPolicy", "deleteRegistryPolicy",
            "deleteSessionsExpiredBefore");

    private final MetadataStore delegate;
    /** The IAM store of the same database, when this cache serves one too; null otherwise. */
    private final IamStore iam;
    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a read that started before it must not store what it read. */
    private final AtomicLong generation = new AtomicLong();
    /** The shared database's generation; null when only this process's writes are known (tests). */
    private final LongSupplier shared;
    /** The request bound to the calling thread, or null outside a request. */
    private final Supplier<Object> requestScope;
    /** The shared generation this thread's request read, so that a request reads it once. */
    private final ThreadLocal<Validated> validated = new ThreadLocal<>();
    /** The newest shared generation seen: rows read under an older one are dropped when it moves. */
    private final AtomicLong newestShared = new AtomicLong(Long.MIN_VALUE);

    private record Key(StoreCall call, List<Object> args) {}

    private static final StoreCall FIND_MANIFEST = StoreCall.byName(MetadataStoreForwarder.CALLS).get("findManifest");

    private record Entry(Object value, long expiresAt, long bytes, long shared) {}

    private record Validated(Object request, long shared) {}

    private CachingMetadataStore(MetadataStore delegate, IamStore iam, Duration ttl, LongSupplier nanoTime, int maxEntries,
                                 LongSupplier shared, Supplier<Object> requestScope) {
        this.delegate = delegate;
        this.iam = iam;
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        this.shared = shared;
        this.requestScope = requestScope;
    }

    /**
     * Wraps {@code delegate} (a {@link JdbcMetadataStore}) with a cache exact across nodes that
     * reads the shared generation once per lookup: for commands and background work.
     */
    public static MetadataStore wrap(MetadataStore delegate) {
        return wrap(delegate, () -> null);
    }

    /**
     * Wraps {@code delegate} (a {@link JdbcMetadataStore}) with a cache exact across nodes that
     * reads the shared generation once per request: {@code requestScope} answers an object that
     * stands for the request bound to the calling thread (a new one for each request), or null
     * outside a request.
     */
    public static MetadataStore wrap(MetadataStore delegate, Supplier<Object> requestScope) {
        return wrap(delegate, DEFAULT_TTL, System::nanoTime, MAX_ENTRIES, JdbcCacheGenerations.sharing(delegate), requestScope);
    }

    /**
     * Wraps both stores of {@code stores} (over one {@link JdbcMetadataStore}'s database) with one cache exact
     * across nodes, as {@link #wrap(MetadataStore, Supplier)} does: a write through the IAM store empties it,
     * one through the metadata store when it moved the generation, so an access key deactivated or a repository
     * policy deleted is never served again here.
     */
    public static MetadataStores wrap(MetadataStores stores, Supplier<Object> requestScope) {
        return wrap(stores, JdbcCacheGenerations.sharing(stores.meta()), requestScope);
    }

    /** As {@link #wrap(MetadataStores, Supplier)}, with the shared generation read from {@code shared} (tests count the reads). */
    static MetadataStores wrap(MetadataStores stores, LongSupplier shared, Supplier<Object> requestScope) {
        checkClassified();
        CachingMetadataStore cache = new CachingMetadataStore(stores.meta(), stores.iam(), DEFAULT_TTL, System::nanoTime, MAX_ENTRIES,
                shared, requestScope);
        return new MetadataStores(new MetadataStoreForwarder(cache), new IamStoreForwarder(cache));
    }

    /**
     * Wraps {@code delegate} with a cache that knows only the writes made through it (tests):
     * {@code nanoTime} is the clock the ttl is measured on.
     */
    public static MetadataStore wrap(MetadataStore delegate, Duration ttl, LongSupplier nanoTime) {
        return wrap(delegate, ttl, nanoTime, MAX_ENTRIES);
    }

    static MetadataStore wrap(MetadataStore delegate, Duration ttl, LongSupplier nanoTime, int maxEntries) {
        return wrap(delegate, ttl, nanoTime, maxEntries, null, () -> null);
    }

    /** As the exact {@link #wrap(MetadataStore, Supplier)}, with the shared generation read from {@code shared} (tests count the reads). */
    static MetadataStore wrap(MetadataStore delegate, LongSupplier shared, Supplier<Object> requestScope) {
        return wrap(delegate, DEFAULT_TTL, System::nanoTime, MAX_ENTRIES, shared, requestScope);
    }

    private static MetadataStore wrap(MetadataStore delegate, Duration ttl, LongSupplier nanoTime, int maxEntries,
                                      LongSupplier shared, Supplier<Object> requestScope) {
        checkClassified();
        return new MetadataStoreForwarder(new CachingMetadataStore(delegate, null, ttl, nanoTime, maxEntries, shared, requestScope));
    }

    private static void checkClassified() {
        List<String> unlisted = unclassified();
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("CachingMetadataStore does not say whether these store methods read or write: " + unlisted);
        }
    }

    @Override
    public String toString() {
        return "CachingMetadataStore[" + delegate + "]";
    }

    @Override
    public Object handle(StoreCall call, Object[] args) {
        String name = call.name();
        boolean ofIam = call.ofIam();
        boolean whole = ofIam ? IAM_CACHED_WHOLE.contains(name) : CACHED_WHOLE.contains(name);
        if (whole || (ofIam ? IAM_CACHED : CACHED).contains(name)) {
            return cachedRead(call, args, whole);
        }
        boolean write = ofIam ? IAM_WRITES.contains(name) : WRITES.contains(name);
        if (write && !ofIam && shared != null) return writeThenCheckGeneration(call, args);
        if (!ofIam && name.equals("recordPulls")) return recordPulls(call, args);
        if (write) invalidate();
        try {
            return call(call, args);
        } finally {
            if (write) invalidate();
        }
    }

    /**
     * A metadata write under the shared generation: the rows kept stay unless the write moved the generation.
     * The triggers bump it in the write's own transaction whenever the write could make a kept row stale (the
     * rule every other node already relies on), so reading it once the write is done tells whether anything
     * kept went stale: if it moved, the cache is emptied; either way the writing request goes on under the
     * generation read after its write, so it reads its own writes. A push of a new image (a manifest and a
     * new tag: inserts only) leaves the cache whole, and the next request does not read the caller, the
     * repository and its policies again (docs/performance.md, "Small pushes: a manifest keeps the cache").
     * A generation that cannot be read empties the cache, as every write did before.
     */
    private Object writeThenCheckGeneration(StoreCall call, Object[] args) {
        try {
            return call(call, args);
        } finally {
            checkGenerationAfterWrite();
        }
    }

    private void checkGenerationAfterWrite() {
        long g;
        try {
            g = shared.getAsLong();
        } catch (RuntimeException e) {
            invalidate();
            return;
        }
        observe(g);
        Object request = requestScope.get();
        if (request != null) validated.set(new Validated(request, g));
    }

    /**
     * A pull-time flush: the rows of the manifests it names are dropped, before and after it (a lookup running
     * meanwhile may keep one read before the flush), and every other row stays.
     */
    private Object recordPulls(StoreCall call, Object[] args) {
        long repositoryId = (Long) args[0];
        Map<?, ?> pulled = (Map<?, ?>) args[1];
        forgetManifests(repositoryId, pulled.keySet());
        try {
            return call(call, args);
        } finally {
            forgetManifests(repositoryId, pulled.keySet());
            generation.incrementAndGet(); // a lookup that read before the flush keeps nothing
        }
    }

    private void forgetManifests(long repositoryId, java.util.Collection<?> digests) {
        for (Object digest : digests) entries.remove(new Key(FIND_MANIFEST, Arrays.asList(repositoryId, digest)));
    }

    /** @param whole whether every answer is kept (with the shared generation only), or present ones alone */
    private Object cachedRead(StoreCall call, Object[] args, boolean whole) {
        Key key = new Key(call, Arrays.asList(args));
        long shared = sharedGeneration();
        long now = nanoTime.getAsLong();
        Entry e = entries.get(key);
        // a row read under a newer generation than this request's is fresher still: the writes between are concurrent with it
        if (e != null && now - e.expiresAt < 0 && e.shared >= shared) {
            return e.value;
        }
        long gen = generation.get();
        Object value = call(call, args);
        // a kept value is handed to every caller: none may change it
        if (value instanceof Map<?, ?> map) value = Collections.unmodifiableMap(map);
        if (value instanceof List<?> list) value = Collections.unmodifiableList(list);
        if ((value instanceof Optional<?> o && o.isPresent()) || (whole && this.shared != null)) {
            long bytes = value instanceof Optional<?> o && o.orElse(null) instanceof Rows.Manifest m ? m.body().length : 0;
            if (bytes <= MAX_MANIFEST_BYTES / 16) {
                makeRoom(bytes);
                entries.put(key, new Entry(value, now + ttlNanos, bytes, shared));
                // a write that ran meanwhile may have made this value stale: drop it again
                if (generation.get() != gen) entries.remove(key);
            }
        } else if (e != null) {
            entries.remove(key);
        }
        return value;
    }

    /**
     * The shared generation this lookup is checked against: the calling request's (read at its
     * first cached lookup), or read now outside a request; 0 for a cache that knows only its own
     * writes. Seeing a newer one than any before empties the cache: nothing in it can be served again.
     */
    private long sharedGeneration() {
        if (shared == null) return 0;
        Object request = requestScope.get();
        long g;
        if (request == null) {
            g = shared.getAsLong();
        } else {
            Validated v = validated.get();
            if (v != null && v.request() == request) return v.shared();
            g = shared.getAsLong();
            validated.set(new Validated(request, g));
        }
        observe(g);
        return g;
    }

    /** A shared generation just read: newer than any seen before, it empties the cache (rows are checked against it anyway). */
    private void observe(long g) {
        long newest = newestShared.get();
        if (g > newest && newestShared.compareAndSet(newest, g)) invalidate();
    }

    /** Keeps the cache within its entry and byte bounds: expired entries go first, then arbitrary ones. */
    private void makeRoom(long bytes) {
        if (entries.size() < maxEntries && (bytes == 0 || manifestBytes() + bytes <= MAX_MANIFEST_BYTES)) return;
        long now = nanoTime.getAsLong();
        entries.values().removeIf(e -> now - e.expiresAt >= 0);
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && (entries.size() >= maxEntries || manifestBytes() + bytes > MAX_MANIFEST_BYTES)) {
            it.next();
            it.remove();
        }
    }

    private long manifestBytes() {
        long sum = 0;
        for (Entry e : entries.values()) sum += e.bytes;
        return sum;
    }

    /** Methods of the two SPIs in none of their lists (a method must be in exactly one; see the test). */
    static List<String> unclassified() {
        Stream<String> meta = StoreCall.names(MetadataStoreForwarder.CALLS).stream()
                .filter(n -> Stream.of(CACHED, CACHED_WHOLE, READS, NEUTRAL_WRITES, WRITES).noneMatch(l -> l.contains(n)));
        Stream<String> iamStore = StoreCall.names(IamStoreForwarder.CALLS).stream()
                .filter(n -> Stream.of(IAM_CACHED, IAM_CACHED_WHOLE, IAM_READS, IAM_NEUTRAL_WRITES, IAM_WRITES).noneMatch(l -> l.contains(n)))
                .map(n -> "IamStore." + n);
        return Stream.concat(meta, iamStore).sorted().toList();
    }

    /** The number of rows cached now. */
    int size() {
        return entries.size();
    }

    private void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }

    private Object call(StoreCall call, Object[] args) {
        return call.invoke(call.ofIam() ? iam : delegate, args);
    }
}
