package dev.wharf.storage.meta;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Brings a database to this build's schema with Flyway, and skips Flyway altogether on a database
 * that a run of the same migrations has already brought there. On every start of a server Flyway
 * scanned the class path, built its model and validated every applied migration's checksum: about a
 * sixth of a warm start's CPU (docs/performance.md, "Warm start") for a database that was up to date.
 * <p>
 * After each successful migration the SHA-256 of the migrations' names and bytes is recorded in
 * {@code settings}; a start whose migrations hash to the recorded value skips Flyway. Any other
 * difference (a new or changed migration, a database migrated by another build, a failed migration,
 * no record) runs Flyway as before, with its own validation and its own errors.
 */
final class Migrations {
    /** The {@code settings} row holding the hash of the migrations last applied in full. */
    static final String SETTING = "schema_migrations_sha256";
    private static final Map<Dialect, String> FINGERPRINTS = new ConcurrentHashMap<>();

    private Migrations() {}

    /** Migrates {@code ds} to the dialect's migrations; returns whether Flyway ran. */
    static boolean migrate(DataSource ds, Dialect dialect) {
        String mine = fingerprint(dialect);
        if (mine != null && mine.equals(recorded(ds))) return false;
        // group: all pending migrations in one transaction, so a new database is made with one
        // commit (one disk flush) instead of one per migration, and an upgrade is all or nothing
        Flyway.configure().dataSource(ds).locations(dialect.migrations()).group(true).load().migrate();
        if (mine != null) record(ds, mine);
        return true;
    }

    /**
     * The hash of the dialect's migrations as this build holds them, or null when they cannot be
     * listed. A hash is computed once per dialect (a failure to list is not kept): the class path
     * does not change while the process runs, and listing it in a packaged jar walks every entry
     * of the jar (a first start asked twice, once for the schema template and once here).
     */
    static String fingerprint(Dialect dialect) {
        return FINGERPRINTS.computeIfAbsent(dialect, Migrations::computeFingerprint);
    }

    private static String computeFingerprint(Dialect dialect) {
        String folder = dialect.migrations().substring("classpath:".length());
        URL url = Migrations.class.getClassLoader().getResource(folder);
        if (url == null) return null;
        try {
            List<String> names = new ArrayList<>();
            if (url.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = folder + "/";
                    for (JarEntry e : Collections.list(jar.entries())) {
                        if (!e.isDirectory() && e.getName().startsWith(prefix)) names.add(e.getName().substring(prefix.length()));
                    }
                }
            } else if (url.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
                }
            } else {
                return null;
            }
            Collections.sort(names);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : names) {
                try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(folder + "/" + name)) {
                    if (in == null) return null;
                    byte[] bytes = in.readAllBytes();
                    sha.update((name + "\n" + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
                    sha.update(bytes);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | URISyntaxException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The recorded hash, or null when there is none (a new database has no settings table yet). */
    private static String recorded(DataSource ds) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
            s.setString(1, SETTING);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private static void record(DataSource ds, String fingerprint) {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            s.setString(1, SETTING);
            s.setString(2, fingerprint);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new MetadataException("recording the schema's migrations failed", e);
        }
    }
}
