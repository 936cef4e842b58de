package dev.wharf.storage.meta;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Jdbc#relaxedTx}: its commit does not wait for the disk, and no connection goes back to
 * the pool relaxed, whether the transaction committed or failed (docs/design.md, "Durability of
 * small commits"). Subclasses supply a fresh store of their dialect and say how it names the setting.
 */
public abstract class RelaxedTransactionContract {
    private static final String ACCOUNT = "135792468024";
    private JdbcMetadataStore meta;
    private Jdbc db;

    protected abstract MetadataStore newStore() throws Exception;

    /** The connection's commit durability as the dialect reports it. */
    protected abstract String durability(Connection c) throws SQLException;

    /** What {@link #durability} says of an ordinary connection, and inside a relaxed transaction. */
    protected abstract String durable();

    protected abstract String relaxed();

    @BeforeEach
    void open() throws Exception {
        meta = (JdbcMetadataStore) newStore();
        db = new Jdbc(meta.dataSource(), meta.dialect());
        db.tx(c -> Jdbc.update(c, "CREATE TABLE relaxed_probe (n INTEGER NOT NULL)"));
    }

    @AfterEach
    void close() {
        meta.close();
    }

    protected static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int probes() {
        return db.read(c -> Jdbc.one(c, "SELECT COUNT(*) AS n FROM relaxed_probe", rs -> rs.getInt("n")).orElseThrow());
    }

    /** Every connection of the pool at once, so that none left relaxed can hide from the check. */
    private List<String> everyConnectionsDurability() throws SQLException {
        HikariDataSource pool = (HikariDataSource) meta.dataSource();
        List<Connection> held = new ArrayList<>();
        try {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                Connection c = pool.getConnection();
                held.add(c);
                out.add(durability(c));
            }
            return out;
        } finally {
            for (Connection c : held) c.close();
        }
    }

    @Test
    void anOrdinaryTransactionWaitsForTheDisk() {
        assertThat(db.tx(this::durability)).isEqualTo(durable());
    }

    @Test
    void aRelaxedTransactionCommitsWithoutWaitingForTheDiskAndLeavesEveryConnectionDurable() throws SQLException {
        String inside = db.relaxedTx(c -> {
            Jdbc.update(c, "INSERT INTO relaxed_probe (n) VALUES (1)");
            return durability(c);
        });
        assertThat(inside).isEqualTo(relaxed());
        assertThat(probes()).isEqualTo(1);
        assertThat(everyConnectionsDurability()).containsOnly(durable());
    }

    @Test
    void aRelaxedTransactionThatFailsRollsBackAndLeavesEveryConnectionDurable() throws SQLException {
        IllegalStateException failure = new IllegalStateException("the work failed");
        assertThatThrownBy(() -> db.relaxedTx(c -> {
            Jdbc.update(c, "INSERT INTO relaxed_probe (n) VALUES (1)");
            throw failure;
        })).isSameAs(failure);
        assertThat(probes()).isZero();
        assertThat(everyConnectionsDurability()).containsOnly(durable());
    }

    @Test
    void aRelaxedTransactionWhoseStatementFailsLeavesEveryConnectionDurable() throws SQLException {
        assertThatThrownBy(() -> db.relaxedTx(c -> Jdbc.update(c, "INSERT INTO no_such_table (n) VALUES (1)")))
                .isInstanceOf(MetadataException.class);
        assertThat(everyConnectionsDurability()).containsOnly(durable());
    }

    @Test
    void creatingAnUploadAndPinningABlobLeaveEveryConnectionDurable() throws SQLException {
        meta.createAccount(new Rows.Account(ACCOUNT, true, 1), new Rows.AccessKey("AKIARELAXED000000001", ACCOUNT, null, "e", "Active", 1));
        long repo = meta.createRepository(new Rows.NewRepository(ACCOUNT, "relaxed/app", "MUTABLE", null, false, "AES256", null, 1,
                Map.of()), 10).id();
        meta.createUpload(new Rows.Upload("relaxed-upload", repo, 0, 0, 1, 1), 10);
        assertThat(meta.pinBlob(new Rows.Blob("sha256:" + "a".repeat(64), 3), "relaxed-pin", 1, 2)).isTrue();
        assertThat(meta.findUpload("relaxed-upload")).isPresent();
        assertThat(meta.findBlob("sha256:" + "a".repeat(64))).isPresent();
        assertThat(everyConnectionsDurability()).containsOnly(durable());
    }
}
