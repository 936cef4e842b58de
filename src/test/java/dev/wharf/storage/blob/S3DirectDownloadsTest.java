package dev.wharf.storage.blob;

import dev.wharf.testing.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The presigned-URL power of the S3 store ({@code storage.s3.redirect}), against a real S3 API server. */
@Tag("e2e")
class S3DirectDownloadsTest {
    private static S3Proxy s3;
    private static String bucket;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3Proxy.start();
        bucket = s3.createBucket("wharf-direct");
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) s3.close();
    }

    private static Digest put(BlobStore store, byte[] content) throws Exception {
        store.createUpload("u1");
        store.write("u1", 0, new ByteArrayInputStream(content));
        Digest d = Digest.sha256(content);
        store.commitUpload("u1", content.length, d);
        return d;
    }

    @Test
    void aPresignedUrlServesTheBlobToAClientWithNoCredentials() throws Exception {
        byte[] content = new byte[300_000];
        new Random(3).nextBytes(content);
        try (S3BlobStore store = S3BlobStore.open(s3.settings(bucket, "with-redirect", true))) {
            assertThat(store).isInstanceOf(DirectDownloads.class);
            Digest d = put(store, content);
            URI url = ((DirectDownloads) store).downloadUrl(d, Duration.ofMinutes(5));
            assertThat(url.toString()).startsWith(s3.endpoint().toString()).contains("X-Amz-Signature=");
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(content);
            store.delete(d);
        }
    }

    @Test
    void aStoreOpenedWithoutRedirectHasNoDirectDownloads() throws Exception {
        try (S3BlobStore store = S3BlobStore.open(s3.settings(bucket, "without-redirect", false))) {
            assertThat(store).isNotInstanceOf(DirectDownloads.class);
        }
    }
}
