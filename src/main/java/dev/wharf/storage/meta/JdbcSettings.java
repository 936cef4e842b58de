package dev.wharf.storage.meta;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link SettingsStore}: installation and account settings, limit overrides. */
final class JdbcSettings implements SettingsStore {
    private final Jdbc db;

    JdbcSettings(Jdbc db) {
        this.db = db;
    }

    @Override
    public Optional<String> setting(String name) {
        return db.read(c -> one(c, "SELECT value FROM settings WHERE name = ?", rs -> rs.getString(1), name));
    }

    @Override
    public void putSetting(String name, String value) {
        db.tx(c -> update(c, "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                name, value));
    }

    @Override
    public Optional<String> accountSetting(String accountId, String name) {
        return db.read(c -> one(c, "SELECT value FROM account_settings WHERE account_id = ? AND name = ?", rs -> rs.getString(1), accountId, name));
    }

    @Override
    public void putAccountSetting(String accountId, String name, String value) {
        db.tx(c -> update(c, "INSERT INTO account_settings (account_id, name, value) VALUES (?, ?, ?) "
                + "ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value", accountId, name, value));
    }

    @Override
    public Map<String, Long> accountLimits(String accountId) {
        return db.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Object[] r : query(c, "SELECT name, value FROM account_limits WHERE account_id = ? ORDER BY name",
                    rs -> new Object[]{rs.getString(1), rs.getLong(2)}, accountId)) {
                out.put((String) r[0], (Long) r[1]);
            }
            return out;
        });
    }

    @Override
    public void putAccountLimit(String accountId, String name, long value) {
        db.tx(c -> update(c, "INSERT INTO account_limits (account_id, name, value) VALUES (?, ?, ?) "
                + "ON CONFLICT (account_id, name) DO UPDATE SET value = excluded.value", accountId, name, value));
    }

    @Override
    public boolean deleteAccountLimit(String accountId, String name) {
        return db.tx(c -> update(c, "DELETE FROM account_limits WHERE account_id = ? AND name = ?", accountId, name) > 0);
    }
}
