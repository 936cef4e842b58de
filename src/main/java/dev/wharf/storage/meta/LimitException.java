package dev.wharf.storage.meta;

/** A count limit passed to a {@link MetadataStore} method would be exceeded; nothing was written. */
public final class LimitException extends RuntimeException {
    private final long limit;

    public LimitException(String message, long limit) {
        super(message, null, false, false);
        this.limit = limit;
    }

    public long limit() { return limit; }
}
