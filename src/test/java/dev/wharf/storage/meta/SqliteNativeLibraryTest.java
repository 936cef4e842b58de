package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite's native library is kept under the data directory, checked on every open and rewritten
 * only when it is missing or damaged, instead of being extracted to the temporary directory on every start.
 */
class SqliteNativeLibraryTest {
    @TempDir
    Path dataDir;

    private static byte[] jarsLibrary() throws Exception {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            assertThat(in).as("the driver's jar holds a library for this platform").isNotNull();
            return in.readAllBytes();
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 c = new CRC32();
        c.update(bytes);
        return c.getValue();
    }

    @Test
    void theLibraryChosenWithoutTheDriversPlatformCheckIsTheOneTheDriverChooses() {
        assertThat(SqliteNativeLibrary.resourceFolder()).isEqualTo(LibraryLoaderUtil.getNativeLibResourcePath());
    }

    @Test
    void theFirstOpenCopiesTheJarsLibraryUnderTheDataDirectoryPrivately() throws Exception {
        Path dir = SqliteNativeLibrary.copyUnder(dataDir);

        byte[] expected = jarsLibrary();
        Path copy = dir.resolve(LibraryLoaderUtil.getNativeLibName());
        assertThat(dir.getParent()).isEqualTo(dataDir.resolve(SqliteNativeLibrary.DIRECTORY));
        assertThat(dir.getFileName().toString())
                .isEqualTo("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + Long.toHexString(crc(expected)) + "-" + expected.length);
        assertThat(Files.readAllBytes(copy)).isEqualTo(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rwx------");
        try (var left = Files.list(dir)) {
            assertThat(left).as("nothing written aside is left behind").containsExactly(copy);
        }
    }

    @Test
    void aLaterOpenReusesAnIntactCopyWithoutWritingIt() throws Exception {
        Path copy = SqliteNativeLibrary.copyUnder(dataDir).resolve(LibraryLoaderUtil.getNativeLibName());
        Object file = Files.readAttributes(copy, "unix:ino").get("ino");

        SqliteNativeLibrary.copyUnder(dataDir);

        assertThat(Files.readAttributes(copy, "unix:ino").get("ino")).as("the same file, not a new one renamed over it").isEqualTo(file);
    }

    @Test
    void aDamagedOrShortenedCopyIsWrittenAgain() throws Exception {
        byte[] expected = jarsLibrary();
        Path copy = SqliteNativeLibrary.copyUnder(dataDir).resolve(LibraryLoaderUtil.getNativeLibName());

        byte[] damaged = expected.clone();
        damaged[damaged.length / 2] ^= 1;
        Files.write(copy, damaged);
        SqliteNativeLibrary.copyUnder(dataDir);
        assertThat(crc(Files.readAllBytes(copy))).isEqualTo(crc(expected));

        Files.write(copy, new byte[] {1, 2, 3});
        SqliteNativeLibrary.copyUnder(dataDir);
        assertThat(Files.readAllBytes(copy)).isEqualTo(expected);
    }

    @Test
    void openingADatabasePointsTheDriverAtAKeptCopyInsteadOfTheTemporaryDirectory() throws Exception {
        try (MetadataStore meta = SqliteMetadataStores.open(dataDir.resolve("wharf.db"))) {
            assertThat(meta).isNotNull();
        }
        // The setting is the process's: the first database this JVM opened chose the directory, maybe another test's.
        String chosen = System.getProperty(SqliteNativeLibrary.PATH_PROPERTY);
        assertThat(chosen).isNotNull();
        Path dir = Path.of(chosen);
        assertThat(dir.getParent().getFileName().toString()).isEqualTo(SqliteNativeLibrary.DIRECTORY);
        assertThat(dir.getFileName().toString()).startsWith("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-");
    }
}
