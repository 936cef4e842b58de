package dev.wharf.storage.meta;

/** A precondition named in a {@link MetadataStore} method's contract did not hold; nothing was written. */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message, null, false, false);
    }
}
