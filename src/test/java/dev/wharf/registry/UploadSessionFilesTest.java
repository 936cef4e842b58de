package dev.wharf.registry;

import dev.wharf.config.ConfigLoader;
import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.wharf.registry.GcFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An upload session is its id until bytes arrive: starting one makes no row and no file, the first
 * chunk makes both, and a session completed by one PUT with the whole blob never has either
 * (docs/design.md, "Upload sessions"). Real SQLite and filesystem store in a temporary directory.
 */
class UploadSessionFilesTest {
    private static final String REPO = "files/app";

    @TempDir
    Path dir;
    private GcFixture f;

    @BeforeEach
    void open() {
        f = new GcFixture(dir, Clock.systemUTC());
        f.createRepository(REPO);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<Path> uploadFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("uploads"))) {
            return s.toList();
        }
    }

    private String start() {
        return f.blobs.start(f.caller, ACCOUNT, REPO).uploadId();
    }

    @Test
    void startingASessionMakesNoFileAndItsStatusIsZeroBytes() throws IOException {
        String id = start();
        assertThat(uploadFiles()).isEmpty();
        assertThat(f.blobs.status(f.caller, ACCOUNT, REPO, id).size()).isZero();
    }

    @Test
    void theFirstChunkMakesTheSessionFileAndCompletionRemovesIt() throws IOException {
        byte[] content = GcFixture.bytes("a layer sent as one chunk, then an empty PUT");
        String id = start();
        f.blobs.append(f.caller, ACCOUNT, REPO, id, 0L, content.length - 1L, (long) content.length, new ByteArrayInputStream(content));
        assertThat(uploadFiles()).extracting(p -> p.getFileName().toString()).containsExactly(id);
        assertThat(f.blobs.status(f.caller, ACCOUNT, REPO, id).size()).isEqualTo(content.length);

        Digest d = Digest.sha256(content);
        f.blobs.complete(f.caller, ACCOUNT, REPO, id, d, null, null);
        assertThat(uploadFiles()).isEmpty();
        assertThat(f.pullsAndVerifies(REPO, d)).isTrue();
    }

    @Test
    void aWholeBlobPutIntoAFreshSessionLeavesNoUploadFile() throws IOException {
        byte[] content = GcFixture.bytes("a small layer in one PUT");
        Digest d = Digest.sha256(content);
        f.blobs.complete(f.caller, ACCOUNT, REPO, start(), d, (long) content.length, new ByteArrayInputStream(content));
        assertThat(uploadFiles()).isEmpty();
        assertThat(f.pullsAndVerifies(REPO, d)).isTrue();
    }

    @Test
    void anEmptyPutWithoutABodyCompletesTheEmptyBlobOfASessionThatHasNoFile() throws IOException {
        Digest empty = Digest.sha256(new byte[0]);
        assertThat(f.blobs.complete(f.caller, ACCOUNT, REPO, start(), empty, null, null).size()).isZero();
        assertThat(uploadFiles()).isEmpty();
        assertThat(f.pullsAndVerifies(REPO, empty)).isTrue();
    }

    @Test
    void aChunkThatStartsPastTheSizeOfASessionWithNoFileIsTheCurrentRange() {
        String id = start();
        assertThatThrownBy(() -> f.blobs.append(f.caller, ACCOUNT, REPO, id, 5L, 9L, 5L, new ByteArrayInputStream(new byte[5])))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_RANGE_INVALID));
    }

    @Test
    void aSessionWithoutAFileHasNoRowAndCancellingItEndsIt() throws IOException {
        String cancelled = start();
        String open = start();
        assertThat(f.meta.findUpload(cancelled)).isEmpty();
        f.blobs.cancel(f.caller, ACCOUNT, REPO, cancelled);
        assertThatThrownBy(() -> f.blobs.status(f.caller, ACCOUNT, REPO, cancelled))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_UNKNOWN));
        byte[] content = GcFixture.bytes("a blob for a cancelled session");
        assertThatThrownBy(() -> f.blobs.complete(f.caller, ACCOUNT, REPO, cancelled, Digest.sha256(content), (long) content.length,
                new ByteArrayInputStream(content)))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_UNKNOWN));
        assertThat(f.blobs.status(f.caller, ACCOUNT, REPO, open).size()).isZero();

        assertThat(f.blobs.cleanAbandonedUploads(Instant.now().plus(Duration.ofHours(1)))).as("no row to remove").isZero();
        assertThat(uploadFiles()).isEmpty();
    }

    @Test
    void theStorageFloorStillRefusesANewSession() {
        RegistrySettings settings = RegistrySettings.from(new ConfigLoader(Map.of()).load(new ConfigLoader.Flags(null, null, dir, null)),
                Clock.systemUTC());
        Blobs floored = new Blobs(f.meta, f.store, f.repositories, settings, Long.MAX_VALUE);
        assertThatThrownBy(() -> floored.start(f.caller, ACCOUNT, REPO))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FULL));
        assertThat(f.meta.uploadsUpdatedBefore(Long.MAX_VALUE)).isEmpty();
    }
}
