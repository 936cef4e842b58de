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

        @Override
        boolean isForeignKeyViolation(SQLException e) {
            // SQLITE_CONSTRAINT_FOREIGNKEY (787)
            return e.getErrorCode() == 19 && e.getMessage() != null && e.getMessage().contains("FOREIGN");
        }

        @Override
        boolean isStorageFull(SQLException e) {
            // SQLITE_FULL (13); a write to the WAL on a full disk can surface as SQLITE_IOERR
            // with the C library's ENOSPC text instead
            String m = String.valueOf(e.getMessage());
            return e.getErrorCode() == 13 || m.contains("SQLITE_FULL") || m.contains("No space left on device");
        }
    },
    POSTGRESQL("postgres") {
        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean isForeignKeyViolation(SQLException e) {
            return "23503".equals(e.getSQLState());
        }

        @Override
        boolean isStorageFull(SQLException e) {
            return "53100".equals(e.getSQLState()); // disk_full
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

    /** A foreign key failed: the row a write refers to is gone, or a row being deleted is still needed. */
    abstract boolean isForeignKeyViolation(SQLException e);

    /** The database could not write for want of space (not a client's error: the registry is out of storage). */
    abstract boolean isStorageFull(SQLException e);
}
