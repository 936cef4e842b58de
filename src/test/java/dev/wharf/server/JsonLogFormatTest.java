package dev.wharf.server;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.cli.LogConfigurator;
import dev.wharf.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code WHARF_LOG_FORMAT=json}: Wharf's own logging set-up ({@link LogConfigurator}) writes one JSON object per line, access lines with their fields. */
class JsonLogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void configure(String format) throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset(); // stops the appenders, flushing the asynchronous queue
        ctx.putProperty("WHARF_LOG_FORMAT", format);
        LogConfigurator c = new LogConfigurator();
        c.setContext(ctx);
        c.configure(ctx);
    }

    @Test
    void everyLineIsAJsonObjectAndAccessLinesCarryTheRequestsFields() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        // JSON first: the reset stops the text appender, which writes what it still holds to
        // whichever System.err is set then (earlier tests' text lines must not land in the capture)
        configure("json");
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            try (TestServer s = TestServer.start()) {
                s.createRepositories("logged/app");
            }
            configure("json");
        } finally {
            System.setErr(saved);
            configure("text");
        }
        List<JsonNode> access = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            JsonNode n = JSON.readTree(line);
            assertThat(n.isObject()).as(line).isTrue();
            if ("wharf.access".equals(n.path("loggerName").asText())) access.add(n);
        }
        JsonNode create = access.stream().filter(n -> fields(n).get("operation").equals("CreateRepository")).findFirst().orElseThrow();
        Map<String, String> f = fields(create);
        assertThat(f.get("requestId")).matches("[0-9a-f-]{36}");
        assertThat(f.get("principal")).isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT + ":root");
        assertThat(f.get("door")).isEqualTo("ecr");
        assertThat(f.get("status")).isEqualTo("200");
        assertThat(Long.parseLong(f.get("bytesIn"))).isPositive();
        assertThat(Long.parseLong(f.get("bytesOut"))).isPositive();
        assertThat(Long.parseLong(f.get("ms"))).isNotNegative();
        assertThat(create.get("level").asText()).isEqualTo("INFO");
    }

    /** Logback writes key-value pairs as a list of one-field objects. */
    private static Map<String, String> fields(JsonNode line) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode kv : line.path("kvpList")) kv.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
