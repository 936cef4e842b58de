package dev.wharf.storage.meta;

import dev.wharf.storage.meta.PullThroughCacheStore.RuleRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every promise of {@link PullThroughCacheStore}, for every backend (and the caching decorator). */
public abstract class PullThroughCacheStoreContract {
    protected static final String ACCOUNT = "111122223333";
    protected static final String OTHER = "444455556666";
    protected MetadataStore meta;

    /** A new, empty, migrated store, private to one test. */
    protected abstract MetadataStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        meta = newStore();
        meta.createAccount(new Rows.Account(ACCOUNT, true, 1), new Rows.AccessKey("AKIAROOT0000000000001", ACCOUNT, null, "enc", "Active", 1));
        meta.createAccount(new Rows.Account(OTHER, false, 1), new Rows.AccessKey("AKIAROOT0000000000002", OTHER, null, "enc", "Active", 1));
    }

    @AfterEach
    void close() {
        meta.close();
    }

    private static RuleRow rule(String account, String prefix, long at) {
        return new RuleRow(account, prefix, "https://registry-1.docker.io", "docker-hub",
                "arn:aws:secretsmanager:us-east-1:" + account + ":secret:ecr-pullthroughcache/hub-AbCdEf", null, null, at, at);
    }

    @Test
    void rulesAreKeptPerRegistryAndListedByPrefix() {
        meta.createPullThroughCacheRule(rule(ACCOUNT, "quay", 5), 10);
        meta.createPullThroughCacheRule(rule(ACCOUNT, "hub", 6), 10);
        RuleRow bare = new RuleRow(OTHER, "hub", "http://10.0.0.1:5000", null, null, null, "team", 7, 7);
        meta.createPullThroughCacheRule(bare, 10);

        assertThat(meta.listPullThroughCacheRules(ACCOUNT, null, 10)).containsExactly(rule(ACCOUNT, "hub", 6), rule(ACCOUNT, "quay", 5));
        assertThat(meta.listPullThroughCacheRules(ACCOUNT, "hub", 10)).extracting(RuleRow::prefix).containsExactly("quay");
        assertThat(meta.listPullThroughCacheRules(ACCOUNT, null, 1)).extracting(RuleRow::prefix).containsExactly("hub");
        assertThat(meta.findPullThroughCacheRule(OTHER, "hub")).contains(bare);
        assertThat(meta.findPullThroughCacheRule(OTHER, "quay")).isEmpty();
    }

    @Test
    void aTakenPrefixIsDuplicateAndAFullRegistryIsLimit() {
        meta.createPullThroughCacheRule(rule(ACCOUNT, "hub", 1), 1);
        assertThatThrownBy(() -> meta.createPullThroughCacheRule(rule(ACCOUNT, "hub", 2), 5)).isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> meta.createPullThroughCacheRule(rule(ACCOUNT, "quay", 2), 1)).isInstanceOf(LimitException.class);
        assertThat(meta.findPullThroughCacheRule(ACCOUNT, "quay")).isEmpty();
        assertThat(meta.findPullThroughCacheRule(ACCOUNT, "hub")).contains(rule(ACCOUNT, "hub", 1));
    }

    @Test
    void updateReplacesTheCredentialsAndTheTimeButNotTheUpstream() {
        meta.createPullThroughCacheRule(rule(ACCOUNT, "hub", 1), 5);
        RuleRow changed = new RuleRow(ACCOUNT, "hub", "https://elsewhere.example", "quay", null,
                "arn:aws:iam::111122223333:role/puller", "other", 99, 42);

        assertThat(meta.updatePullThroughCacheRule(changed)).isTrue();
        assertThat(meta.findPullThroughCacheRule(ACCOUNT, "hub")).contains(new RuleRow(ACCOUNT, "hub", "https://registry-1.docker.io",
                "docker-hub", null, "arn:aws:iam::111122223333:role/puller", null, 1, 42));
        assertThat(meta.updatePullThroughCacheRule(rule(ACCOUNT, "none", 3))).isFalse();
    }

    @Test
    void deleteRemovesOneRuleAndDeletingAnAccountRemovesItsRules() {
        meta.createPullThroughCacheRule(rule(ACCOUNT, "hub", 1), 5);
        meta.createPullThroughCacheRule(rule(OTHER, "hub", 1), 5);
        assertThat(meta.deletePullThroughCacheRule(ACCOUNT, "hub")).isTrue();
        assertThat(meta.deletePullThroughCacheRule(ACCOUNT, "hub")).isFalse();
        assertThat(meta.findPullThroughCacheRule(ACCOUNT, "hub")).isEmpty();
        meta.deleteAccount(OTHER);
        assertThat(meta.listPullThroughCacheRules(OTHER, null, 10)).isEmpty();
    }

    @Test
    void anUpstreamCheckIsKeptPerTagMovesForwardAndGoesWithItsRepository() {
        Rows.Repository repo = meta.createRepository(new Rows.NewRepository(ACCOUNT, "hub/library/alpine", "MUTABLE", null, false,
                "AES256", null, 1, Map.of()), 100);
        assertThat(meta.findUpstreamCheck(repo.id(), "3.20")).isEmpty();

        meta.putUpstreamCheck(repo.id(), "3.20", 10);
        meta.putUpstreamCheck(repo.id(), "3.20", 20);
        meta.putUpstreamCheck(repo.id(), "latest", 15);

        assertThat(meta.findUpstreamCheck(repo.id(), "3.20")).contains(20L);
        assertThat(meta.findUpstreamCheck(repo.id(), "latest")).contains(15L);
        meta.deleteRepository(repo.id());
        assertThat(meta.findUpstreamCheck(repo.id(), "3.20")).isEmpty();
    }
}
