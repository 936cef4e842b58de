package dev.wharf.storage.meta;

import org.flywaydb.core.api.MigrationVersion;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Copies the rows of an embedded deployment's SQLite database into a PostgreSQL database of the
 * same schema ({@code wharf migrate}). Generic on purpose: the tables come from the source's own
 * catalogue, the columns and their types from each side's, the order from the target's foreign
 * keys, so a table a later migration adds is copied without a change here; only the tables of
 * {@link #EXCLUDED} stay behind.
 * <p>
 * Resumable and idempotent: a row goes in with {@code ON CONFLICT DO NOTHING}, and a row that did
 * not go in must already be there, equal in every copied column, or the copy stops: a target that
 * holds different rows under the same keys is not this source's copy. Both databases see only
 * short transactions: the source is read in pages by key (rowid, or the primary key of a
 * {@code WITHOUT ROWID} table), each page written to the target in one transaction.
 */
public final class MetadataCopy implements AutoCloseable {
    /** Tables not copied, each with the reason. */
    public static final Map<String, String> EXCLUDED = Map.of(
            "flyway_schema_history", "each database keeps its own migration history",
            "uploads", "upload sessions in progress: their bytes stay in the old data directory, and clients start them again",
            "upload_parts", "the layer-part bookkeeping of those upload sessions",
            "ended_uploads", "the ids of ended upload sessions, kept only until the ids expire",
            "blob_pins", "held only while an upload completes",
            "blob_deletions", "blobs already deleted, whose bytes are not copied",
            "gc_lease", "held only while a collection runs",
            "blob_contents", "small blobs' bytes: copied into the target's blob store with every other blob",
            "cache_generations", "the counters one deployment's nodes compare to trust their caches: the target keeps its own");
    private static final int PAGE = 500;

    private final Connection source;
    private final Connection target;

    /** What a table looks like on both sides, and the order it is read in. */
    private record Table(String name, List<String> columns, List<Integer> types, List<String> sqlTypes, List<String> key,
                         List<String> targetKey, List<String> serials) {}

    /** Told of the progress; may throw to stop the copy (what is committed stays, and a re-run continues). */
    public interface Listener {
        void tableStarted(String table, long sourceRows);

        void pageCopied(String table, long copied, long present);
    }

    /** The rows of a whole copy: {@code copied} written now, {@code present} already there and equal. */
    public record Report(int tables, long copied, long present) {}

    private MetadataCopy(Connection source, Connection target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Connects to both databases. Both must already be migrated by Flyway (opening their stores does it).
     *
     * @throws MetadataException when either cannot be reached
     */
    public static MetadataCopy open(Path sqliteFile, PostgresMetadataStores.Connection target) {
        Connection s = null;
        try {
            s = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile.toAbsolutePath());
            Connection t = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
            return new MetadataCopy(s, t);
        } catch (SQLException e) {
            closeQuietly(s);
            throw new MetadataException("cannot open the databases to copy: " + e.getMessage(), e);
        }
    }

    /** The schema version Flyway last applied to the source database. */
    public String sourceVersion() {
        return version(source);
    }

    /** The schema version Flyway last applied to the target database. */
    public String targetVersion() {
        return version(target);
    }

    private static String version(Connection c) {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            MigrationVersion max = MigrationVersion.EMPTY;
            while (rs.next()) {
                MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                if (rs.getBoolean(2) && v.compareTo(max) > 0) max = v;
            }
            return max.getVersion();
        } catch (SQLException e) {
            throw new MetadataException("cannot read the schema history: " + e.getMessage(), e);
        }
    }

    /** Whether the target's schema is at the source's version or newer. */
    public boolean targetIsCurrent() {
        String s = sourceVersion();
        String t = targetVersion();
        return s == null || (t != null && MigrationVersion.fromVersion(t).compareTo(MigrationVersion.fromVersion(s)) >= 0);
    }

    /**
     * The tables to copy, parents before children, after checking that the target can take them.
     *
     * @throws ConflictException naming the table or column the target lacks
     */
    public List<String> plan() {
        return tables().stream().map(Table::name).toList();
    }

    private List<Table> tables() {
        try {
            DatabaseMetaData tmeta = target.getMetaData();
            String schema = target.getSchema();
            Map<String, Table> byName = new TreeMap<>();
            for (String name : sourceTables()) {
                if (EXCLUDED.containsKey(name)) continue;
                byName.put(name, describe(name, tmeta, schema));
            }
            return inForeignKeyOrder(byName, tmeta, schema);
        } catch (SQLException e) {
            throw new MetadataException("cannot read the schemas: " + e.getMessage(), e);
        }
    }

    private List<String> sourceTables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = source.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }

    private Table describe(String name, DatabaseMetaData tmeta, String schema) throws SQLException {
        Map<String, Integer> targetTypes = new LinkedHashMap<>();
        List<String> serials = new ArrayList<>();
        try (ResultSet rs = tmeta.getColumns(null, schema, name, "%")) {
            while (rs.next()) {
                String col = rs.getString("COLUMN_NAME");
                targetTypes.put(col, rs.getInt("DATA_TYPE"));
                if ("YES".equals(rs.getString("IS_AUTOINCREMENT"))) serials.add(col);
            }
        }
        if (targetTypes.isEmpty()) {
            throw new ConflictException("the target has no table " + name + ": its schema is older than the source's");
        }
        List<String> columns = new ArrayList<>();
        Map<Integer, String> pk = new TreeMap<>();
        boolean withoutRowid;
        try (Statement st = source.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA table_info(" + quote(name) + ")")) {
                while (rs.next()) {
                    String col = rs.getString("name");
                    if (!targetTypes.containsKey(col)) {
                        throw new ConflictException("the target's table " + name + " has no column " + col
                                + ": its schema is older than the source's");
                    }
                    columns.add(col);
                    if (rs.getInt("pk") > 0) pk.put(rs.getInt("pk"), col);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = " + literal(name))) {
                withoutRowid = rs.next() && rs.getString(1).toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").contains("WITHOUT ROWID");
            }
        }
        List<String> targetKey = new ArrayList<>();
        try (ResultSet rs = tmeta.getPrimaryKeys(null, schema, name)) {
            while (rs.next()) targetKey.add(rs.getString("COLUMN_NAME"));
        }
        List<Integer> types = columns.stream().map(targetTypes::get).toList();
        Map<String, String> sqlTypes = sqlTypes(name);
        List<String> key = withoutRowid ? List.copyOf(pk.values()) : List.of("rowid");
        return new Table(name, columns, types, columns.stream().map(sqlTypes::get).toList(), key, targetKey, serials);
    }

    /** Each column's type as PostgreSQL writes it (e.g. {@code bigint}, {@code jsonb}), to cast parameters to. */
    private Map<String, String> sqlTypes(String table) throws SQLException {
        Map<String, String> types = new TreeMap<>();
        try (PreparedStatement ps = target.prepareStatement("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) types.put(rs.getString(1), rs.getString(2));
            }
        }
        return types;
    }

    /** Parents first (by the target's foreign keys), otherwise by name, so runs repeat in the same order. */
    private static List<Table> inForeignKeyOrder(Map<String, Table> byName, DatabaseMetaData tmeta, String schema) throws SQLException {
        Map<String, Set<String>> parents = new TreeMap<>();
        for (String name : byName.keySet()) {
            Set<String> p = new TreeSet<>();
            try (ResultSet rs = tmeta.getImportedKeys(null, schema, name)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME");
                    if (!parent.equals(name) && byName.containsKey(parent)) p.add(parent);
                }
            }
            parents.put(name, p);
        }
        List<Table> ordered = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        while (done.size() < byName.size()) {
            String next = parents.entrySet().stream().filter(e -> !done.contains(e.getKey()) && done.containsAll(e.getValue()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new ConflictException("the target's foreign keys form a cycle among " + parents.keySet()));
            done.add(next);
            ordered.add(byName.get(next));
        }
        return ordered;
    }

    /**
     * Copies every table of {@link #plan()}, then moves the target's sequences past the copied ids.
     *
     * @throws ConflictException when the target holds a different row under a copied row's key
     */
    public Report copy(Listener listener) {
        long copied = 0;
        long present = 0;
        List<Table> tables = tables();
        for (Table t : tables) {
            long[] counts = copyTable(t, listener);
            copied += counts[0];
            present += counts[1];
        }
        for (Table t : tables) {
            for (String col : t.serials()) raiseSequence(t.name(), col);
        }
        return new Report(tables.size(), copied, present);
    }

    private long[] copyTable(Table t, Listener listener) {
        try {
            listener.tableStarted(t.name(), count(t.name()));
            String keys = String.join(", ", t.key().stream().map(MetadataCopy::quote).toList());
            String cols = String.join(", ", t.columns().stream().map(MetadataCopy::quote).toList());
            String first = "SELECT " + keys + ", " + cols + " FROM " + quote(t.name()) + " ORDER BY " + keys + " LIMIT " + PAGE;
            String after = "SELECT " + keys + ", " + cols + " FROM " + quote(t.name()) + " WHERE (" + keys + ") > ("
                    + String.join(", ", Collections.nCopies(t.key().size(), "?")) + ") ORDER BY " + keys + " LIMIT " + PAGE;
            String insert = "INSERT INTO " + quote(t.name()) + " (" + cols + ")" + (t.serials().isEmpty() ? "" : " OVERRIDING SYSTEM VALUE")
                    + " VALUES (" + String.join(", ", Collections.nCopies(t.columns().size(), "?")) + ") ON CONFLICT DO NOTHING";
            String match = "SELECT 1 FROM " + quote(t.name()) + " WHERE "
                    + String.join(" AND ", t.columns().stream().map(c -> quote(c) + " IS NOT DISTINCT FROM ?").toList());
            long copied = 0;
            long present = 0;
            Object[] last = null;
            while (true) {
                List<Object[]> page = readPage(t, last == null ? first : after, last);
                if (page.isEmpty()) break;
                long[] counts = writePage(t, page, insert, match);
                copied += counts[0];
                present += counts[1];
                listener.pageCopied(t.name(), counts[0], counts[1]);
                last = page.get(page.size() - 1);
                if (page.size() < PAGE) break;
            }
            return new long[] {copied, present};
        } catch (SQLException e) {
            throw new MetadataException("copying table " + t.name() + " failed: " + e.getMessage(), e);
        }
    }

    private long count(String table) throws SQLException {
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One page of the source, each row its key values then its column values (autocommit: one short read). */
    private List<Object[]> readPage(Table t, String sql, Object[] last) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        int width = t.key().size() + t.columns().size();
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            for (int i = 0; last != null && i < t.key().size(); i++) ps.setObject(i + 1, last[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[width];
                    for (int i = 0; i < width; i++) row[i] = rs.getObject(i + 1);
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Writes one page in one transaction; returns {copied, already present}. */
    private long[] writePage(Table t, List<Object[]> page, String insert, String match) throws SQLException {
        int offset = t.key().size();
        target.setAutoCommit(false);
        try (PreparedStatement ins = target.prepareStatement(insert); PreparedStatement m = target.prepareStatement(match)) {
            long copied = 0;
            long present = 0;
            if (t.targetKey().isEmpty()) {
                // nothing to conflict on: a row is looked for before it is written
                for (Object[] row : page) {
                    if (exists(m, t, row, offset)) {
                        present++;
                    } else {
                        bindRow(ins, t, row, offset);
                        ins.executeUpdate();
                        copied++;
                    }
                }
            } else {
                for (Object[] row : page) {
                    bindRow(ins, t, row, offset);
                    ins.addBatch();
                }
                int[] counts = executeBatch(ins);
                List<Object[]> skipped = new ArrayList<>();
                for (int i = 0; i < page.size(); i++) {
                    if (counts[i] == 1) copied++;
                    else skipped.add(page.get(i));
                }
                if (!skipped.isEmpty() && equalRows(t, skipped) != skipped.size()) {
                    // one query a row, only to name the first that differs
                    for (Object[] row : skipped) {
                        if (!exists(m, t, row, offset)) {
                            throw new ConflictException("the target's table " + t.name() + " already holds a different row with the key of source row "
                                    + describeKey(t, row) + ": the target is not a copy of this source (migrate into an empty database)");
                        }
                    }
                }
                present += skipped.size();
            }
            target.commit();
            return new long[] {copied, present};
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            throw e;
        } finally {
            target.setAutoCommit(true);
        }
    }

    /**
     * How many of {@code rows} the target holds equal in every column, in one query per few hundred
     * rows: the rows as a {@code VALUES} list joined on the primary key (an index lookup each).
     */
    private long equalRows(Table t, List<Object[]> rows) throws SQLException {
        int offset = t.key().size();
        int perQuery = Math.max(1, Math.min(PAGE, 30_000 / t.columns().size()));
        List<String> cols = t.columns().stream().map(MetadataCopy::quote).toList();
        String tuple = "(" + String.join(", ", t.sqlTypes().stream().map(type -> "CAST(? AS " + type + ")").toList()) + ")";
        String on = String.join(" AND ", t.columns().stream().map(c -> t.targetKey().contains(c)
                ? "t." + quote(c) + " = v." + quote(c) : "t." + quote(c) + " IS NOT DISTINCT FROM v." + quote(c)).toList());
        long equal = 0;
        for (int from = 0; from < rows.size(); from += perQuery) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perQuery));
            String sql = "SELECT count(*) FROM " + quote(t.name()) + " t JOIN (VALUES " + String.join(", ", Collections.nCopies(chunk.size(), tuple))
                    + ") AS v (" + String.join(", ", cols) + ") ON " + on;
            try (PreparedStatement ps = target.prepareStatement(sql)) {
                int index = 1;
                for (Object[] row : chunk) {
                    for (int i = 0; i < t.columns().size(); i++) bind(ps, index++, row[offset + i], t.types().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    equal += rs.getLong(1);
                }
            }
        }
        return equal;
    }

    private static int[] executeBatch(PreparedStatement ps) throws SQLException {
        try {
            return ps.executeBatch();
        } catch (BatchUpdateException e) {
            // the driver's batch message hides the cause, which names the row and the constraint
            SQLException cause = e.getNextException();
            throw cause != null ? cause : e;
        }
    }

    private static boolean exists(PreparedStatement m, Table t, Object[] row, int offset) throws SQLException {
        bindRow(m, t, row, offset);
        try (ResultSet rs = m.executeQuery()) {
            return rs.next();
        }
    }

    /** A source row's key for a message: its primary key columns (ids and names, never a secret column), or its rowid. */
    private static String describeKey(Table t, Object[] row) {
        return t.key().equals(List.of("rowid")) ? "rowid " + row[0] : t.key() + " = " + java.util.Arrays.toString(
                java.util.Arrays.copyOf(row, t.key().size()));
    }

    private static void bindRow(PreparedStatement ps, Table t, Object[] row, int offset) throws SQLException {
        for (int i = 0; i < t.columns().size(); i++) bind(ps, i + 1, row[offset + i], t.types().get(i));
    }

    /** Binds a SQLite value (Long, Integer, Double, String, byte[] or null) as the target column's type. */
    private static void bind(PreparedStatement ps, int index, Object v, int type) throws SQLException {
        if (v == null) {
            ps.setNull(index, type);
            return;
        }
        switch (type) {
            case Types.BIGINT -> ps.setLong(index, v instanceof Number n ? n.longValue() : Long.parseLong(text(v)));
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ps.setInt(index, v instanceof Number n ? n.intValue() : Integer.parseInt(text(v)));
            case Types.BIT, Types.BOOLEAN -> ps.setBoolean(index, v instanceof Number n ? n.longValue() != 0
                    : text(v).equalsIgnoreCase("true") || text(v).equals("1"));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    ps.setBytes(index, v instanceof byte[] b ? b : text(v).getBytes(StandardCharsets.UTF_8));
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> ps.setDouble(index, v instanceof Number n ? n.doubleValue() : Double.parseDouble(text(v)));
            case Types.NUMERIC, Types.DECIMAL -> ps.setBigDecimal(index, new BigDecimal(text(v)));
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB ->
                    ps.setString(index, text(v));
            // json, jsonb, uuid, times: the text form, which PostgreSQL casts to the column's type
            default -> ps.setObject(index, text(v), Types.OTHER);
        }
    }

    private static String text(Object v) {
        return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString();
    }

    /** Moves a serial or identity column's sequence past the largest copied id, never back. */
    private void raiseSequence(String table, String column) {
        String q = "SELECT setval(pg_get_serial_sequence(?, ?), GREATEST(m, COALESCE(pg_sequence_last_value(pg_get_serial_sequence(?, ?)::regclass), 0))) "
                + "FROM (SELECT MAX(" + quote(column) + ") AS m FROM " + quote(table) + ") x WHERE m IS NOT NULL";
        String qualified = quote(table);
        try (PreparedStatement ps = target.prepareStatement(q)) {
            ps.setString(1, qualified);
            ps.setString(2, column);
            ps.setString(3, qualified);
            ps.setString(4, column);
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw new MetadataException("cannot move the sequence of " + table + "." + column + ": " + e.getMessage(), e);
        }
    }

    /**
     * The source's blob rows after {@code digest} (null: from the first), by digest, at most {@code limit}:
     * the bytes the blob phase copies.
     */
    public List<Rows.Blob> blobsAfter(String digest, int limit) {
        String sql = "SELECT digest, size FROM blobs" + (digest == null ? "" : " WHERE digest > ?") + " ORDER BY digest LIMIT ?";
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            int i = 1;
            if (digest != null) ps.setString(i++, digest);
            ps.setInt(i, limit);
            List<Rows.Blob> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Rows.Blob(rs.getString(1), rs.getLong(2)));
            }
            return out;
        } catch (SQLException e) {
            throw new MetadataException("cannot list the source's blobs: " + e.getMessage(), e);
        }
    }

    /** How many blobs the source holds, and their bytes. */
    public record BlobTotals(long count, long bytes) {}

    /** The number and total size of the source's blobs. */
    public BlobTotals blobTotals() {
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*), COALESCE(SUM(size), 0) FROM blobs")) {
            rs.next();
            return new BlobTotals(rs.getLong(1), rs.getLong(2));
        } catch (SQLException e) {
            throw new MetadataException("cannot count the source's blobs: " + e.getMessage(), e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing: the first error is the one reported
        }
    }

    @Override
    public void close() {
        closeQuietly(source);
        closeQuietly(target);
    }
}
