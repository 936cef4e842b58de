package dev.wharf.storage.meta;

/** A unique key is already taken. */
public final class DuplicateException extends RuntimeException {
    public DuplicateException(String message) {
        super(message, null, false, false);
    }
}
