package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.IamStore;
import dev.wharf.storage.meta.IamStoreForwarder;
import dev.wharf.storage.meta.MetadataFullException;
import dev.wharf.storage.meta.MetadataStore;
import dev.wharf.storage.meta.MetadataStoreForwarder;
import dev.wharf.storage.meta.StoreCall;
import dev.wharf.storage.meta.StoreHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Names a full disk under a metadata store for every caller at once: whichever write ran out of
 * space (CreateRepository, PutImage, an IAM call, an upload), the client is told the registry is
 * out of storage ({@link ErrorCode#STORAGE_FULL}, a 5xx) and the operator's log names the root
 * cause. The store rolled the write back, so nothing of it is visible.
 */
public final class StorageFaults {
    private static final Logger LOG = LoggerFactory.getLogger(StorageFaults.class);

    private StorageFaults() {}

    /**
     * {@code delegate} seen through {@code type} ({@link MetadataStore} or {@link IamStore}), with
     * {@link MetadataFullException} turned into {@link #outOfStorage}.
     */
    public static <T> T translate(Class<T> type, T delegate) {
        StoreHandler translating = new StoreHandler() {
            @Override
            public Object handle(StoreCall call, Object[] args) {
                try {
                    return call.invoke(delegate, args);
                } catch (MetadataFullException full) {
                    throw outOfStorage(full);
                }
            }

            @Override
            public String toString() {
                return "StorageFaults[" + delegate + "]";
            }
        };
        if (type == MetadataStore.class) return type.cast(new MetadataStoreForwarder(translating));
        if (type == IamStore.class) return type.cast(new IamStoreForwarder(translating));
        throw new IllegalArgumentException("no forwarder for " + type.getName());
    }

    /** Disk full, named for the client (no path, no detail) and logged with its root cause for the operator. */
    static WharfException outOfStorage(Exception cause) {
        LOG.error("out of storage: {}", cause.getMessage(), cause);
        return new WharfException(ErrorCode.STORAGE_FULL, "The registry is out of storage: nothing of this request was kept; "
                + "retry once an operator has freed space", Map.of(), cause);
    }
}
