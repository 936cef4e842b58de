package dev.wharf.storage.meta;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * sqlite-jdbc's native library, kept under the data directory. Left alone, the driver copies it out
 * of its jar into the temporary directory under a new name on every start, then reads both copies
 * back byte by byte to compare them: about a tenth of a warm start (docs/performance.md, "Warm
 * start"). Here it is copied once, into a directory named after the driver's version and the
 * library's CRC-32 and size as the jar records them, and the driver is pointed at it with
 * {@code org.sqlite.lib.path} (a process-wide setting, as the library itself is process-wide).
 * <p>
 * Each use checks the copy against the jar's CRC-32 (one bulk read of about a megabyte); a missing,
 * short or changed copy is written again, aside and renamed into place, so neither a crash nor two
 * processes starting together ever leave a half-written library where the driver looks. Whatever
 * fails here (a read-only data directory, a library not in a jar) leaves the driver's own
 * extraction to do as before; a copy that cannot be loaded (a data directory mounted noexec) makes
 * the driver log it and extract as before.
 */
final class SqliteNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    /** The driver's setting: the directory its native library is loaded from, before anything else is tried. */
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    /** Where, under the data directory, copies are kept. */
    static final String DIRECTORY = "native";

    private SqliteNativeLibrary() {}

    /**
     * Points the driver at a checked copy under {@code dataDir}, unless the library is chosen already
     * (by the operator's {@code -Dorg.sqlite.lib.path}, or by an earlier call in this process).
     * Call before the first connection is opened.
     */
    static synchronized void useCopyUnder(Path dataDir) {
        if (System.getProperty(PATH_PROPERTY) != null) return;
        try {
            Path dir = copyUnder(dataDir);
            if (dir != null) System.setProperty(PATH_PROPERTY, dir.toString());
        } catch (IOException | RuntimeException e) {
            LOG.debug("keeping SQLite's native library under {} failed; the driver extracts it as usual: {}", dataDir, e.toString());
        }
    }

    /**
     * Makes sure {@code dataDir} holds a copy of the jar's library for this platform, byte for byte;
     * returns its directory, or null when the driver's jar holds none (or is no jar).
     */
    static Path copyUnder(Path dataDir) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        URL url = SQLiteJDBCLoader.class.getResource(resourceFolder() + "/" + name);
        if (url == null) return null; // no library in the jar for this platform: the driver looks elsewhere, as always
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jar)) return null;
        jar.setUseCaches(false); // this connection's jar file is closed below, not kept for the process's life
        JarEntry entry = jar.getJarEntry();
        try {
            long crc = entry.getCrc();
            long size = entry.getSize();
            if (crc < 0 || size < 0) return null;
            Path dir = dataDir.resolve(DIRECTORY)
                    .resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + Long.toHexString(crc) + "-" + size);
            Path copy = dir.resolve(name);
            if (!matches(copy, crc, size)) write(jar, dir, copy, crc, size);
            return dir;
        } finally {
            jar.getJarFile().close();
        }
    }

    /**
     * The jar's folder of the library for this platform. On Linux with glibc on x86-64 or ARM64 it is named
     * here, from the JVM's own mappings; elsewhere the driver names it. The driver's own check for that case
     * costs a {@code uname -o} process and a read of every mapping's link, 12-13 ms of a warm start's CPU
     * (docs/performance.md, "Warm start: the stores' wrappers without proxies"). A folder named wrongly here would only give a
     * library that fails to load, which makes the driver extract its own.
     */
    static String resourceFolder() {
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (arch != null && "Linux".equals(System.getProperty("os.name")) && glibc()) return "/org/sqlite/native/Linux/" + arch;
        return LibraryLoaderUtil.getNativeLibResourcePath();
    }

    /** Whether this JVM runs on glibc: it maps glibc's {@code libc.so.6}, and nothing of musl's. */
    private static boolean glibc() {
        try {
            String maps = Files.readString(Path.of("/proc/self/maps"));
            return maps.contains("/libc.so.6") && !maps.contains("musl");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code file} holds exactly the bytes the jar's entry describes. */
    private static boolean matches(Path file, long crc, long size) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) != size) return false;
        CRC32 sum = new CRC32();
        sum.update(Files.readAllBytes(file));
        return sum.getValue() == crc;
    }

    private static void write(JarURLConnection jar, Path dir, Path copy, long crc, long size) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(dir);
        Path aside = posix
                ? Files.createTempFile(dir, copy.getFileName().toString(), ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempFile(dir, copy.getFileName().toString(), ".tmp");
        try {
            try (InputStream in = jar.getInputStream(); OutputStream out = Files.newOutputStream(aside)) {
                in.transferTo(out); // into the file made above, so that it keeps its mode
            }
            if (!matches(aside, crc, size)) throw new IOException("the copy of " + copy.getFileName() + " does not match the jar's entry");
            Files.move(aside, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(aside);
        }
    }
}
