package dev.wharf.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** Wharf's logging, set up in code: what the environment asks for, and nothing when an operator brings a file. */
class LogConfiguratorTest {

    private static LoggerContext configured(Map<String, String> properties) {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as Logback's own start gives it
        properties.forEach(ctx::putProperty);
        LogConfigurator c = new LogConfigurator();
        c.setContext(ctx);
        assertThat(c.configure(ctx)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return ctx;
    }

    private static StderrAppender console(LoggerContext ctx) {
        return (StderrAppender) ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
    }

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogConfigurator.class);
    }

    @Test
    void byDefaultOneReadableLinePerEventGoesToStderrInBatches() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        LoggerContext ctx = configured(Map.of());
        try {
            StderrAppender console = console(ctx);
            assertThat(console.isStarted()).isTrue();
            assertThat(console.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
            assertThat(ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
            assertThat(ctx.getLogger("wharf.access").getLevel()).isEqualTo(Level.INFO);
            assertThat(ctx.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.WARN);
            ctx.getLogger("wharf.test").info("first line");
            ctx.getLogger("wharf.test").warn("second line");
            ctx.stop(); // stops the appender: everything written
            assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
                    .hasSize(2)
                    .satisfiesExactly(l -> assertThat(l).contains("INFO  wharf.test first line"),
                            l -> assertThat(l).contains("WARN  wharf.test second line"));
        } finally {
            ctx.stop();
            System.setErr(saved);
        }
    }

    @Test
    void theFormatAndTheLevelsFollowTheirSettings() {
        LoggerContext ctx = configured(Map.of("WHARF_LOG_FORMAT", "json", "WHARF_LOG_LEVEL", "DEBUG", "WHARF_ACCESS_LOG", "OFF"));
        try {
            assertThat(console(ctx).getEncoder()).isInstanceOf(JsonEncoder.class);
            assertThat(ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
            assertThat(ctx.getLogger("wharf.access").getLevel()).isEqualTo(Level.OFF);
        } finally {
            ctx.stop();
        }
    }

    @Test
    void anOperatorsOwnConfigurationFileIsLeftToLogback() {
        String saved = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "/etc/wharf/logback.xml");
        try {
            LoggerContext ctx = new LoggerContext();
            LogConfigurator c = new LogConfigurator();
            c.setContext(ctx);
            assertThat(c.configure(ctx)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNull();
        } finally {
            if (saved == null) System.clearProperty("logback.configurationFile");
            else System.setProperty("logback.configurationFile", saved);
        }
    }
}
