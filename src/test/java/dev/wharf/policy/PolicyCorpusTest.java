package dev.wharf.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents accepted once must keep being accepted. */
class PolicyCorpusTest {

    static final List<String> CORPUS = List.of(
            "resource-guide-allow-users-push-pull.json",
            "resource-guide-allow-other-account-push.json",
            "resource-guide-allow-all-pull.json",
            "resource-guide-pull-users-and-admin.json",
            "resource-guide-deny-all-pull.json",
            "identity-team-repositories-with-conditions.json",
            "trust-ecs-tasks.json");

    static String load(String name) {
        try (InputStream in = PolicyCorpusTest.class.getResourceAsStream("/policy-corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicyKind kindOf(String name) {
        return PolicyKind.valueOf(name.substring(0, name.indexOf('-')).toUpperCase(java.util.Locale.ROOT));
    }

    static List<String> corpus() {
        return CORPUS;
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void acceptedDocumentKeepsParsing(String name) {
        String text = load(name);
        PolicyDocument doc = PolicyDocument.parse(text, kindOf(name));
        assertThat(doc.statements()).isNotEmpty();
        assertThat(doc.text()).isEqualTo(text);
    }
}
