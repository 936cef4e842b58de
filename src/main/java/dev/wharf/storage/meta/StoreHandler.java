package dev.wharf.storage.meta;

/** What a store's forwarder hands each call to: a wrapper that decides what the call does ({@link StoreCall}). */
@FunctionalInterface
public interface StoreHandler {
    /** Answers the call of {@code call} with {@code args} (the method's arguments, boxed; empty for none). */
    Object handle(StoreCall call, Object[] args);
}
