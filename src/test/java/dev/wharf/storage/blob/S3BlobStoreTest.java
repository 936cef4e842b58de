package dev.wharf.storage.blob;

import dev.wharf.testing.S3ProxyBucket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract against a real S3 API server; each test gets its own key prefix in one bucket. */
@Tag("e2e")
class S3BlobStoreTest extends BlobStoreContract {
    @RegisterExtension
    static final S3ProxyBucket S3 = new S3ProxyBucket("wharf-contract");
    private static final List<S3BlobStore> opened = new ArrayList<>();
    private String prefix;

    @AfterAll
    static void closeStores() {
        opened.forEach(S3BlobStore::close);
    }

    @Override
    protected BlobStore newStore() throws Exception {
        prefix = "t-" + UUID.randomUUID();
        return sameBackend();
    }

    @Override
    protected BlobStore sameBackend() throws Exception {
        S3BlobStore store = S3BlobStore.open(S3.settings(prefix, false));
        opened.add(store);
        return store;
    }

    private WholeBlobs whole() {
        return (WholeBlobs) store;
    }

    private byte[] read(Digest d) throws IOException {
        try (InputStream in = store.open(d, 0)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aWholeBlobIsVisibleWholeUnderItsDigestWithNoSession() throws IOException {
        byte[] content = bytes(4096, 7);
        Digest d = Digest.sha256(content);
        assertThat(store.size(d)).isEmpty();
        whole().putWhole(d, content, content.length);
        assertThat(store.size(d)).hasValue(content.length);
        assertThat(read(d)).isEqualTo(content);
        assertThat(store.list()).containsExactly(d);
        // the contract's after-each check: no upload session was left behind
    }

    @Test
    void aWholeBlobTakesOnlyTheGivenLengthAndTheEmptyBlob() throws IOException {
        byte[] buffer = "abcdef".getBytes();
        Digest abc = Digest.sha256("abc".getBytes());
        whole().putWhole(abc, buffer, 3);
        assertThat(read(abc)).isEqualTo("abc".getBytes());
        Digest empty = Digest.sha256(new byte[0]);
        whole().putWhole(empty, new byte[0], 0);
        assertThat(store.size(empty)).hasValue(0);
    }

    @Test
    void aWholeBlobKeepsAnExistingCopy() throws IOException {
        byte[] content = bytes(1000, 8);
        Digest d = Digest.sha256(content);
        String id = UUID.randomUUID().toString();
        store.write(id, 0, new ByteArrayInputStream(content));
        store.commitUpload(id, content.length, d);
        // other bytes under the same name show whether the store wrote over the first copy
        whole().putWhole(d, bytes(1000, 9), 1000);
        assertThat(read(d)).isEqualTo(content);
    }

    @Test
    void aWholeBlobOverTheStoresBoundIsRefusedAndNothingIsWritten() throws IOException {
        int over = whole().maxWholeBytes() + 1;
        Digest d = Digest.sha256(new byte[over]);
        assertThatThrownBy(() -> whole().putWhole(d, new byte[over], over)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.size(d)).isEmpty();
    }
}
