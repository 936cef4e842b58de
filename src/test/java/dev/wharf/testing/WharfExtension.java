package dev.wharf.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shared setup of server tests ({@link WharfTest}): one {@link TestServer} per test class,
 * started when first asked for and stopped when the class is done, and the clients, credentials and
 * helpers around it as method parameters. What a method receives is closed when that method's scope
 * ends (a {@code @BeforeAll} parameter lives as long as the class).
 */
public final class WharfExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(WharfExtension.class);
    private static final Set<Class<?>> RESOLVED = Set.of(TestServer.class, MutableClock.class, EcrClient.class, IamClient.class,
            StsClient.class, OciClient.class, Skopeo.class);

    /** The class's server and the clock it reads. */
    private record Running(TestServer server, MutableClock clock) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Running running = running(context);
        TestServer server = running.server();
        ExtensionContext.Store scope = context.getStore(NS);
        if (type == TestServer.class) return server;
        if (type == MutableClock.class) return running.clock();
        if (type == OciClient.class) return OciClient.of(server);
        if (type == Skopeo.class) {
            try (EcrClient root = server.ecr()) {
                return Skopeo.loggedIn(server, root);
            }
        }
        AutoCloseable client;
        if (type == EcrClient.class) client = server.ecr();
        else if (type == IamClient.class) client = server.iam();
        else if (type == StsClient.class) client = server.sts(TestServer.ACCESS_KEY, TestServer.SECRET_KEY, null);
        else throw new ParameterResolutionException("WharfExtension cannot give a " + type.getName());
        scope.put(new Object(), client); // closed with the scope that asked for it, before the server
        return client;
    }

    /** The test class's server, started on first use. */
    private static Running running(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NS).getOrComputeIfAbsent(Running.class, k -> start(testClass), Running.class);
    }

    private static Running start(Class<?> testClass) {
        Map<String, String> env = new HashMap<>();
        WharfTest settings = AnnotationSupport.findAnnotation(testClass, WharfTest.class).orElse(null);
        if (settings != null) {
            for (String pair : settings.env()) {
                int eq = pair.indexOf('=');
                if (eq <= 0) throw new ParameterResolutionException("@WharfTest env entries are NAME=value, got '" + pair + "'");
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        MutableClock clock = new MutableClock();
        return new Running(TestServer.start(env, clock), clock);
    }
}
