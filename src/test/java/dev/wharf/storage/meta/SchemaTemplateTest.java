package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema the build makes for new SQLite databases: what Flyway would make, installed whole or
 * not at all, never over a database that exists.
 */
class SchemaTemplateTest {
    @TempDir
    Path dir;

    @Test
    void theBuildShipsATemplateForTheseMigrations() throws Exception {
        try (InputStream hash = getClass().getClassLoader().getResourceAsStream(SchemaTemplate.HASH_RESOURCE)) {
            assertThat(hash).as("the build's process-classes step makes the template").isNotNull();
            assertThat(new String(hash.readAllBytes()).strip()).isEqualTo(Migrations.fingerprint(Dialect.SQLITE));
        }
    }

    @Test
    void aDatabaseMadeFromTheTemplateIsTheOneFlywayMakes() throws Exception {
        Path fromTemplate = dir.resolve("template.db");
        assertThat(SchemaTemplate.install(fromTemplate)).isTrue();
        SQLiteDataSource t = database(fromTemplate);
        assertThat(Migrations.migrate(t, Dialect.SQLITE)).as("Flyway runs on the template's database").isFalse();

        SQLiteDataSource f = database(dir.resolve("flyway.db"));
        assertThat(Migrations.migrate(f, Dialect.SQLITE)).isTrue();

        String schema = "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
        assertThat(rows(t, schema)).isEqualTo(rows(f, schema)).hasSizeGreaterThan(20);
        String history = "SELECT version || ' ' || description || ' ' || checksum || ' ' || success FROM flyway_schema_history ORDER BY installed_rank";
        assertThat(rows(t, history)).isEqualTo(rows(f, history));
        String settings = "SELECT name || '=' || value FROM settings ORDER BY name";
        assertThat(rows(t, settings)).isEqualTo(rows(f, settings));
        String generations = "SELECT area || '=' || generation FROM cache_generations ORDER BY area";
        assertThat(rows(t, generations)).isEqualTo(rows(f, generations)).isNotEmpty();
    }

    @Test
    void anExistingDatabaseIsNeverReplaced() throws Exception {
        Path file = dir.resolve("wharf.db");
        Files.writeString(file, "not a template");

        assertThat(SchemaTemplate.install(file)).isTrue();

        assertThat(Files.readString(file)).isEqualTo("not a template");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aTemplateForOtherMigrationsIsNotUsed() throws Exception {
        Path file = dir.resolve("wharf.db");

        assertThat(SchemaTemplate.install(file, "the hash of another build's migrations")).isFalse();

        assertThat(file).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void startsRacingOnOneNewDirectoryAllEndWithOneWholeDatabase() throws Exception {
        Path file = dir.resolve("wharf.db");
        int n = 6;
        CyclicBarrier together = new CyclicBarrier(n);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                Callable<Boolean> start = () -> {
                    together.await();
                    return SchemaTemplate.install(file);
                };
                results.add(pool.submit(start));
            }
            for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
        }
        byte[] template;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SchemaTemplate.RESOURCE)) {
            template = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(template);
        assertThat(leftovers()).isEmpty();
        assertThat(Migrations.migrate(database(file), Dialect.SQLITE)).isFalse();
    }

    @Test
    void aNewDataDirectoryOpensWithoutFlywayAndWorks() throws Exception {
        Path file = dir.resolve("data").resolve("wharf.db");
        String started = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        try (MetadataStore meta = SqliteMetadataStores.open(file)) {
            meta.createAccount(new Rows.Account("123456789012", true, 1),
                    new Rows.AccessKey("AKIAROOT0000000000001", "123456789012", null, "enc", "Active", 1));
            assertThat(meta.findAccount("123456789012")).isPresent();
        }
        SQLiteDataSource ds = database(file);
        assertThat(rows(ds, "SELECT count(*) FROM flyway_schema_history WHERE success = 1").getFirst()).isNotEqualTo("0");
        // the migrations ran when the build made the template, not in this test
        assertThat(rows(ds, "SELECT max(installed_on) FROM flyway_schema_history").getFirst()).isLessThan(started);
        assertThat(Migrations.migrate(ds, Dialect.SQLITE)).isFalse();
    }

    private List<Path> leftovers() throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".new-")).toList();
        }
    }

    private static SQLiteDataSource database(Path file) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private static List<String> rows(SQLiteDataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }
}
