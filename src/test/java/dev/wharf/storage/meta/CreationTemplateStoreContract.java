package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every promise of {@link CreationTemplateStore}, for every backend (and the caching decorator). */
public abstract class CreationTemplateStoreContract {
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

    private static CreationTemplateStore.TemplateRow row(String account, String prefix, String settings, long at) {
        return new CreationTemplateStore.TemplateRow(account, prefix, settings, at, at);
    }

    private static Rows.NewRepository repository(String name) {
        return new Rows.NewRepository(ACCOUNT, name, "IMMUTABLE", null, false, "AES256", null, 5, Map.of("team", "a"));
    }

    @Test
    void templatesAreKeptPerRegistryAndListedByPrefix() {
        meta.createCreationTemplate(row(ACCOUNT, "team/b", "{\"b\":1}", 1), 10);
        meta.createCreationTemplate(row(ACCOUNT, "ROOT", "{}", 2), 10);
        meta.createCreationTemplate(row(ACCOUNT, "team/a", "{\"a\":1}", 3), 10);
        meta.createCreationTemplate(row(OTHER, "team/a", "{\"other\":1}", 4), 10);

        assertThat(meta.listCreationTemplates(ACCOUNT, null, 10)).extracting(CreationTemplateStore.TemplateRow::prefix)
                .containsExactly("ROOT", "team/a", "team/b");
        assertThat(meta.listCreationTemplates(ACCOUNT, "ROOT", 1)).extracting(CreationTemplateStore.TemplateRow::prefix)
                .containsExactly("team/a");
        assertThat(meta.findCreationTemplate(OTHER, "team/a")).contains(row(OTHER, "team/a", "{\"other\":1}", 4));
        assertThat(meta.findCreationTemplate(OTHER, "team/b")).isEmpty();
    }

    @Test
    void aTakenPrefixIsDuplicateAndAFullRegistryIsLimit() {
        meta.createCreationTemplate(row(ACCOUNT, "a", "{}", 1), 2);
        assertThatThrownBy(() -> meta.createCreationTemplate(row(ACCOUNT, "a", "{}", 2), 2)).isInstanceOf(DuplicateException.class);
        meta.createCreationTemplate(row(ACCOUNT, "b", "{}", 1), 2);
        assertThatThrownBy(() -> meta.createCreationTemplate(row(ACCOUNT, "c", "{}", 2), 2)).isInstanceOf(LimitException.class);
        assertThat(meta.findCreationTemplate(ACCOUNT, "c")).isEmpty();
    }

    @Test
    void anUpdateReplacesTheSettingsAndUpdateTimeButNotTheCreationTime() {
        meta.createCreationTemplate(row(ACCOUNT, "a", "{\"v\":1}", 1), 10);
        assertThat(meta.updateCreationTemplate(new CreationTemplateStore.TemplateRow(ACCOUNT, "a", "{\"v\":2}", 99, 7))).isTrue();
        assertThat(meta.findCreationTemplate(ACCOUNT, "a")).contains(new CreationTemplateStore.TemplateRow(ACCOUNT, "a", "{\"v\":2}", 1, 7));
        assertThat(meta.updateCreationTemplate(row(ACCOUNT, "missing", "{}", 7))).isFalse();
    }

    @Test
    void deleteRemovesOneTemplateAndDeletingAnAccountRemovesItsTemplates() {
        meta.createCreationTemplate(row(ACCOUNT, "a", "{}", 1), 10);
        meta.createCreationTemplate(row(OTHER, "a", "{}", 1), 10);
        assertThat(meta.deleteCreationTemplate(ACCOUNT, "a")).isTrue();
        assertThat(meta.deleteCreationTemplate(ACCOUNT, "a")).isFalse();
        meta.deleteAccount(OTHER);
        assertThat(meta.listCreationTemplates(OTHER, null, 10)).isEmpty();
    }

    @Test
    void aRepositoryCreatedWithPoliciesHasThemAll() {
        Rows.Repository r = meta.createRepositoryWithPolicies(repository("with/policies"), 10, "{\"policy\":1}", "{\"rules\":[]}");
        assertThat(meta.findRepository(ACCOUNT, "with/policies")).contains(r);
        assertThat(r.tagMutability()).isEqualTo("IMMUTABLE");
        assertThat(meta.repositoryTags(r.id())).isEqualTo(Map.of("team", "a"));
        assertThat(meta.findLifecyclePolicy(r.id())).hasValueSatisfying(p -> assertThat(p.text()).isEqualTo("{\"rules\":[]}"));

        Rows.Repository bare = meta.createRepositoryWithPolicies(repository("bare"), 10, null, null);
        assertThat(meta.findLifecyclePolicy(bare.id())).isEmpty();
    }

    @Test
    void aRepositoryWithPoliciesThatCannotBeCreatedLeavesNothing() {
        meta.createRepositoryWithPolicies(repository("taken"), 10, null, null);
        assertThatThrownBy(() -> meta.createRepositoryWithPolicies(repository("taken"), 10, "{}", "{}")).isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> meta.createRepositoryWithPolicies(repository("over/limit"), 1, "{}", "{}")).isInstanceOf(LimitException.class);
        assertThat(meta.findRepository(ACCOUNT, "over/limit")).isEmpty();
        assertThat(meta.listLifecyclePolicies()).isEmpty();
    }
}
