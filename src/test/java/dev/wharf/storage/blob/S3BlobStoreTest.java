package dev.wharf.storage.blob;

import dev.wharf.testing.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The contract against a real S3 API server; each test gets its own key prefix in one bucket. */
@Tag("e2e")
class S3BlobStoreTest extends BlobStoreContract {
    private static S3Proxy s3;
    private static String bucket;
    private static final List<S3BlobStore> opened = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3Proxy.start();
        bucket = s3.createBucket("wharf-contract");
    }

    @AfterAll
    static void stopS3() throws Exception {
        opened.forEach(S3BlobStore::close);
        if (s3 != null) s3.close();
    }

    @Override
    protected BlobStore newStore() throws Exception {
        prefix = "t-" + UUID.randomUUID();
        return sameBackend();
    }

    @Override
    protected BlobStore sameBackend() throws Exception {
        S3BlobStore store = S3BlobStore.open(s3.settings(bucket, prefix, false));
        opened.add(store);
        return store;
    }
}
