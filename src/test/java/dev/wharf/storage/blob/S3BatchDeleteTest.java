package dev.wharf.storage.blob;

import dev.wharf.testing.S3ProxyBucket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** S3's batch delete against a real S3 API server: DeleteObjects, at most 1,000 keys a request. */
@Tag("e2e")
class S3BatchDeleteTest {
    @RegisterExtension
    static final S3ProxyBucket S3 = new S3ProxyBucket("wharf-batch-delete");
    private S3BlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = S3BlobStore.open(S3.settings("t-" + UUID.randomUUID(), false));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Digest put(String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String id = UUID.randomUUID().toString();
        store.createUpload(id);
        store.write(id, 0, new ByteArrayInputStream(bytes));
        Digest d = Digest.sha256(bytes);
        store.commitUpload(id, bytes.length, d);
        return d;
    }

    @Test
    void theStoreOffersBatchDeletesOfS3sThousandKeys() {
        assertThat(store).isInstanceOf(BatchDelete.class);
        assertThat(store.maxBatch()).isEqualTo(1000);
    }

    @Test
    void aBatchDeletesExactlyTheNamedBlobsAndAbsentOnesAreNoError() throws IOException {
        List<Digest> doomed = new ArrayList<>();
        for (int i = 0; i < 5; i++) doomed.add(put("doomed " + i));
        Digest kept = put("kept");
        List<Digest> batch = new ArrayList<>(doomed);
        for (int i = 0; i < 20; i++) batch.add(Digest.sha256(("never stored " + i).getBytes(StandardCharsets.UTF_8)));

        assertThat(store.deleteAll(batch)).as("refused").isEmpty();

        assertThat(store.list()).containsExactly(kept);
        for (Digest d : doomed) assertThat(store.size(d)).isEmpty();
    }

    @Test
    void anEmptyBatchSendsNothingAndDeletesNothing() throws IOException {
        Digest kept = put("kept");
        assertThat(store.deleteAll(List.of())).isEmpty();
        assertThat(store.list()).containsExactly(kept);
    }
}
