package dev.wharf.storage.blob;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileSystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    @Override
    protected BlobStore newStore() throws Exception {
        return new FileSystemBlobStore(root);
    }

    @Override
    protected BlobStore sameBackend() throws Exception {
        return new FileSystemBlobStore(root);
    }
}
