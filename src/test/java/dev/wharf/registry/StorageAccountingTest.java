package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.GcStore;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.wharf.registry.GcFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Space accounting (bytes stored alone and shared) and the per-account storage quota, shared layers counted once. */
class StorageAccountingTest {
    @TempDir
    Path dir;
    GcFixture f;

    @BeforeEach
    void open() {
        f = new GcFixture(dir, new MutableClock());
        f.createRepository("use/a");
        f.createRepository("use/b");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void eachRepositorySeesTheBytesOnlyItStoresAndTheBytesItSharesWithAnother() {
        byte[] shared = bytes("a shared base layer"), onlyA = bytes("only in a"), cfgA = bytes("{\"a\":1}"), cfgB = bytes("{\"b\":22}");
        f.pushImage("use/a", "v1", cfgA, List.of(shared, onlyA));
        f.pushImage("use/b", "v1", cfgB, List.of(shared));

        List<GcStore.RepositoryUsage> repos = f.meta.repositoryUsage();

        assertThat(repos).containsExactly(
                new GcStore.RepositoryUsage(GcFixture.ACCOUNT, "use/a", 3, onlyA.length + cfgA.length, shared.length),
                new GcStore.RepositoryUsage(GcFixture.ACCOUNT, "use/b", 2, cfgB.length, shared.length));
        assertThat(f.meta.accountUsage()).as("within one account the shared layer counts once, as the account's own")
                .containsExactly(new GcStore.AccountUsage(GcFixture.ACCOUNT, 4, shared.length + onlyA.length + cfgA.length + cfgB.length, 0));
    }

    @Test
    void aBlobThatWouldTakeTheAccountOverItsStorageLimitIsRefusedNamingTheLimit() {
        byte[] layer = bytes("0123456789".repeat(10));
        f.pushBlob("use/a", layer);
        f.repositories.limits().set(GcFixture.ACCOUNT, ServiceLimits.STORAGE_BYTES, 150);

        assertThatThrownBy(() -> f.pushBlob("use/a", bytes("x".repeat(60))))
                .isInstanceOfSatisfying(WharfException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                    assertThat(e.getMessage()).contains("storageBytes = 150");
                });
        assertThat(f.stored()).as("the refused upload left no bytes").hasSize(1);
    }

    @Test
    void aLayerTheAccountAlreadyStoresCostsNothingMoreInAnotherRepository() {
        byte[] layer = bytes("0123456789".repeat(10));
        f.pushBlob("use/a", layer);
        f.repositories.limits().set(GcFixture.ACCOUNT, ServiceLimits.STORAGE_BYTES, 100);

        f.pushBlob("use/b", layer);

        assertThat(f.meta.accountBytesWith(GcFixture.ACCOUNT, "sha256:" + "0".repeat(64), 0)).isEqualTo(100);
    }
}
