package dev.wharf.storage.meta;

/**
 * The metadata database could not write for want of space. Nothing of the failed method is
 * visible (it rolled back); the store works again once space is freed.
 */
public final class MetadataFullException extends RuntimeException {
    public MetadataFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
