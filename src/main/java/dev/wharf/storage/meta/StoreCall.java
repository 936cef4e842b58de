package dev.wharf.storage.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One method of {@link MetadataStore} or {@link IamStore} as a wrapper of the store sees it: its
 * name, which of the two it belongs to, and a direct call of it on the store underneath.
 * <p>
 * The wrappers (the cache of the pull path, the translation of a full disk) used to be
 * {@code java.lang.reflect.Proxy} instances calling through reflection. A proxy's class is generated
 * and verified when a process first asks for it (the class-data cache holds none), and each
 * reflective call's first use spins method-handle classes: with the compiling they set off, about
 * 0.2 s of a warm start's CPU (docs/performance.md, "Warm start: the stores' wrappers without
 * proxies"). The forwarders
 * ({@link MetadataStoreForwarder}, {@link IamStoreForwarder}) are ordinary classes generated from the
 * interfaces by a test ({@code StoreForwardersTest}), which fails when an interface changes and the
 * forwarder was not generated again.
 */
public final class StoreCall {
    /** Calls one method of the forwarder's interface on {@code store}. */
    @FunctionalInterface
    interface Invoker {
        Object call(Object store, Object[] args);
    }

    private final Class<?> store;
    private final String name;
    private final Invoker invoker;

    private StoreCall(Class<?> store, String name, Invoker invoker) {
        this.store = store;
        this.name = name;
        this.invoker = invoker;
    }

    /** The call of {@code store}'s method {@code name}, made by {@code invoker}. */
    static StoreCall of(Class<?> store, String name, Invoker invoker) {
        return new StoreCall(store, name, invoker);
    }

    /** By name, for a wrapper that names the methods it treats specially. */
    static Map<String, StoreCall> byName(StoreCall[] calls) {
        return java.util.Arrays.stream(calls).collect(Collectors.toUnmodifiableMap(StoreCall::name, Function.identity()));
    }

    /** The names, in order. */
    static List<String> names(StoreCall[] calls) {
        List<String> names = new ArrayList<>(calls.length);
        for (StoreCall c : calls) names.add(c.name);
        return names;
    }

    /** The method's name (the interfaces overload none). */
    public String name() {
        return name;
    }

    /** Whether the method is {@link IamStore}'s; else it is {@link MetadataStore}'s. */
    public boolean ofIam() {
        return store == IamStore.class;
    }

    /** Calls the method on {@code target} (a store of the same interface) with {@code args}, directly. */
    public Object invoke(Object target, Object[] args) {
        return invoker.call(store.cast(target), args);
    }

    @Override
    public String toString() {
        return store.getSimpleName() + "." + name;
    }
}
