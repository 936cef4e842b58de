package dev.wharf.storage.meta;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static dev.wharf.storage.meta.Jdbc.one;
import static dev.wharf.storage.meta.Jdbc.query;
import static dev.wharf.storage.meta.Jdbc.update;

/** The JDBC {@link AccountStore}: accounts and their root keys. */
final class JdbcAccounts implements AccountStore {
    private final Jdbc db;

    JdbcAccounts(Jdbc db) {
        this.db = db;
    }

    private static final Jdbc.RowMapper<Rows.Account> ACCOUNT = rs ->
            new Rows.Account(rs.getString("account_id"), rs.getInt("is_default") != 0, rs.getLong("created_at"));

    private static final Jdbc.RowMapper<Rows.AccessKey> ACCESS_KEY = rs -> new Rows.AccessKey(
            rs.getString("access_key_id"), rs.getString("account_id"), rs.getString("user_name"),
            rs.getString("secret_enc"), rs.getString("status"), rs.getLong("created_at"));

    @Override
    public void createAccount(Rows.Account account, Rows.AccessKey rootKey) {
        db.tx(c -> {
            if (account.isDefault()) update(c, "UPDATE accounts SET is_default = 0 WHERE is_default = 1");
            update(c, "INSERT INTO accounts (account_id, is_default, created_at) VALUES (?, ?, ?)",
                    account.accountId(), account.isDefault(), account.createdAt());
            insertKey(c, rootKey);
            return null;
        });
    }

    private static void insertKey(Connection c, Rows.AccessKey k) throws SQLException {
        update(c, "INSERT INTO access_keys (access_key_id, account_id, user_name, secret_enc, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                k.accessKeyId(), k.accountId(), k.userName(), k.secretEnc(), k.status(), k.createdAt());
    }

    @Override
    public Optional<Rows.Account> findAccount(String accountId) {
        return db.read(c -> one(c, "SELECT * FROM accounts WHERE account_id = ?", ACCOUNT, accountId));
    }

    @Override
    public List<Rows.Account> listAccounts() {
        return db.read(c -> query(c, "SELECT * FROM accounts ORDER BY account_id", ACCOUNT));
    }

    @Override
    public Optional<Rows.Account> defaultAccount() {
        return db.read(c -> one(c, "SELECT * FROM accounts WHERE is_default = 1", ACCOUNT));
    }

    @Override
    public boolean deleteAccount(String accountId) {
        return db.tx(c -> update(c, "DELETE FROM accounts WHERE account_id = ?", accountId) > 0);
    }

    @Override
    public Optional<Rows.AccessKey> findAccessKey(String accessKeyId) {
        return db.read(c -> one(c, "SELECT * FROM access_keys WHERE access_key_id = ?", ACCESS_KEY, accessKeyId));
    }

    @Override
    public void createAccessKey(Rows.AccessKey key) {
        db.tx(c -> {
            insertKey(c, key);
            return null;
        });
    }
}
