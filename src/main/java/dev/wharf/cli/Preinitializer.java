package dev.wharf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.MimeTypes;

import javax.crypto.Mac;
import java.security.GeneralSecurityException;
import java.util.Calendar;

/**
 * A head start for {@code serve}: on two daemon threads started first thing, it initializes JDK and
 * library state that the start-up path needs later and that depends on nothing Wharf reads (no
 * configuration, no data directory), so that the second core does it while the main thread sets up
 * reads the configuration, the master key and the database (docs/performance.md, "Warm start").
 * It changes nothing the start would not do itself: a class initialized here is not initialized
 * again, one being initialized makes the main thread wait for it as it would wait for its own work,
 * and a failure here only loses the head start (the path that needs the thing reports its own error).
 */
final class Preinitializer {
    private Preinitializer() {}

    static void start() {
        Thread.ofPlatform().daemon().name("wharf-preinit").start(Preinitializer::libraries);
        Thread.ofPlatform().daemon().name("wharf-preinit-proxies").start(Preinitializer::proxyClasses);
    }

    private static void libraries() {
        try {
            // Logging, which the main thread needs first (Logback's set-up, its pattern's date format).
            // While this thread sets SLF4J up, the main thread's loggers are SubstituteLoggers: the class is
            // named here so that every training run loads it and the class-data cache holds it (outside the
            // cache the main thread looks it up along the class path, opening every jar before SLF4J's).
            Class.forName(org.slf4j.helpers.SubstituteLogger.class.getName());
            org.slf4j.LoggerFactory.getILoggerFactory();
            // The JDK's locale data: SQLite's date format asks for a calendar when the pool is configured,
            // and Jetty's MIME table for every available locale when the first server is built.
            Calendar.getInstance();
            new MimeTypes();
            // Jackson's type machinery (the stores' and the doors' JSON) and the JCE provider (key derivation).
            new ObjectMapper();
            Mac.getInstance("HmacSHA256");
        } catch (ClassNotFoundException | GeneralSecurityException | RuntimeException ignored) {
            // only the head start is lost
        }
    }

    /**
     * The class of the dynamic proxy the pool makes for a closed connection: the JDK generates and verifies
     * it the first time it is asked for (the class-data cache holds no proxy classes); made here, the main
     * thread finds it made.
     */
    private static void proxyClasses() {
        try {
            Class.forName("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", true, Preinitializer.class.getClassLoader());
        } catch (ClassNotFoundException | RuntimeException ignored) {
            // only the head start is lost
        }
    }
}
