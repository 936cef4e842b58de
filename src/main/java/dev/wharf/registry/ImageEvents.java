package dev.wharf.registry;

/**
 * Where the registry reports image changes (the port the {@code events} package's webhook
 * delivery is plugged into by {@code cli.Application}, so that neither package depends on the other), once each has been stored. Implementations must not
 * throw for delivery problems: an image change is never undone because an event could not be
 * recorded.
 */
public interface ImageEvents {

    /** An image was pushed (a new manifest, or a tag moved to it). {@code tag} is null for a push by digest. */
    void pushed(String account, String repository, String digest, String tag);

    /** An image was deleted, or one of its tags ({@code tag} non-null) removed. */
    void deleted(String account, String repository, String digest, String tag);

    /** No events: nothing is configured to receive them. */
    ImageEvents NONE = new ImageEvents() {
        @Override
        public void pushed(String account, String repository, String digest, String tag) {}

        @Override
        public void deleted(String account, String repository, String digest, String tag) {}
    };
}
