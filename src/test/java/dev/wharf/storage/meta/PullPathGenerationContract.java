package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows of the pull path that migration V75 made cacheable: which writes to them bump the shared
 * generation (whoever writes: here a store no cache wraps), and how the cache keeps their answers.
 * Subclasses say which database.
 */
abstract class PullPathGenerationContract {
    private static final String ACCOUNT = "111122223333";
    private static final String DIGEST = "sha256:" + "b".repeat(64);
    private static final String OTHER_DIGEST = "sha256:" + "c".repeat(64);
    private static final String KEY = "AKIAGENERATIONTEST02";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    /** Another process on the same database: writes that no cache of ours sees go through it. */
    private MetadataStores other;
    private LongSupplier generation;
    private long repositoryId;

    /** A fresh, empty pair of stores. */
    protected abstract MetadataStores openStores() throws Exception;

    @BeforeEach
    void open() throws Exception {
        other = openStores();
        generation = JdbcCacheGenerations.sharing(other.meta());
        other.meta().createAccount(new Rows.Account(ACCOUNT, true, 0), new Rows.AccessKey("AKIAGENERATIONTEST01", ACCOUNT, null, "v1:x", "Active", 0));
        other.iam().createUser(new IamRows.User(ACCOUNT, "ci", "AIDACI", "/", 0));
        other.iam().createAccessKey(new Rows.AccessKey(KEY, ACCOUNT, "ci", "v1:y", "Active", 0));
        repositoryId = other.meta().createRepository(new Rows.NewRepository(ACCOUNT, "team/app", "MUTABLE", null, false,
                "AES256", null, 0, Map.of()), 100).id();
        manifest(DIGEST, "v1");
    }

    @AfterEach
    void close() {
        other.meta().close();
    }

    private void manifest(String digest, String tag) {
        other.meta().putManifest(new Rows.Manifest(repositoryId, digest, "application/vnd.oci.image.manifest.v1+json", null, null,
                2, 2, "{}".getBytes(), 0, null), List.of(), tag, false, 1000);
    }

    private void write(String change) {
        MetadataStore meta = other.meta();
        IamStore iam = other.iam();
        switch (change) {
            case "push a new image with a new tag" -> manifest(OTHER_DIGEST, "v2");
            case "flush pull times" -> meta.recordPulls(repositoryId, Map.of(DIGEST, 5L));
            case "create an access key" -> iam.createAccessKey(new Rows.AccessKey("AKIAGENERATIONTEST03", ACCOUNT, "ci", "v1:z", "Active", 0));
            case "create an STS session" -> iam.createSession(new IamRows.Session("ASIAGENERATIONTEST1", ACCOUNT, "user", "ci", "s",
                    "v1:s", "h", Map.of(), 0, 1));
            case "move a tag" -> manifest(OTHER_DIGEST, "v1");
            case "delete a tag" -> meta.deleteTag(repositoryId, "v1");
            case "deactivate an access key" -> iam.updateAccessKeyStatus(ACCOUNT, "ci", KEY, "Inactive");
            case "delete an access key" -> iam.deleteAccessKey(ACCOUNT, "ci", KEY);
            case "create a pull through cache rule" -> meta.createPullThroughCacheRule(new PullThroughCacheStore.RuleRow(ACCOUNT, "hub",
                    "https://registry-1.docker.io", "docker-hub", null, null, null, 0, 0), 10);
            case "archive an image" -> meta.putImageArchive(new ImageArchiveStore.ArchiveRow(repositoryId, DIGEST, "ARCHIVED", 1L, null, null));
            case "tag a repository" -> meta.putRepositoryTags(repositoryId, Map.of("team", "a"), 50);
            case "set a repository policy" -> iam.putRepositoryPolicy(repositoryId, POLICY, 1);
            case "set a registry policy" -> iam.putRegistryPolicy(ACCOUNT, POLICY, 1);
            case "attach a policy to a user" -> iam.attach(ACCOUNT, IamRows.Kind.USER, "ci",
                    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
            case "put an inline policy" -> iam.putInlinePolicy(ACCOUNT, IamRows.Kind.USER, "ci", "p", POLICY);
            case "tag a user" -> iam.putTags(ACCOUNT, IamRows.Kind.USER, "ci", Map.of("team", "a"), 50);
            case "delete a user" -> iam.deleteUser(ACCOUNT, "ci");
            default -> throw new IllegalArgumentException(change);
        }
    }

    @ParameterizedTest(name = "{0}: bumps {1}")
    @CsvSource({
            // inserts into tables whose present rows only are cached make nothing stale
            "push a new image with a new tag, false",
            "flush pull times, false",
            "create an STS session, false",
            // changes of cached rows
            "move a tag, true",
            "delete a tag, true",
            "deactivate an access key, true",
            "delete an access key, true",
            "delete a user, true",
            // inserts into tables whose answers are cached whole, an empty one too
            "create an access key, true",
            "create a pull through cache rule, true",
            "archive an image, true",
            "tag a repository, true",
            "set a repository policy, true",
            "set a registry policy, true",
            "attach a policy to a user, true",
            "put an inline policy, true",
            "tag a user, true",
    })
    void aWriteBumpsTheGenerationExactlyWhenItCanMakeACachedAnswerStale(String change, boolean bumps) {
        long before = generation.getAsLong();

        write(change);

        assertThat(generation.getAsLong() > before).as(change).isEqualTo(bumps);
    }

    @Test
    void anEmptyAnswerIsKeptUntilTheGenerationMovesAndAnIamWriteEmptiesTheCacheOfBothStores() {
        AtomicInteger ruleReads = new AtomicInteger();
        AtomicInteger keyReads = new AtomicInteger();
        MetadataStore raw = other.meta();
        MetadataStore counting = (MetadataStore) Proxy.newProxyInstance(MetadataStore.class.getClassLoader(),
                new Class<?>[] {MetadataStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listPullThroughCacheRules")) ruleReads.incrementAndGet();
                    if (method.getName().equals("findAccessKey")) keyReads.incrementAndGet();
                    try {
                        return method.invoke(raw, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AtomicLong shared = new AtomicLong(7);
        MetadataStores cached = CachingMetadataStore.wrap(new MetadataStores(counting, other.iam()), shared::get, () -> null);

        assertThat(cached.meta().listPullThroughCacheRules(ACCOUNT, null, 10)).isEmpty();
        assertThat(cached.meta().listPullThroughCacheRules(ACCOUNT, null, 10)).isEmpty();
        assertThat(ruleReads).as("the empty list kept").hasValue(1);
        shared.incrementAndGet();
        assertThat(cached.meta().listPullThroughCacheRules(ACCOUNT, null, 10)).isEmpty();
        assertThat(ruleReads).as("read again under a newer generation").hasValue(2);

        assertThat(cached.meta().findAccessKey(KEY)).hasValueSatisfying(k -> assertThat(k.active()).isTrue());
        // the generation has not moved (as within one request), but the write went through this cache
        cached.iam().updateAccessKeyStatus(ACCOUNT, "ci", KEY, "Inactive");
        assertThat(cached.meta().findAccessKey(KEY)).hasValueSatisfying(k -> assertThat(k.active()).isFalse());
        assertThat(keyReads).hasValue(2);
    }
}
