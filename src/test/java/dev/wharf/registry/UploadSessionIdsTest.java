package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.Digest;
import dev.wharf.storage.meta.Rows;
import dev.wharf.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static dev.wharf.registry.GcFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session is born without a row (docs/design.md, "Upload sessions"): its id, signed for its repository
 * with the second it started, is all there is until its first chunk. These are the rules that keep such
 * an id as truthful as a row: unknown when Wharf did not issue it for that repository, when it has expired,
 * and once its session ended; counted towards the open-uploads limit once it holds bytes.
 */
class UploadSessionIdsTest {
    private static final String REPO = "ids/app";
    private static final String OTHER = "ids/other";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private GcFixture f;

    @BeforeEach
    void open() {
        f = new GcFixture(dir, clock, UnaryOperator.identity(), UnaryOperator.identity(),
                Map.of("WHARF_UPLOAD_EXPIRY", "1h", "WHARF_LIMITS_OPEN_UPLOADS_PER_REPOSITORY", "1"));
        f.createRepository(REPO);
        f.createRepository(OTHER);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private String start(String repo) {
        return f.blobs.start(f.caller, ACCOUNT, repo).uploadId();
    }

    private static void unknown(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_UNKNOWN));
    }

    private Blobs.BlobInfo put(String repo, String id, byte[] content) {
        return f.blobs.complete(f.caller, ACCOUNT, repo, id, Digest.sha256(content), (long) content.length, new ByteArrayInputStream(content));
    }

    @Test
    void anIdIsShapedAsAUuidAndUniqueAndStartsNoRow() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2_000; i++) ids.add(start(REPO));
        assertThat(ids).hasSize(2_000).allSatisfy(id -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(f.meta.uploadsUpdatedBefore(Long.MAX_VALUE)).isEmpty();
    }

    /** An abandoned session without a row is never swept (it has nothing to sweep): so it must hold nothing in memory either. */
    @Test
    void aSessionHoldsARunningHashFromItsFirstChunkToItsEndOnly() {
        for (int i = 0; i < 100; i++) start(REPO);
        assertThat(f.blobs.hashStates()).isZero();
        String id = start(OTHER);
        byte[] chunk = GcFixture.bytes("a chunk");
        f.blobs.append(f.caller, ACCOUNT, OTHER, id, 0L, chunk.length - 1L, (long) chunk.length, new ByteArrayInputStream(chunk));
        assertThat(f.blobs.hashStates()).isEqualTo(1);
        f.blobs.complete(f.caller, ACCOUNT, OTHER, id, Digest.sha256(chunk), null, null);
        assertThat(f.blobs.hashStates()).isZero();
        assertThat(f.pullsAndVerifies(OTHER, Digest.sha256(chunk))).isTrue();
    }

    @Test
    void anIdIsUnknownInAnotherRepositoryAndAnIdWharfDidNotIssueIsUnknown() {
        String id = start(REPO);
        unknown(() -> f.blobs.status(f.caller, ACCOUNT, OTHER, id));
        unknown(() -> put(OTHER, id, GcFixture.bytes("not here")));
        // the same id with one byte of its signature changed, and a random UUID
        char last = id.charAt(id.length() - 1);
        String forged = id.substring(0, id.length() - 1) + (last == '0' ? '1' : '0');
        unknown(() -> f.blobs.status(f.caller, ACCOUNT, REPO, forged));
        unknown(() -> f.blobs.status(f.caller, ACCOUNT, REPO, java.util.UUID.randomUUID().toString()));
        unknown(() -> f.blobs.status(f.caller, ACCOUNT, REPO, "not-an-id"));
        assertThat(f.blobs.status(f.caller, ACCOUNT, REPO, id).size()).isZero();
    }

    @Test
    void anIdWithoutARowExpiresAfterTheUploadExpiryAndOneWithARowLivesWhileItIsWrittenTo() {
        String idle = start(REPO);
        String written = start(OTHER);
        byte[] chunk = GcFixture.bytes("a first chunk");
        f.blobs.append(f.caller, ACCOUNT, OTHER, written, 0L, chunk.length - 1L, (long) chunk.length, new ByteArrayInputStream(chunk));
        clock.advance(Duration.ofMinutes(50));
        assertThat(f.blobs.status(f.caller, ACCOUNT, REPO, idle).size()).isZero();
        f.blobs.append(f.caller, ACCOUNT, OTHER, written, (long) chunk.length, 2L * chunk.length - 1, (long) chunk.length,
                new ByteArrayInputStream(chunk));
        clock.advance(Duration.ofMinutes(20));
        unknown(() -> f.blobs.status(f.caller, ACCOUNT, REPO, idle));
        unknown(() -> put(REPO, idle, GcFixture.bytes("too late")));
        assertThat(f.blobs.status(f.caller, ACCOUNT, OTHER, written).size()).as("its row says it was written to 20 minutes ago")
                .isEqualTo(2L * chunk.length);
    }

    @Test
    void aCompletedIdIsNeverValidAgainAndItsEndIsForgottenOnlyOnceTheIdHasExpired() {
        String id = start(REPO);
        byte[] content = GcFixture.bytes("a small blob");
        put(REPO, id, content);
        unknown(() -> f.blobs.status(f.caller, ACCOUNT, REPO, id));
        unknown(() -> put(REPO, id, GcFixture.bytes("another blob into a completed session")));
        unknown(() -> f.blobs.append(f.caller, ACCOUNT, REPO, id, 0L, 0L, 1L, new ByteArrayInputStream(new byte[1])));
        assertThat(f.meta.findUpload(id)).as("the chunk gave it no row").isEmpty();

        f.blobs.cleanAbandonedUploads(clock.instant().minus(Duration.ofHours(1)));
        assertThat(f.meta.uploadEnded(id)).as("ended within the expiry: kept").isTrue();
        clock.advance(Duration.ofMinutes(61));
        f.blobs.cleanAbandonedUploads(clock.instant().minus(Duration.ofHours(1)));
        assertThat(f.meta.uploadEnded(id)).isFalse();
        unknown(() -> f.blobs.status(f.caller, ACCOUNT, REPO, id));
    }

    @Test
    void theOpenUploadsLimitCountsSessionsThatHoldBytes() {
        String first = start(REPO);
        String second = start(REPO);
        assertThat(start(REPO)).as("a session without bytes holds nothing").isNotBlank();
        byte[] chunk = GcFixture.bytes("bytes");
        f.blobs.append(f.caller, ACCOUNT, REPO, first, 0L, chunk.length - 1L, (long) chunk.length, new ByteArrayInputStream(chunk));
        assertThatThrownBy(() -> f.blobs.append(f.caller, ACCOUNT, REPO, second, 0L, chunk.length - 1L, (long) chunk.length,
                new ByteArrayInputStream(chunk)))
                .isInstanceOfSatisfying(WharfException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPLOAD_LIMIT_EXCEEDED));
        assertThat(f.meta.findUpload(second)).isEmpty();
        assertThat(f.blobs.status(f.caller, ACCOUNT, REPO, second).size()).as("refused, still valid").isZero();
        // a whole blob into an empty session needs no row, so the limit does not stop it
        assertThat(put(REPO, second, chunk).size()).isEqualTo(chunk.length);

        f.blobs.cancel(f.caller, ACCOUNT, REPO, first);
        String third = start(REPO);
        assertThat(f.blobs.append(f.caller, ACCOUNT, REPO, third, 0L, chunk.length - 1L, (long) chunk.length,
                new ByteArrayInputStream(chunk)).size()).isEqualTo(chunk.length);
        assertThat(f.meta.findUpload(third)).map(Rows.Upload::size).hasValue((long) chunk.length);
    }
}
