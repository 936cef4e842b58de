package dev.wharf.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Map;

/**
 * Wharf's logging, set up in code (Logback finds this class through {@code META-INF/services}).
 * It replaced a {@code logback.xml}: parsing and interpreting that file was about a sixth of a
 * warm start's CPU (docs/performance.md, "Warm start"). An operator's own file still wins:
 * with {@code -Dlogback.configurationFile} set, this class steps aside.
 * <p>
 * Operators' log: one line per request on {@code wharf.access}, errors with the request id, never a
 * secret, on stderr. {@code WHARF_LOG_FORMAT} picks the encoder: {@code text} (default, one
 * readable line) or {@code json} (one JSON object per line, Logback's own {@link JsonEncoder};
 * access lines carry their fields as {@code kvpList}). {@code WHARF_LOG_LEVEL} (default INFO) is
 * the root level, {@code WHARF_ACCESS_LOG} (default INFO) the access log's. Each is read from the
 * logger context's properties, then system properties, then the environment.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    /** Libraries whose INFO lines say nothing an operator needs. */
    private static final Map<String, Level> QUIET = Map.of("org.eclipse.jetty", Level.WARN, "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN);

    public LogConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        // standard error, written in batches by a thread of its own (BatchedStderr says why): a thread
        // that logs encodes its line and copies it into a buffer, and never waits on the terminal or a
        // log file; the appender's stop writes what is left
        StderrAppender console = new StderrAppender();
        console.setContext(ctx);
        console.setName("CONSOLE");
        console.setEncoder(encoder(ctx, "json".equals(property(ctx, "WHARF_LOG_FORMAT", "text"))));
        console.start();

        QUIET.forEach((name, level) -> ctx.getLogger(name).setLevel(level));
        ctx.getLogger("wharf.access").setLevel(Level.toLevel(property(ctx, "WHARF_ACCESS_LOG", "INFO"), Level.INFO));
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(property(ctx, "WHARF_LOG_LEVEL", "INFO"), Level.INFO));
        root.addAppender(console);

        // stops the appender when the JVM exits, which writes the last lines
        DefaultShutdownHook hook = new DefaultShutdownHook();
        hook.setContext(ctx);
        Thread t = new Thread(hook, "Logback shutdown hook");
        ctx.putObject(ch.qos.logback.core.CoreConstants.SHUTDOWN_HOOK_THREAD, t);
        Runtime.getRuntime().addShutdownHook(t);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, boolean json) {
        if (json) {
            JsonEncoder e = new JsonEncoder();
            e.setContext(ctx);
            e.setWithSequenceNumber(false);
            e.setWithNanoseconds(false);
            e.setWithContext(false);
            e.setWithMDC(false);
            e.setWithMessage(false);
            e.setWithArguments(false);
            e.setWithFormattedMessage(true);
            e.start();
            return e;
        }
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(ctx);
        e.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{20} %msg%n");
        e.start();
        return e;
    }

    private static String property(LoggerContext ctx, String name, String fallback) {
        String v = ctx.getProperty(name);
        if (v == null) v = System.getProperty(name);
        if (v == null) v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
