package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import dev.wharf.storage.meta.MetadataFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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

    /** {@code delegate} seen through {@code type}, with {@link MetadataFullException} turned into {@link #outOfStorage}. */
    public static <T> T translate(Class<T> type, T delegate) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "StorageFaults[" + delegate + "]";
                };
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof MetadataFullException full) throw outOfStorage(full);
                throw e.getCause();
            }
        }));
    }

    /** Disk full, named for the client (no path, no detail) and logged with its root cause for the operator. */
    static WharfException outOfStorage(Exception cause) {
        LOG.error("out of storage: {}", cause.getMessage(), cause);
        return new WharfException(ErrorCode.STORAGE_FULL, "The registry is out of storage: nothing of this request was kept; "
                + "retry once an operator has freed space", Map.of(), cause);
    }
}
