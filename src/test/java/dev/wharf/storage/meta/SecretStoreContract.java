package dev.wharf.storage.meta;

import dev.wharf.storage.meta.SecretStore.SecretCursor;
import dev.wharf.storage.meta.SecretStore.SecretOrder;
import dev.wharf.storage.meta.SecretStore.SecretRow;
import dev.wharf.storage.meta.SecretStore.SecretVersionRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every promise of {@link SecretStore}, for every backend (and the caching decorator). */
public abstract class SecretStoreContract {
    protected static final String ACCOUNT = "111122223333";
    private static final String OTHER = "444455556666";
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

    private static String arn(String account, String name) {
        return "arn:aws:secretsmanager:us-east-1:" + account + ":secret:" + name + "-AbCdEf";
    }

    private static SecretRow secret(String account, String name, long at) {
        return new SecretRow(arn(account, name), account, name, "d", "[]", at, at, null, null, 0);
    }

    private static SecretVersionRow version(String name, String id, long at) {
        return new SecretVersionRow(arn(ACCOUNT, name), id, "v1:cipher-" + id, false, at);
    }

    private SecretRow create(String name, long at) {
        meta.createSecret(secret(ACCOUNT, name, at), version(name, "v-" + name, at), Map.of("AWSCURRENT", "v-" + name), at, 100);
        return meta.findSecretByName(ACCOUNT, name).orElseThrow();
    }

    @Test
    void aSecretIsFoundByNameAndByArnWithItsFirstVersionAndLabel() {
        meta.createSecret(secret(ACCOUNT, "app/db", 10), version("app/db", "v1", 10), Map.of("AWSCURRENT", "v1"), 10, 100);
        assertThat(meta.findSecretByName(ACCOUNT, "app/db")).contains(secret(ACCOUNT, "app/db", 10));
        assertThat(meta.findSecretByArn(arn(ACCOUNT, "app/db"))).contains(secret(ACCOUNT, "app/db", 10));
        assertThat(meta.findSecretByName(OTHER, "app/db")).isEmpty();
        assertThat(meta.secretStages(arn(ACCOUNT, "app/db"))).isEqualTo(Map.of("AWSCURRENT", "v1"));
        SecretVersionRow v = meta.findSecretVersion(arn(ACCOUNT, "app/db"), "v1").orElseThrow();
        assertThat(v.valueEnc()).isEqualTo("v1:cipher-v1");
        assertThat(v.binary()).isFalse();
        assertThat(v.createdAt()).isEqualTo(10);
    }

    @Test
    void aSecretWithoutAValueHasNoVersionAndNoLabel() {
        meta.createSecret(secret(ACCOUNT, "empty", 1), null, Map.of(), 1, 100);
        assertThat(meta.secretStages(arn(ACCOUNT, "empty"))).isEmpty();
        assertThat(meta.findSecretVersion(arn(ACCOUNT, "empty"), "v1")).isEmpty();
    }

    @Test
    void aNameIsTakenOncePerAccountEvenWhileScheduledForDeletion() {
        create("n", 1);
        assertThatThrownBy(() -> meta.createSecret(secret(ACCOUNT, "n", 2), null, Map.of(), 2, 100)).isInstanceOf(DuplicateException.class);
        meta.createSecret(secret(OTHER, "n", 2), null, Map.of(), 2, 100);
        assertThat(meta.scheduleSecretDeletion(arn(ACCOUNT, "n"), 50, 3)).isTrue();
        assertThat(meta.scheduleSecretDeletion(arn(ACCOUNT, "n"), 60, 4)).as("already scheduled").isFalse();
        assertThatThrownBy(() -> meta.createSecret(secret(ACCOUNT, "n", 49), null, Map.of(), 49, 100)).isInstanceOf(DuplicateException.class);
    }

    @Test
    void aSecretPastItsDeletionDateIsPurgedWhenItsNameIsTakenAgain() {
        create("n", 1);
        meta.scheduleSecretDeletion(arn(ACCOUNT, "n"), 50, 3);
        SecretRow again = new SecretRow(arn(ACCOUNT, "n").replace("AbCdEf", "ZyXwVu"), ACCOUNT, "n", null, "[]", 50, 50, null, null, 0);
        meta.createSecret(again, null, Map.of(), 50, 100);
        assertThat(meta.findSecretByName(ACCOUNT, "n")).contains(again);
        assertThat(meta.findSecretByArn(arn(ACCOUNT, "n"))).isEmpty();
        assertThat(meta.findSecretVersion(arn(ACCOUNT, "n"), "v-n")).isEmpty();
    }

    @Test
    void theAccountsSecretCountIsLimited() {
        create("a", 1);
        create("b", 1);
        assertThatThrownBy(() -> meta.createSecret(secret(ACCOUNT, "c", 1), null, Map.of(), 1, 2)).isInstanceOf(LimitException.class);
        assertThat(meta.findSecretByName(ACCOUNT, "c")).isEmpty();
    }

    @Test
    void aVersionIsAddedAndTheLabelsReplacedOnlyAtTheExpectedRevision() {
        SecretRow s = create("n", 1);
        assertThat(meta.putSecretVersion(s.arn(), s.revision(), version("n", "v2", 2), Map.of("AWSCURRENT", "v2", "AWSPREVIOUS", "v-n"), 2, 100))
                .isTrue();
        SecretRow after = meta.findSecretByArn(s.arn()).orElseThrow();
        assertThat(after.revision()).isEqualTo(s.revision() + 1);
        assertThat(after.lastChangedAt()).isEqualTo(2);
        assertThat(meta.secretStages(s.arn())).isEqualTo(Map.of("AWSCURRENT", "v2", "AWSPREVIOUS", "v-n"));
        assertThat(meta.putSecretVersion(s.arn(), s.revision(), version("n", "v3", 3), Map.of("AWSCURRENT", "v3"), 3, 100))
                .as("a stale revision writes nothing").isFalse();
        assertThat(meta.findSecretVersion(s.arn(), "v3")).isEmpty();
        assertThat(meta.secretStages(s.arn())).isEqualTo(Map.of("AWSCURRENT", "v2", "AWSPREVIOUS", "v-n"));
    }

