package dev.wharf.storage.meta;

import dev.wharf.testing.PostgresCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One throwaway PostgreSQL cluster for the store contract suites of a test JVM: started by the first
 * class that asks ({@code @ExtendWith(SharedPostgres.class)}), stopped when JUnit finishes the run
 * (the root store closes it), so the suites share one {@code initdb} instead of one each. Every
 * test still gets a database of its own, copied from one migrated template ({@link PostgresStores}).
 */
@Tag("e2e")
final class SharedPostgres implements BeforeAllCallback {
    private static volatile PostgresStores stores;

    /** The stores of the shared cluster; valid in a class that extends with this, from its first test on. */
    static PostgresStores stores() {
        PostgresStores s = stores;
        if (s == null) throw new IllegalStateException("extend the test class with SharedPostgres");
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.create(SharedPostgres.class))
                .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class);
        stores = running.stores;
    }

    /** The cluster, as a resource JUnit closes at the end of the run. */
    private record Running(PostgresCluster pg, PostgresStores stores) implements ExtensionContext.Store.CloseableResource {
        static Running start() {
            try {
                PostgresCluster pg = PostgresCluster.start();
                return new Running(pg, new PostgresStores(pg));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the shared PostgreSQL cluster", e);
            }
        }

        @Override
        public void close() throws Exception {
            pg.close();
        }
    }
}
