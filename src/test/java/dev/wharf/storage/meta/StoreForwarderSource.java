package dev.wharf.storage.meta;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the source of a store's forwarder ({@link StoreCall}): a class that implements the interface
 * by handing each call to a {@link StoreHandler}, and calls the interface's methods by number for
 * {@link StoreCall#invoke}. The methods are taken in order of name (the interfaces overload none).
 */
final class StoreForwarderSource {
    private StoreForwarderSource() {}

    static String of(Class<?> store) {
        String simple = store.getSimpleName();
        String forwarder = simple + "Forwarder";
        List<Method> methods = methods(store);
        StringBuilder s = new StringBuilder();
        s.append("package ").append(store.getPackageName()).append(";\n\n");
        s.append("// Generated from ").append(simple).append(" by StoreForwarderSource: do not edit. StoreForwardersTest fails when\n");
        s.append("// the interface changed, and says how to generate it again.\n\n");
        s.append("/** {@link ").append(simple).append("} calls handed to a {@link StoreHandler} ({@link StoreCall} says why). */\n");
        s.append("@SuppressWarnings(\"unchecked\")\n");
        s.append("public final class ").append(forwarder).append(" implements ").append(simple).append(" {\n");
        s.append("    /**\n");
        s.append("     * Each method of the interface, in this class's order, with a call of it of its own: one small method\n");
        s.append("     * each, so that the compilers never make one unit of every store method (docs/performance.md,\n");
        s.append("     * \"Warm start: the stores' wrappers without proxies\").\n");
        s.append("     */\n");
        s.append("    static final StoreCall[] CALLS = {\n");
        for (int i = 0; i < methods.size(); i++) {
            Method m = methods.get(i);
            s.append("        StoreCall.of(").append(simple).append(".class, \"").append(m.getName()).append("\", ");
            String call = "((" + simple + ") s)." + m.getName() + "(" + castArgs(m) + ")";
            if (m.getReturnType() == void.class) {
                s.append("(s, a) -> {\n            ").append(call).append(";\n            return null;\n        })");
            } else {
                s.append("(s, a) -> ").append(call).append(")");
            }
            s.append(i < methods.size() - 1 ? ",\n" : "\n");
        }
        s.append("    };\n");
        s.append("    private static final Object[] NO_ARGS = {};\n");
        s.append("    private final StoreHandler handler;\n\n");
        s.append("    public ").append(forwarder).append("(StoreHandler handler) {\n");
        s.append("        this.handler = handler;\n");
        s.append("    }\n");
        for (int i = 0; i < methods.size(); i++) {
            Method m = methods.get(i);
            Type[] params = m.getGenericParameterTypes();
            StringBuilder list = new StringBuilder();
            StringBuilder args = new StringBuilder();
            for (int p = 0; p < params.length; p++) {
                if (p > 0) {
                    list.append(", ");
                    args.append(", ");
                }
                list.append(name(params[p])).append(" a").append(p);
                args.append('a').append(p);
            }
            String handed = "handler.handle(CALLS[" + i + "], " + (params.length == 0 ? "NO_ARGS" : "new Object[] {" + args + "}") + ")";
            s.append("\n    @Override\n");
            s.append("    public ").append(name(m.getGenericReturnType())).append(' ').append(m.getName()).append('(').append(list).append(") {\n");
            if (m.getReturnType() == void.class) {
                s.append("        ").append(handed).append(";\n");
            } else {
                s.append("        return (").append(boxed(m.getGenericReturnType())).append(") ").append(handed).append(";\n");
            }
            s.append("    }\n");
        }
        s.append("\n    /** What this forwarder hands its calls to. */\n    StoreHandler handler() {\n        return handler;\n    }\n");
        s.append("\n    @Override\n    public String toString() {\n        return handler.toString();\n    }\n");
        s.append("}\n");
        return s.toString();
    }

    /** The arguments {@code a[0]}, {@code a[1]}, ... cast to the method's parameter types. */
    private static String castArgs(Method m) {
        Class<?>[] raw = m.getParameterTypes();
        Type[] params = m.getGenericParameterTypes();
        StringBuilder args = new StringBuilder();
        for (int p = 0; p < params.length; p++) {
            if (p > 0) args.append(", ");
            args.append('(').append(raw[p].isPrimitive() ? raw[p].getName() : name(params[p])).append(") a[").append(p).append(']');
        }
        return args.toString();
    }

    /** The interface's instance methods, in order of name; an overloaded name is refused, as {@link StoreCall} names calls. */
    static List<Method> methods(Class<?> store) {
        List<Method> methods = Arrays.stream(store.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
        for (int i = 1; i < methods.size(); i++) {
            if (methods.get(i).getName().equals(methods.get(i - 1).getName())) {
                throw new IllegalStateException(store.getSimpleName() + " overloads " + methods.get(i).getName() + ": forwarders name calls by method name");
            }
        }
        return methods;
    }

    private static String boxed(Type t) {
        if (t instanceof Class<?> c && c.isPrimitive()) {
            return switch (c.getName()) {
                case "int" -> "Integer";
                case "char" -> "Character";
                default -> Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1);
            };
        }
        return name(t);
    }

    /** A type as source names it. */
    static String name(Type t) {
        if (t instanceof Class<?> c) return c.getCanonicalName();
        if (t instanceof ParameterizedType p) {
            return name(p.getRawType()) + Arrays.stream(p.getActualTypeArguments()).map(StoreForwarderSource::name)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (t instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0) return "? super " + name(w.getLowerBounds()[0]);
            Type upper = w.getUpperBounds()[0];
            return upper == Object.class ? "?" : "? extends " + name(upper);
        }
        throw new IllegalArgumentException("no source name for " + t);
    }
}
