package dev.wharf.storage.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Modes of everything under the data directory: directories 0700, files 0600, whatever the
 * process umask (the blobs are every image pushed; docs/security.md). A mode given at creation can
 * only be narrowed by the umask, never widened, so files are born private; directories that
 * already exist are narrowed when the store opens them.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    /** Creates {@code dir} (and missing parents) private, or narrows it to 0700 when it exists. */
    public static void directory(Path dir) throws IOException {
        if (!posix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) directory(parent);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another thread made it first: narrowed below
            }
        }
        if (!Files.getPosixFilePermissions(dir).equals(DIRECTORY)) Files.setPosixFilePermissions(dir, DIRECTORY);
    }

    /** The attributes that create a file 0600 (none where the filesystem has no POSIX modes). */
    public static FileAttribute<?>[] fileAttributes(Path where) {
        return posix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