    @Test
    void aVersionIdIsUsedOncePerSecretAndAFailedWriteLeavesNothing() {
        SecretRow s = create("n", 1);
        assertThatThrownBy(() -> meta.putSecretVersion(s.arn(), s.revision(), version("n", "v-n", 2), Map.of("AWSCURRENT", "v-n"), 2, 100))
                .isInstanceOf(DuplicateException.class);
        assertThat(meta.findSecretByArn(s.arn()).orElseThrow().revision()).isEqualTo(s.revision());
    }

    @Test
    void aSecretScheduledForDeletionTakesNoNewVersion() {
        SecretRow s = create("n", 1);
        meta.scheduleSecretDeletion(s.arn(), 100, 2);
        SecretRow scheduled = meta.findSecretByArn(s.arn()).orElseThrow();
        assertThat(scheduled.deletionDate()).isEqualTo(100);
        assertThat(meta.putSecretVersion(s.arn(), scheduled.revision(), version("n", "v2", 3), Map.of("AWSCURRENT", "v2"), 3, 100)).isFalse();
    }

    @Test
    void onlyTheNewestUnlabelledVersionsAreKept() {
        SecretRow s = create("n", 1);
        long rev = s.revision();
        for (int i = 2; i <= 5; i++) {
            assertThat(meta.putSecretVersion(s.arn(), rev++, version("n", "v" + i, i), Map.of("AWSCURRENT", "v" + i), i, 2)).isTrue();
        }
        assertThat(meta.findSecretVersion(s.arn(), "v5")).isPresent();
        assertThat(meta.findSecretVersion(s.arn(), "v4")).isPresent();
        assertThat(meta.findSecretVersion(s.arn(), "v3")).isEmpty();
        assertThat(meta.findSecretVersion(s.arn(), "v-n")).isEmpty();
    }

    @Test
    void deletingASecretRemovesItsVersionsAndLabels() {
        SecretRow s = create("n", 1);
        assertThat(meta.deleteSecret(s.arn())).isTrue();
        assertThat(meta.deleteSecret(s.arn())).isFalse();
        assertThat(meta.findSecretByArn(s.arn())).isEmpty();
        assertThat(meta.findSecretVersion(s.arn(), "v-n")).isEmpty();
        assertThat(meta.secretStages(s.arn())).isEmpty();
        create("n", 2);
        assertThat(meta.secretStages(s.arn())).isEqualTo(Map.of("AWSCURRENT", "v-n"));
    }

    @Test
    void anAccessIsRecordedAtMostOncePerDay() {
        SecretRow s = create("n", 1);
        meta.recordSecretAccess(s.arn(), 86_400_000L);
        meta.recordSecretAccess(s.arn(), 0L);
        assertThat(meta.findSecretByArn(s.arn()).orElseThrow().lastAccessedAt()).isEqualTo(86_400_000L);
    }

    @Test
    void secretsAreListedInPagesInEitherDirectionByEachOrder() {
        create("b", 30);
        create("a", 10);
        create("c", 20);
        assertThat(meta.listSecrets(ACCOUNT, SecretOrder.CREATED, false, null, 10)).extracting(SecretRow::name).containsExactly("a", "c", "b");
        assertThat(meta.listSecrets(ACCOUNT, SecretOrder.CREATED, true, null, 10)).extracting(SecretRow::name).containsExactly("b", "c", "a");
        assertThat(meta.listSecrets(ACCOUNT, SecretOrder.NAME, false, null, 2)).extracting(SecretRow::name).containsExactly("a", "b");
        assertThat(meta.listSecrets(ACCOUNT, SecretOrder.NAME, false, new SecretCursor(0, "b", arn(ACCOUNT, "b")), 2))
                .extracting(SecretRow::name).containsExactly("c");
        assertThat(meta.listSecrets(ACCOUNT, SecretOrder.CREATED, true, new SecretCursor(20, null, arn(ACCOUNT, "c")), 5))
                .extracting(SecretRow::name).containsExactly("a");
        meta.recordSecretAccess(arn(ACCOUNT, "c"), 5);
        assertThat(meta.listSecrets(ACCOUNT, SecretOrder.LAST_ACCESSED, true, null, 1)).extracting(SecretRow::name).containsExactly("c");
        assertThat(meta.listSecrets(ACCOUNT, SecretOrder.LAST_CHANGED, false, null, 1)).extracting(SecretRow::name).containsExactly("a");
        assertThat(meta.listSecrets(OTHER, SecretOrder.CREATED, false, null, 10)).isEmpty();
    }

    @Test
    void deletingTheAccountDeletesItsSecrets() {
        meta.createAccount(new Rows.Account("777788889999", false, 1),
                new Rows.AccessKey("AKIAROOT0000000000003", "777788889999", null, "enc", "Active", 1));
        meta.createSecret(secret("777788889999", "gone", 1), null, Map.of(), 1, 100);
        meta.deleteAccount("777788889999");
        assertThat(meta.findSecretByArn(arn("777788889999", "gone"))).isEmpty();
    }
}
