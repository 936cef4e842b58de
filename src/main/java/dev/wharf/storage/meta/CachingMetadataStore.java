package dev.wharf.storage.meta;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A {@link MetadataStore} that remembers, briefly and with bounded memory, the rows every pull
 * reads again and again: the default account, accounts, repositories by name, manifests by
 * digest and blob links. Everything else goes straight to the store underneath.
 *
 * <p>The rule it follows (docs/design.md, "Performance"):
 * <ul>
 *   <li>only positive answers are kept (a row just created is seen at once, here and on every
 *       other node), each for at most {@code ttl};</li>
 *   <li>any write through this store empties the cache before it runs and again after, so this
 *       node reads its own writes at once; writes to upload sessions and pull times do not touch
 *       cached rows and leave it alone;</li>
 *   <li>a write by another node, or another process on the same database, is seen within
 *       {@code ttl}: the rows kept are immutable (manifests by digest) or change rarely
 *       (accounts, repository settings), and a delete there is served here for at most
 *       {@code ttl} more;</li>
 *   <li>never cached: access keys (a revoked key must fail its next request, whichever process
 *       revoked it) and tags (a tag just pushed elsewhere must be pulled at once).</li>
 * </ul>
 * Every method of the SPI is listed below exactly once, as a read, a write, or a write that
 * leaves cached rows alone; a method added to the SPI and not listed here makes {@link #wrap}
 * fail, so nobody has to guess from a method's name whether it writes.
 */
public final class CachingMetadataStore implements InvocationHandler {
    /** How long a cached row may be served; bounds how stale another node's write can be seen here. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);
    private static final int MAX_ENTRIES = 4096;
    private static final long MAX_MANIFEST_BYTES = 16L << 20;
    /** Reads that are cached (positive answers only, for at most the ttl). */
    static final Set<String> CACHED = Set.of("defaultAccount", "findAccount", "findRepository",
            "findManifest", "findLinkedBlob");
    /** Reads that go to the store every time and never invalidate. */
    static final Set<String> READS = Set.of("findAccessKey", "listAccounts", "listRepositories", "countRepositories",
            "countManifests", "repositoryTags", "findBlob", "findLinkedBlobs", "unlinkedBlobs", "isBlobReferenced",
            "findTag", "listTags", "tagsOf", "listReferrers", "parentsOf", "listImages", "indexChildren",
            "findUpload", "uploadsUpdatedBefore", "findLayerParts", "setting", "accountSetting", "accountLimits",
            "findLifecyclePolicy", "listLifecyclePolicies", "findLifecyclePreview",
            "findCreationTemplate", "listCreationTemplates", "findPullTimeExclusion", "listPullTimeExclusions",
            "findImageArchive", "listImageArchives", "previewGarbage", "lease",
            "repositoryUsage", "accountUsage", "accountBytesWith");
    /**
     * Writes that leave every cached row as it was: upload sessions and their parts (never cached), and
     * pull times (a cached manifest's {@code lastPulledAt} may lag by the ttl; nothing on the pull path
     * reads it). Emptying the cache for these would make every pull after a pull-time flush a miss.
     */
    static final Set<String> NEUTRAL_WRITES = Set.of("createUpload", "claimUpload", "advanceUpload", "releaseUpload",
            "deleteUpload", "putLayerParts", "recordPulls", "pinBlob", "unpinBlob", "claimDeletions", "finishDeletions", "acquireLease",
            "releaseLease");
    /** Writes that may change a cached row: the cache is emptied before and after each. */
    static final Set<String> WRITES = Set.of("createAccount", "deleteAccount", "createAccessKey", "createRepository",
            "deleteRepository", "updateRepository", "putRepositoryTags", "removeRepositoryTags", "linkBlob", "unlinkBlob",
            "deleteBlobIfUnlinked", "putManifest", "deleteManifest", "deleteTag", "putSetting", "putAccountSetting",
            "putAccountLimit", "deleteAccountLimit", "putLifecyclePolicy", "deleteLifecyclePolicy", "markLifecycleEvaluated",
            "putLifecyclePreview", "createCreationTemplate", "updateCreationTemplate", "deleteCreationTemplate",
            "createRepositoryWithPolicies", "createPullTimeExclusion", "deletePullTimeExclusion", "putImageArchive", "linkExistingBlob", "completeUpload", "completeEmptyUpload", "deleteOrphanManifests", "deleteUnreferencedLinks",
            "queueUnlinkedBlobs", "close");

    private final MetadataStore delegate;
    private final int maxEntries;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a read that started before it must not store what it read. */
    private final AtomicLong generation = new AtomicLong();

    private record Key(String method, List<Object> args) {}

    private record Entry(Object value, long expiresAt, long bytes) {}

    private CachingMetadataStore(MetadataStore delegate, Duration ttl, LongSupplier nanoTime, int maxEntries) {
        this.delegate = delegate;
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Wraps {@code delegate} with a cache of {@link #DEFAULT_TTL}. */
    public static MetadataStore wrap(MetadataStore delegate) {
        return wrap(delegate, DEFAULT_TTL, System::nanoTime);
    }

    /** Wraps {@code delegate}; {@code nanoTime} is the clock the ttl is measured on (tests pass their own). */
    public static MetadataStore wrap(MetadataStore delegate, Duration ttl, LongSupplier nanoTime) {
        return wrap(delegate, ttl, nanoTime, MAX_ENTRIES);
    }

    static MetadataStore wrap(MetadataStore delegate, Duration ttl, LongSupplier nanoTime, int maxEntries) {
        List<String> unlisted = unclassified();
        if (!unlisted.isEmpty()) {
            throw new IllegalStateException("CachingMetadataStore does not say whether these MetadataStore methods read or write: " + unlisted);
        }
        return (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(),
                new Class<?>[] {MetadataStore.class}, new CachingMetadataStore(delegate, ttl, nanoTime, maxEntries));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "CachingMetadataStore[" + delegate + "]";
            };
        }
        if (CACHED.contains(name)) {
            return cachedRead(method, args);
        }
        boolean write = WRITES.contains(name);
        if (write) invalidate();
        try {
            return call(method, args);
        } finally {
            if (write) invalidate();
        }
    }

    private Object cachedRead(Method method, Object[] args) throws Throwable {
        Key key = new Key(method.getName(), args == null ? List.of() : Arrays.asList(args));
        long now = nanoTime.getAsLong();
        Entry e = entries.get(key);
        if (e != null && now - e.expiresAt < 0) {
            return e.value;
        }
        long gen = generation.get();
        Object value = call(method, args);
        if (value instanceof Optional<?> o && o.isPresent()) {
            long bytes = o.get() instanceof Rows.Manifest m ? m.body().length : 0;
            if (bytes <= MAX_MANIFEST_BYTES / 16) {
                makeRoom(bytes);
                entries.put(key, new Entry(value, now + ttlNanos, bytes));
                // a write that ran meanwhile may have made this value stale: drop it again
                if (generation.get() != gen) entries.remove(key);
            }
        } else if (e != null) {
            entries.remove(key);
        }
        return value;
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

    /** Methods of the SPI in none of the lists (an SPI method must be in exactly one; see the test). */
    static List<String> unclassified() {
        return Arrays.stream(MetadataStore.class.getMethods()).map(Method::getName).distinct()
                .filter(n -> !CACHED.contains(n) && !READS.contains(n) && !NEUTRAL_WRITES.contains(n) && !WRITES.contains(n))
                .sorted().toList();
    }

    /** The number of rows cached now. */
    int size() {
        return entries.size();
    }

    private void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
