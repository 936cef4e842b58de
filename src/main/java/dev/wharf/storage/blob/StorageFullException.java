package dev.wharf.storage.blob;

import java.io.IOException;

/**
 * The backend has no room for the bytes being written (ENOSPC, a quota, a full bucket). Distinct
 * from other I/O failures because the client can do nothing about it: the registry is out of
 * storage until an operator frees space, and nothing written before the failure became visible.
 */
public final class StorageFullException extends IOException {
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
