package dev.wharf.storage.meta;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link IamStore} promises. A backend's test extends this and opens a fresh pair of
 * stores (metadata and IAM over one database) in {@link #open()}.
 */
public abstract class IamStoreContract {
    protected static final String ACCOUNT = "111122223333";

    protected MetadataStore meta;
    protected IamStore iam;

    /** A fresh, empty pair of stores. */
    protected abstract MetadataStores open() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        MetadataStores s = open();
        meta = s.meta();
        iam = s.iam();
        meta.createAccount(new Rows.Account(ACCOUNT, true, 1), new Rows.AccessKey("AKIAROOTROOTROOT0001", ACCOUNT, null, "enc", "Active", 1));
    }

    @AfterEach
    void tearDown() {
        meta.close();
    }

    private void user(String name) {
        iam.createUser(new IamRows.User(ACCOUNT, name, "AIDA" + name.toUpperCase(), "/", 1));
    }

    @Test
    void userNamesAreUniqueWithoutRegardToCase() {
        user("alice");
        assertThatThrownBy(() -> iam.createUser(new IamRows.User(ACCOUNT, "ALICE", "AIDAOTHER", "/", 1)))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    void deletingAUserTakesItsKeysTagsMembershipsAndPoliciesWithIt() {
        user("bob");
        iam.createAccessKey(new Rows.AccessKey("AKIABOBBOBBOBBOB0001", ACCOUNT, "bob", "enc", "Active", 2));
        iam.putTags(ACCOUNT, IamRows.Kind.USER, "bob", Map.of("team", "a"), 50);
        iam.createGroup(new IamRows.Group(ACCOUNT, "g", "AGPAG", "/", 1));
        iam.addGroupMember(ACCOUNT, "g", "bob");
        iam.putInlinePolicy(ACCOUNT, IamRows.Kind.USER, "bob", "p", "{}");
        iam.attach(ACCOUNT, IamRows.Kind.USER, "bob", "arn:aws:iam::aws:policy/X");
        assertThat(iam.deleteUser(ACCOUNT, "bob")).isTrue();
        assertThat(meta.findAccessKey("AKIABOBBOBBOBBOB0001")).isEmpty();
        assertThat(iam.tags(ACCOUNT, IamRows.Kind.USER, "bob")).isEmpty();
        assertThat(iam.groupMembers(ACCOUNT, "g")).isEmpty();
        assertThat(iam.inlinePolicies(ACCOUNT, IamRows.Kind.USER, "bob")).isEmpty();
        assertThat(iam.attachmentCount("arn:aws:iam::aws:policy/X")).isZero();
    }

    @Test
    void aKeyStatusChangeIsSeenByTheMetadataStoresKeyLookup() {
        user("carol");
        iam.createAccessKey(new Rows.AccessKey("AKIACAROLCAROL00001", ACCOUNT, "carol", "enc", "Active", 2));
        assertThat(iam.updateAccessKeyStatus(ACCOUNT, "carol", "AKIACAROLCAROL00001", "Inactive")).isTrue();
        assertThat(meta.findAccessKey("AKIACAROLCAROL00001")).get().extracting(Rows.AccessKey::active).isEqualTo(false);
        assertThat(iam.updateAccessKeyStatus(ACCOUNT, "someone-else", "AKIACAROLCAROL00001", "Active")).isFalse();
    }

    @Test
    void policyVersionsAreNumberedNeverReusedAndLimited() {
        iam.createPolicy(new IamRows.Policy(ACCOUNT, "p", "ANPAP", "/", null, "v1", 1, 1), "{\"v\":1}");
        assertThat(iam.createPolicyVersion(ACCOUNT, "p", "{\"v\":2}", true, 3, 2)).isEqualTo("v2");
        assertThat(iam.findPolicy(ACCOUNT, "p")).get().extracting(IamRows.Policy::defaultVersion).isEqualTo("v2");
        assertThat(iam.deletePolicyVersion(ACCOUNT, "p", "v2")).as("the default version stays").isFalse();
        assertThat(iam.deletePolicyVersion(ACCOUNT, "p", "v1")).isTrue();
        assertThat(iam.createPolicyVersion(ACCOUNT, "p", "{\"v\":3}", false, 3, 3)).isEqualTo("v3");
        iam.createPolicyVersion(ACCOUNT, "p", "{\"v\":4}", false, 3, 4);
        assertThatThrownBy(() -> iam.createPolicyVersion(ACCOUNT, "p", "{}", false, 3, 5)).isInstanceOf(LimitException.class);
        assertThat(iam.listPolicyVersions(ACCOUNT, "p")).extracting(IamRows.PolicyVersion::versionId).containsExactly("v2", "v3", "v4");
    }

    @Test
    void tagsBeyondTheLimitAreRefusedWhole() {
        user("dave");
        iam.putTags(ACCOUNT, IamRows.Kind.USER, "dave", Map.of("a", "1", "b", "2"), 3);
        assertThatThrownBy(() -> iam.putTags(ACCOUNT, IamRows.Kind.USER, "dave", Map.of("c", "3", "d", "4"), 3))
                .isInstanceOf(LimitException.class);
        assertThat(iam.tags(ACCOUNT, IamRows.Kind.USER, "dave")).containsOnlyKeys("a", "b");
        iam.removeTags(ACCOUNT, IamRows.Kind.USER, "dave", List.of("a"));
        assertThat(iam.tags(ACCOUNT, IamRows.Kind.USER, "dave")).containsOnlyKeys("b");
    }

    @Test
    void sessionsKeepTheirTagsAndExpiredOnesAreRemoved() {
        iam.createSession(new IamRows.Session("ASIAAAAAAAAAAAAAAAA1", ACCOUNT, "role", "r", "s", "enc", "hash",
                Map.of("project", "x"), 1, 1000));
        assertThat(iam.findSession("ASIAAAAAAAAAAAAAAAA1")).get().extracting(IamRows.Session::tags).isEqualTo(Map.of("project", "x"));
        assertThat(iam.deleteSessionsExpiredBefore(1001)).isEqualTo(1);
        assertThat(iam.findSession("ASIAAAAAAAAAAAAAAAA1")).isEmpty();
    }

    @Test
    void aRepositoryPolicyGoesWithItsRepositoryAndARegistryPolicyWithItsAccount() {
        Rows.Repository repo = meta.createRepository(new Rows.NewRepository(ACCOUNT, "app", "MUTABLE", null, false, "AES256", null, 1,
                Map.of()), 100);
        iam.putRepositoryPolicy(repo.id(), "{\"a\":1}", 1);
        iam.putRepositoryPolicy(repo.id(), "{\"a\":2}", 2);
        assertThat(iam.repositoryPolicy(repo.id())).contains("{\"a\":2}");
        iam.putRegistryPolicy(ACCOUNT, "{\"r\":1}", 1);
        meta.deleteRepository(repo.id());
        assertThat(iam.repositoryPolicy(repo.id())).isEmpty();
        meta.deleteAccount(ACCOUNT);
        assertThat(iam.registryPolicy(ACCOUNT)).isEmpty();
    }
}
