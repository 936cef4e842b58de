package dev.wharf.storage.meta;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Relaxed transactions on a real PostgreSQL: {@code synchronous_commit} off inside, on for every pooled connection. */
@Tag("e2e")
@ExtendWith(SharedPostgres.class)
class PostgresRelaxedTransactionTest extends RelaxedTransactionContract {
    /**
     * The shared test cluster runs with {@code synchronous_commit} off (speed); this test's own
     * database gets the production default back, and the pool reconnects to see it.
     */
    @Override
    protected MetadataStore newStore() throws Exception {
        JdbcMetadataStore meta = (JdbcMetadataStore) SharedPostgres.stores().open().meta();
        try (Connection c = meta.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = on', current_database()); END $$");
        }
        ((HikariDataSource) meta.dataSource()).getHikariPoolMXBean().softEvictConnections();
        return meta;
    }

    @Override
    protected String durability(Connection c) throws SQLException {
        return single(c, "SHOW synchronous_commit");
    }

    @Override
    protected String durable() {
        return "on";
    }

    @Override
    protected String relaxed() {
        return "off";
    }
}
