package dev.wharf.registry;

import dev.wharf.errors.WharfException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lifecycle rules and the archive storage class, as ECR's lifecycle policy properties describe them: a rule
 * sees only the images of its storage class, sinceImagePulled only archives, sinceImageTransitioned only
 * expires archived images and never before 90 days in the archive.
 */
class LifecycleStorageClassTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static Instant daysAgo(int days) {
        return days < 0 ? null : NOW.minus(Duration.ofDays(days));
    }

    private static LifecycleEvaluator.ImageFacts active(String digest, int pushedDays, int pulledDays, int activatedDays, String... tags) {
        return new LifecycleEvaluator.ImageFacts(digest, List.of(tags), daysAgo(pushedDays), daysAgo(pulledDays), null,
                LifecycleEvaluator.Storage.ACTIVE, null, daysAgo(activatedDays));
    }

    private static LifecycleEvaluator.ImageFacts archived(String digest, int pushedDays, int archivedDays, String... tags) {
        return new LifecycleEvaluator.ImageFacts(digest, List.of(tags), daysAgo(pushedDays), null, null,
                LifecycleEvaluator.Storage.ARCHIVED, daysAgo(archivedDays), null);
    }

    private static LifecycleEvaluator.ImageFacts activating(String digest, int pushedDays, int archivedDays) {
        return new LifecycleEvaluator.ImageFacts(digest, List.of(), daysAgo(pushedDays), null, null,
                LifecycleEvaluator.Storage.ACTIVATING, daysAgo(archivedDays), null);
    }

    private static final String ARCHIVE_UNPULLED_30 = """
            {"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePulled","countUnit":"days","countNumber":30},
             "action":{"type":"transition","targetStorageClass":"archive"}}""";
    private static final String EXPIRE_ARCHIVED_90 = """
            {"rulePriority":2,"selection":{"tagStatus":"any","storageClass":"archive","countType":"sinceImageTransitioned",
             "countUnit":"days","countNumber":90},"action":{"type":"expire"}}""";

    private static String policy(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of("an unpulled image is archived; a pulled one and a recently restored one are not",
                        policy(ARCHIVE_UNPULLED_30),
                        List.of(active("stale", 60, -1, -1, "a"), active("pulled", 60, 2, -1, "b"), active("restored", 60, 50, 3, "c")),
                        List.of("stale")),
                Arguments.of("a standard rule never selects an archived or restoring image",
                        policy("""
                                {"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},
                                 "action":{"type":"expire"}}"""),
                        List.of(active("new", 1, -1, -1), active("old", 9, -1, -1), archived("gone", 20, 10), activating("back", 30, 10)),
                        List.of("old")),
                Arguments.of("an archive rule expires only images archived longer than its days",
                        policy(ARCHIVE_UNPULLED_30, EXPIRE_ARCHIVED_90),
                        List.of(archived("long-ago", 400, 100), archived("recent", 400, 89), active("fresh", 1, -1, -1),
                                activating("restoring", 400, 200)),
                        List.of("long-ago")),
                Arguments.of("an archive rule with a tag pattern leaves other archived images",
                        policy("""
                                {"rulePriority":1,"selection":{"tagStatus":"tagged","tagPatternList":["*-sha-*"],"storageClass":"archive",
                                 "countType":"sinceImageTransitioned","countUnit":"days","countNumber":90},"action":{"type":"expire"}}"""),
                        List.of(archived("commit", 400, 120, "app-sha-1"), archived("release", 400, 120, "v1.0")),
                        List.of("commit")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void rulesSelectTheImagesOfTheirStorageClass(String name, String policyText, List<LifecycleEvaluator.ImageFacts> images,
                                                 List<String> selected) {
        assertThat(LifecycleEvaluator.evaluate(LifecyclePolicy.parse(policyText), images, Map.of(), NOW))
                .extracting(LifecycleEvaluator.Expiry::digest).containsExactlyInAnyOrderElementsOf(selected);
    }

    @Test
    void eachStorageClassHasItsOwnTagStatusAnyRuleLast() {
        LifecyclePolicy p = LifecyclePolicy.parse(policy(ARCHIVE_UNPULLED_30, EXPIRE_ARCHIVED_90));
        assertThat(p.rules()).extracting(LifecyclePolicy.Rule::storageClass)
                .containsExactly(LifecyclePolicy.StorageClass.STANDARD, LifecyclePolicy.StorageClass.ARCHIVE);
        assertThat(p.actionOf(1)).isEqualTo(LifecyclePolicy.Action.TRANSITION);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(ARCHIVE_UNPULLED_30.replace("\"transition\",\"targetStorageClass\":\"archive\"", "\"expire\""),
                        "sinceImagePulled can only be used with action type 'transition'"),
                Arguments.of(EXPIRE_ARCHIVED_90.replace("\"countNumber\":90", "\"countNumber\":89"), "countNumber must be at least 90"),
                Arguments.of(EXPIRE_ARCHIVED_90.replace("\"storageClass\":\"archive\",", ""), "storageClass 'archive' is required"),
                Arguments.of(EXPIRE_ARCHIVED_90.replace("\"archive\"", "\"standard\""), "needs selection.storageClass 'archive'"),
                Arguments.of(EXPIRE_ARCHIVED_90.replace("\"expire\"", "\"transition\",\"targetStorageClass\":\"archive\""),
                        "sinceImageTransitioned can only be used with action type 'expire'"),
                Arguments.of(ARCHIVE_UNPULLED_30.replace("\"tagStatus\":\"any\",", "\"tagStatus\":\"any\",\"storageClass\":\"archive\","),
                        "can only be used with countType sinceImageTransitioned"),
                Arguments.of(EXPIRE_ARCHIVED_90.replace("\"archive\",\"countType\"", "\"glacier\",\"countType\""),
                        "storageClass must be 'standard' or 'archive'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void rulesThatEcrRefusesAreRefused(String rule, String message) {
        assertThatThrownBy(() -> LifecyclePolicy.parse(policy(rule))).isInstanceOf(WharfException.class)
                .hasMessageContaining("Lifecycle policy validation failure").hasMessageContaining(message);
    }
}
