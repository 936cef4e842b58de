package dev.wharf.registry;

import dev.wharf.errors.WharfException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleEvaluatorTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    /** An image "d<n>" pushed {@code ageDays} ago with tags; {@code pulledDays} < 0 means never pulled. */
    private static LifecycleEvaluator.ImageFacts img(String digest, int ageDays, int pulledDays, String subject, String... tags) {
        return new LifecycleEvaluator.ImageFacts(digest, List.of(tags), NOW.minus(Duration.ofDays(ageDays)),
                pulledDays < 0 ? null : NOW.minus(Duration.ofDays(pulledDays)), subject);
    }

    private static String rule(int priority, String selection) {
        return "{\"rulePriority\":" + priority + ",\"selection\":{" + selection + "},\"action\":{\"type\":\"expire\"}}";
    }

    private static String policy(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    static Stream<Arguments> cases() {
        List<LifecycleEvaluator.ImageFacts> five = List.of(img("d1", 5, -1, null, "v1"), img("d2", 4, -1, null, "v2"),
                img("d3", 3, -1, null, "v3"), img("d4", 2, -1, null), img("d5", 1, -1, null, "prod-1"));
        return Stream.of(
                Arguments.of("keep the 2 newest of any", policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2")),
                        five, Map.of(), List.of("d1", "d2", "d3")),
                Arguments.of("untagged older than 1 day", policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1")),
                        five, Map.of(), List.of("d4")),
                Arguments.of("tag prefix selects only matching images", policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1")),
                        five, Map.of(), List.of("d1", "d2")),
                Arguments.of("tag pattern with wildcard", policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"prod-*\"],\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1")),
                        List.of(img("p1", 3, -1, null, "prod-1"), img("p2", 0, -1, null, "prod-2"), img("x", 9, -1, null, "dev")), Map.of(), List.of("p1")),
                Arguments.of("an image claimed by an earlier rule is not expired by a later one",
                        policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"prod\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":10"),
                                rule(2, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")),
                        five, Map.of(), List.of("d1", "d2", "d3")),
                Arguments.of("since last pull counts from the push when never pulled",
                        policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":3")
                                .replace("\"expire\"", "\"transition\",\"targetStorageClass\":\"archive\"")),
                        List.of(img("old-pulled-recently", 10, 1, null, "a"), img("old-never", 10, -1, null, "b"), img("new", 1, -1, null, "c")),
                        Map.of(), List.of("old-never")),
                Arguments.of("a kept index keeps the images it lists",
                        policy(rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")),
                        List.of(img("idx", 1, -1, null, "multi"), img("c1", 2, -1, null), img("c2", 3, -1, null), img("loose", 4, -1, null)),
                        Map.of("idx", List.of("c1", "c2")), List.of("loose")),
                Arguments.of("a referrer follows its subject: kept with it, expired with it",
                        policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                                rule(2, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")),
                        List.of(img("new", 1, -1, null, "v2"), img("old", 5, -1, null, "v1"), img("sig-new", 1, -1, "new"),
                                img("sig-old", 5, -1, "old"), img("sbom-new", 1, -1, "new")),
                        Map.of(), List.of("old", "sig-old")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void policiesExpireTheRightImages(String name, String policyText, List<LifecycleEvaluator.ImageFacts> images,
                                      Map<String, List<String>> children, List<String> expired) {
        List<String> got = new ArrayList<>(LifecycleEvaluator.evaluate(LifecyclePolicy.parse(policyText), images, children, NOW)
                .stream().map(LifecycleEvaluator.Expiry::digest).toList());
        assertThat(got).containsExactlyInAnyOrderElementsOf(expired);
    }

    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                Arguments.of("not json", "selection", "not valid JSON"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")),
                        "", "exactly one of tagPrefixList and tagPatternList"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"untagged\",\"tagPrefixList\":[\"a\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1")),
                        "", "can only be used with tagStatus 'tagged'"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                        rule(2, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")), "", "must have the highest rulePriority"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                        rule(1, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")), "", "used by more than one rule"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countNumber\":1")), "", "countUnit must be 'days'"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countUnit\":\"days\",\"countNumber\":1")), "",
                        "countUnit cannot be used"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0")), "", "at least 1"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"tagged\",\"tagPatternList\":[\"a*b*c*d*e*f\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":1")),
                        "", "more than 4 wildcards"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"some\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")), "", "tagged, untagged, any"),
                Arguments.of(policy(rule(1, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1,\"extra\":1")), "", "'extra', which is not allowed"),
                Arguments.of("{\"rules\":[]}", "", "non-empty array"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidPolicies")
    void invalidPoliciesAreRefusedWithAPreciseMessage(String text, String unused, String message) {
        assertThatThrownBy(() -> LifecyclePolicy.parse(text)).isInstanceOf(WharfException.class)
                .hasMessageContaining("Lifecycle policy validation failure").hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void rulesAreKeptInPriorityOrder() {
        var p = LifecyclePolicy.parse(policy(rule(7, "\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1"),
                rule(3, "\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1")));
        assertThat(p.rules()).extracting(LifecyclePolicy.Rule::priority).containsExactly(3, 7);
        assertThat(Arrays.asList(LifecyclePolicy.TagStatus.values())).hasSize(3);
    }
}
