package dev.wharf.storage.meta;

import javax.sql.DataSource;
import java.util.List;

/** {@link EventOutbox} in the {@code event_outbox} table (migration V40). */
public final class JdbcEventOutbox implements EventOutbox {
    private static final int MAX_ERROR = 500;

    private final DataSource ds;
    private final Dialect dialect;

    public JdbcEventOutbox(DataSource ds, Dialect dialect) {
        this.ds = ds;
        this.dialect = dialect;
    }

    /** Over the same database and pool as {@code meta} (a {@link JdbcMetadataStore}). */
    public static EventOutbox sharing(MetadataStore meta) {
        JdbcMetadataStore jdbc = (JdbcMetadataStore) meta;
        return new JdbcEventOutbox(jdbc.dataSource(), jdbc.dialect());
    }

    @Override
    public void enqueue(String eventId, String body, List<String> targets, long now) {
        if (targets.isEmpty()) return;
        Jdbc.tx(ds, dialect, c -> {
            for (String target : targets) {
                Jdbc.update(c, "INSERT INTO event_outbox (event_id, target, body, created_at, attempts, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, 0, ?)", eventId, target, body, now, now);
            }
            return null;
        });
    }

    @Override
    public List<Delivery> claim(long now, long leaseUntil, int limit) {
        return Jdbc.tx(ds, dialect, c -> {
            List<Delivery> due = Jdbc.query(c, "SELECT * FROM event_outbox WHERE next_attempt_at <= ?"
                            + " ORDER BY next_attempt_at, delivery_id LIMIT ?",
                    rs -> new Delivery(rs.getLong("delivery_id"), rs.getString("event_id"), rs.getString("target"),
                            rs.getString("body"), rs.getLong("created_at"), rs.getInt("attempts") + 1), now, limit);
            for (Delivery d : due) {
                Jdbc.update(c, "UPDATE event_outbox SET attempts = ?, next_attempt_at = ? WHERE delivery_id = ?",
                        d.attempts(), leaseUntil, d.id());
            }
            return due;
        });
    }

    @Override
    public void delivered(long id) {
        drop(id);
    }

    @Override
    public void retryAt(long id, long at, String error) {
        String e = error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        Jdbc.tx(ds, dialect, c -> Jdbc.update(c,
                "UPDATE event_outbox SET next_attempt_at = ?, last_error = ? WHERE delivery_id = ?", at, e, id));
    }

    @Override
    public void drop(long id) {
        Jdbc.tx(ds, dialect, c -> Jdbc.update(c, "DELETE FROM event_outbox WHERE delivery_id = ?", id));
    }

    @Override
    public long pending() {
        return Jdbc.read(ds, dialect, c -> Jdbc.one(c, "SELECT COUNT(*) AS n FROM event_outbox",
                rs -> rs.getLong("n")).orElse(0L));
    }
}
