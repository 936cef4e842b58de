package dev.wharf.storage.meta;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forwarders ({@link StoreCall}) are generated from the store interfaces and kept in the sources:
 * this fails when an interface changed and its forwarder was not generated again. To generate them:
 * {@code WHARF_REGENERATE_FORWARDERS=1 mvn test -Dtest=StoreForwardersTest} (then review and commit).
 */
class StoreForwardersTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/wharf/storage/meta");

    @Test
    void eachForwarderIsTheOneItsInterfaceGenerates() throws Exception {
        for (Class<?> store : List.of(MetadataStore.class, IamStore.class)) {
            Path file = SOURCES.resolve(store.getSimpleName() + "Forwarder.java");
            String generated = StoreForwarderSource.of(store);
            if (System.getenv("WHARF_REGENERATE_FORWARDERS") != null) Files.writeString(file, generated);
            assertThat(Files.readString(file))
                    .as("%s is stale: generate it again with WHARF_REGENERATE_FORWARDERS=1 mvn test -Dtest=StoreForwardersTest", file)
                    .isEqualTo(generated);
        }
    }

    @Test
    void eachCallReachesTheMethodOfItsNameOnTheStoreUnderneath() {
        // every method of both interfaces, called through a forwarder whose handler invokes the call on a
        // store that records the name it was called by: a call dispatched to the wrong method fails here
        for (Class<?> store : List.of(MetadataStore.class, IamStore.class)) {
            for (var method : StoreForwarderSource.methods(store)) {
                StoreCall call = store == MetadataStore.class
                        ? StoreCall.byName(MetadataStoreForwarder.CALLS).get(method.getName())
                        : StoreCall.byName(IamStoreForwarder.CALLS).get(method.getName());
                assertThat(call).as("the call of %s.%s", store.getSimpleName(), method.getName()).isNotNull();
                assertThat(call.ofIam()).isEqualTo(store == IamStore.class);
                String[] reached = new String[1];
                Object recorder = java.lang.reflect.Proxy.newProxyInstance(store.getClassLoader(), new Class<?>[] {store}, (p, m, a) -> {
                    reached[0] = m.getName();
                    return defaultOf(m.getReturnType());
                });
                Object[] args = new Object[method.getParameterCount()];
                for (int i = 0; i < args.length; i++) args[i] = defaultOf(method.getParameterTypes()[i]);
                call.invoke(recorder, args);
                assertThat(reached[0]).as("what %s reached", call).isEqualTo(method.getName());
            }
        }
    }

    private static Object defaultOf(Class<?> type) {
        if (!type.isPrimitive()) return null;
        if (type == boolean.class) return false;
        if (type == long.class) return 0L;
        if (type == int.class) return 0;
        if (type == double.class) return 0d;
        if (type == void.class) return null;
        throw new IllegalArgumentException(type.getName());
    }
}
