package dev.wharf.storage.meta;

/**
 * A write named a row that a concurrent delete removed (a foreign key failed): nothing was
 * written. A manifest stored while garbage collection removed one of its blobs ends this way.
 */
public final class ReferenceGoneException extends RuntimeException {
    public ReferenceGoneException(String message) {
        super(message, null, false, false);
    }
}
