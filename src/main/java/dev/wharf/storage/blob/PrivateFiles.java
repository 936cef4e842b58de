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
        narrow(dir, DIRECTORY);
    }

    /**
     * Narrows a data directory that may predate these rules (or was made under a loose umask):
     * every directory down to the blob fan-out to 0700, and the files directly in it to 0600. A
     * file deeper down is unreachable to others once its directories are 0700, and every file the
     * stores create is born 0600, so the walk stays small however many blobs there are.
     */
    public static void tighten(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir) || !posix(dataDir)) return;
        try (var walk = Files.walk(dataDir, 3)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p)) continue;
                if (Files.isDirectory(p)) {
                    narrow(p, DIRECTORY);
                } else if (p.getParent().equals(dataDir) && Files.isRegularFile(p)) {
                    narrow(p, FILE);
                }
            }
        }
    }

    private static void narrow(Path p, Set<PosixFilePermission> mode) throws IOException {
        if (!Files.getPosixFilePermissions(p).equals(mode)) Files.setPosixFilePermissions(p, mode);
    }

    /** The attributes that create a file 0600 (none where the filesystem has no POSIX modes). */
    public static FileAttribute<?>[] fileAttributes(Path where) {
        return posix(where) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
