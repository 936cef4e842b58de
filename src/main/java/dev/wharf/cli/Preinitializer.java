package dev.wharf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.MimeTypes;

import javax.crypto.Mac;
import java.security.GeneralSecurityException;
import java.util.Calendar;

/**
 * A head start for {@code serve}: on a daemon thread started first thing, it initializes JDK and
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
        Thread.ofPlatform().daemon().name("wharf-preinit").start(Preinitializer::run);
    }

    private static void run() {
        try {
            // Logging, which the main thread needs first (Logback's set-up, its pattern's date format).
            org.slf4j.LoggerFactory.getILoggerFactory();
            // The JDK's locale data: SQLite's date format asks for a calendar when the pool is configured,
            // and Jetty's MIME table for every available locale when the first server is built.
            Calendar.getInstance();
            new MimeTypes();
            // Jackson's type machinery (the stores' and the doors' JSON) and the JCE provider (key derivation).
            new ObjectMapper();
            Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException | RuntimeException ignored) {
            // only the head start is lost
        }
    }
}
