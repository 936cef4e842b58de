package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.blob.BlobStore;
import dev.wharf.storage.blob.FreeSpace;
import dev.wharf.storage.blob.StorageFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The free-space floor ({@code storage.minFreeBytes}): below it new uploads are refused up front as
 * out of storage while pulls go on, and {@code /healthz} says so. A store that cannot tell its free
 * space (S3) has no floor.
 */
final class StorageFloor {
    private static final Logger LOG = LoggerFactory.getLogger(StorageFloor.class);

    private final BlobStore store;
    private final long minFreeBytes;

    StorageFloor(BlobStore store, long minFreeBytes) {
        this.store = store;
        this.minFreeBytes = minFreeBytes;
    }

    /** Whether free space is below the floor; empty when the store cannot tell or no floor is set. */
    Optional<String> warning() {
        if (minFreeBytes <= 0 || !(store instanceof FreeSpace fs)) return Optional.empty();
        try {
            long free = fs.usableBytes();
            return free < minFreeBytes ? Optional.of("storage low: " + free + " bytes free, below storage.minFreeBytes "
                    + minFreeBytes + "; new uploads are refused") : Optional.empty();
        } catch (IOException e) {
            return Optional.of("storage unknown: " + e.getMessage());
        }
    }

    /** Refuses a new upload below the floor (STORAGE_FULL, a 5xx: retrying the same request will not help). */
    void requireRoomForUpload() {
        if (minFreeBytes <= 0 || !(store instanceof FreeSpace fs)) return;
        long free;
        try {
            free = fs.usableBytes();
        } catch (IOException e) {
            throw failure(e);
        }
        if (free < minFreeBytes) {
            LOG.warn("refusing a new upload: {} bytes free, below storage.minFreeBytes {}", free, minFreeBytes);
            throw new WharfException(ErrorCode.STORAGE_FULL, "The registry is out of storage: it accepts no new uploads until "
                    + "an operator frees space; pulls are served as usual");
        }
    }

    /** A blob store's I/O failure as the registry reports it: a full disk is "out of storage". */
    static RuntimeException failure(IOException e) {
        return e instanceof StorageFullException ? StorageFaults.outOfStorage(e) : new UncheckedIOException(e);
    }
}
