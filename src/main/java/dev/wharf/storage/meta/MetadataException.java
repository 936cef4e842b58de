package dev.wharf.storage.meta;

/** The metadata database failed (I/O, corruption, lost connection): a server fault. */
public final class MetadataException extends RuntimeException {
    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
