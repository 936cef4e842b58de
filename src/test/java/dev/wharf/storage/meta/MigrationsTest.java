package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Flyway runs on a database that is not known to be at this build's migrations, and only there. */
class MigrationsTest {
    @TempDir
    Path dir;

    private SQLiteDataSource database() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("wharf.db"));
        return ds;
    }

    private static String query(SQLiteDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static void execute(SQLiteDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    @Test
    void aNewDatabaseIsMigratedByFlywayAndRemembersTheMigrationsApplied() throws SQLException {
        SQLiteDataSource ds = database();

        assertThat(Migrations.migrate(ds, Dialect.SQLITE)).isTrue();

        assertThat(query(ds, "SELECT value FROM settings WHERE name = '" + Migrations.SETTING + "'"))
                .isEqualTo(Migrations.fingerprint(Dialect.SQLITE)).isNotBlank();
        assertThat(query(ds, "SELECT count(*) FROM flyway_schema_history WHERE success = 1")).isNotEqualTo("0");
    }

    @Test
    void aDatabaseAlreadyAtTheseMigrationsIsNotMigratedAgain() throws SQLException {
        SQLiteDataSource ds = database();
        Migrations.migrate(ds, Dialect.SQLITE);
        String history = query(ds, "SELECT count(*) FROM flyway_schema_history");

        assertThat(Migrations.migrate(ds, Dialect.SQLITE)).isFalse();
        assertThat(query(ds, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(history);
    }

    @Test
    void aDatabaseMigratedByOtherMigrationsIsHandedToFlyway() throws SQLException {
        SQLiteDataSource ds = database();
        Migrations.migrate(ds, Dialect.SQLITE);
        execute(ds, "UPDATE settings SET value = 'another build' WHERE name = '" + Migrations.SETTING + "'");

        assertThat(Migrations.migrate(ds, Dialect.SQLITE)).isTrue();
        assertThat(query(ds, "SELECT value FROM settings WHERE name = '" + Migrations.SETTING + "'"))
                .isEqualTo(Migrations.fingerprint(Dialect.SQLITE));
    }

    @Test
    void aDatabaseWithoutTheRecordIsHandedToFlywayWhichStillValidatesIt() throws SQLException {
        SQLiteDataSource ds = database();
        Migrations.migrate(ds, Dialect.SQLITE);
        execute(ds, "DELETE FROM settings WHERE name = '" + Migrations.SETTING + "'");
        execute(ds, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Migrations.migrate(ds, Dialect.SQLITE))
                .hasMessageContaining("checksum");
    }
}
