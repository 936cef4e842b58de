package dev.wharf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The blobs a data directory stores, wherever each is kept: a file under {@code blobs/}, or a small
 * blob's row in {@code wharf.db}'s {@code blob_contents} (docs/design.md, "Small blobs in the
 * database"). Read with the database's own driver, beside a running server (WAL readers never block).
 */
public final class StoredBlobs {
    private StoredBlobs() {}

    /** The hex part of every stored digest. */
    public static Set<String> hex(Path dataDir) {
        Set<String> out = new HashSet<>();
        Path root = dataDir.resolve("blobs");
        if (Files.exists(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).forEach(p -> out.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        query(dataDir, "SELECT digest FROM blob_contents", rs -> out.add(rs.getString(1).substring(rs.getString(1).indexOf(':') + 1)));
        return out;
    }

    /** The stored bytes in all. */
    public static long bytes(Path dataDir) {
        long[] total = {0};
        Path root = dataDir.resolve("blobs");
        if (Files.exists(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                total[0] += s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        query(dataDir, "SELECT coalesce(sum(length(content)), 0) FROM blob_contents", rs -> total[0] += rs.getLong(1));
        return total[0];
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Path dataDir, String sql, Row row) {
        Path db = dataDir.resolve("wharf.db");
        if (!Files.exists(db)) return;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) row.accept(rs);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + db + ": " + e.getMessage(), e);
        }
    }
}
