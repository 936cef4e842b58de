package dev.wharf.testing;

import dev.wharf.storage.blob.S3BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link S3Proxy} for a test class and one bucket in it, started before the class's first test
 * and stopped after its last (after the class's own {@code @AfterAll}, which may still close stores):
 * {@code @RegisterExtension static final S3ProxyBucket S3 = new S3ProxyBucket("wharf-name");}.
 * A class that uses it runs a program, so it carries {@code @Tag("e2e")} ({@link TestInfrastructureTest}).
 */
public final class S3ProxyBucket implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private S3Proxy proxy;

    public S3ProxyBucket(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        proxy = S3Proxy.start();
        proxy.createBucket(name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (proxy != null) proxy.close();
        proxy = null;
    }

    /** The server, for its endpoint or a client of its own. */
    public S3Proxy proxy() {
        return proxy;
    }

    /** The settings of a store under {@code prefix} in this bucket, {@code redirect} giving it presigned download URLs. */
    public S3BlobStore.Settings settings(String prefix, boolean redirect) {
        return proxy.settings(name, prefix, redirect);
    }
}
