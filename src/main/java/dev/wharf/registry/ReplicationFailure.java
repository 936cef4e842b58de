package dev.wharf.registry;

/**
 * A copy to a destination did not complete. The message is the {@code failureCode}
 * DescribeImageReplicationStatus reports once the copy has FAILED, so it names the cause in the
 * operator's terms and never holds a secret. A retryable failure (the destination unreachable or
 * overloaded) is tried again with backoff; any other ends the copy as FAILED at once.
 */
public final class ReplicationFailure extends Exception {
    private final boolean retryable;

    public ReplicationFailure(String message, boolean retryable) {
        super(message, null, false, false);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
