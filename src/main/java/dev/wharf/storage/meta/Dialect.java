package dev.wharf.storage.meta;

import java.sql.SQLException;

/** What differs between the SQL databases Wharf runs on. */
public enum Dialect {
    SQLITE("sqlite") {
        @Override
        boolean isUniqueViolation(SQLException e) {
            // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067)
            return e.getErrorCode() == 19 && e.getMessage() != null
                    && (e.getMessage().contains("UNIQUE") || e.getMessage().contains("PRIMARYKEY"));
        }
    },
    POSTGRESQL("postgres") {
        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }
    };

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** Flyway location of this dialect's migrations. */
    public String migrations() {
        return "classpath:db/" + migrationFolder;
    }

    abstract boolean isUniqueViolation(SQLException e);
}
