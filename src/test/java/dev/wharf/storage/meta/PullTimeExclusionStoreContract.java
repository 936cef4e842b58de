package dev.wharf.storage.meta;

import dev.wharf.storage.meta.PullTimeExclusionStore.ExclusionRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every promise of {@link PullTimeExclusionStore}, for every backend (and the caching decorator). */
public abstract class PullTimeExclusionStoreContract {
    protected static final String ACCOUNT = "111122223333";
    protected static final String OTHER = "444455556666";
    private static final String USER = "arn:aws:iam::111122223333:user/scanner";
    private static final String ROLE = "arn:aws:iam::111122223333:role/mirror";
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

    @Test
    void exclusionsAreKeptPerRegistryAndListedByArn() {
        meta.createPullTimeExclusion(new ExclusionRow(ACCOUNT, USER, 5), 10);
        meta.createPullTimeExclusion(new ExclusionRow(ACCOUNT, ROLE, 6), 10);
        meta.createPullTimeExclusion(new ExclusionRow(OTHER, USER, 7), 10);

        assertThat(meta.listPullTimeExclusions(ACCOUNT, null, 10)).containsExactly(new ExclusionRow(ACCOUNT, ROLE, 6),
                new ExclusionRow(ACCOUNT, USER, 5));
        assertThat(meta.listPullTimeExclusions(ACCOUNT, ROLE, 10)).extracting(ExclusionRow::principalArn).containsExactly(USER);
        assertThat(meta.findPullTimeExclusion(OTHER, USER)).contains(new ExclusionRow(OTHER, USER, 7));
        assertThat(meta.findPullTimeExclusion(OTHER, ROLE)).isEmpty();
    }

    @Test
    void aRegisteredPrincipalIsDuplicateAndAFullRegistryIsLimit() {
        meta.createPullTimeExclusion(new ExclusionRow(ACCOUNT, USER, 1), 1);
        assertThatThrownBy(() -> meta.createPullTimeExclusion(new ExclusionRow(ACCOUNT, USER, 2), 5)).isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> meta.createPullTimeExclusion(new ExclusionRow(ACCOUNT, ROLE, 2), 1)).isInstanceOf(LimitException.class);
        assertThat(meta.findPullTimeExclusion(ACCOUNT, ROLE)).isEmpty();
    }

    @Test
    void deleteRemovesOneExclusionAndDeletingAnAccountRemovesItsExclusions() {
        meta.createPullTimeExclusion(new ExclusionRow(ACCOUNT, USER, 1), 5);
        meta.createPullTimeExclusion(new ExclusionRow(OTHER, USER, 1), 5);
        assertThat(meta.deletePullTimeExclusion(ACCOUNT, USER)).isTrue();
        assertThat(meta.deletePullTimeExclusion(ACCOUNT, USER)).isFalse();
        assertThat(meta.findPullTimeExclusion(ACCOUNT, USER)).isEmpty();
        meta.deleteAccount(OTHER);
        assertThat(meta.listPullTimeExclusions(OTHER, null, 10)).isEmpty();
    }
}
