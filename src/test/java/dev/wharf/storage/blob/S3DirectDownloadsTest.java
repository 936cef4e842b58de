package dev.wharf.storage.blob;

import dev.wharf.testing.S3ProxyBucket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    @RegisterExtension
    static final S3ProxyBucket S3 = new S3ProxyBucket("wharf-direct");

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
        try (S3BlobStore store = S3BlobStore.open(S3.settings("with-redirect", true))) {
            assertThat(store).isInstanceOf(DirectDownloads.class);
            Digest d = put(store, content);
            URI url = ((DirectDownloads) store).downloadUrl(d, Duration.ofMinutes(5));
            assertThat(url.toString()).startsWith(S3.proxy().endpoint().toString()).contains("X-Amz-Signature=");
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(content);
            store.delete(d);
        }
    }

    @Test
    void aStoreOpenedWithoutRedirectHasNoDirectDownloads() throws Exception {
        try (S3BlobStore store = S3BlobStore.open(S3.settings("without-redirect", false))) {
            assertThat(store).isNotInstanceOf(DirectDownloads.class);
        }
    }
}
