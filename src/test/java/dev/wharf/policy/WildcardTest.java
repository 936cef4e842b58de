package dev.wharf.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WildcardTest {

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *            | anything           | true
            *            | ''                 | true
            ''           | ''                 | true
            ''           | a                  | false
            a?c          | abc                | true
            a?c          | ac                 | false
            a*c          | ac                 | true
            a*c          | abbbc              | true
            a*c          | abbbd              | false
            *.txt        | notes.txt          | true
            *.txt        | notes.txt.bak      | false
            a*b*c        | axxbyyc            | true
            a*b*c        | axxcyyb            | false
            ***          | x                  | true
            ?*           | ''                 | false
            arn:aws:ecr:*:111122223333:repository/team-a/* | arn:aws:ecr:us-east-1:111122223333:repository/team-a/app | true
            arn:aws:ecr:*:111122223333:repository/team-a/* | arn:aws:ecr:us-east-1:111122223333:repository/team-b/app | false
            """)
    void globMatchesWholeText(String pattern, String text, boolean expected) {
        assertThat(Wildcard.matches(pattern, text)).isEqualTo(expected);
    }

    @Test
    void resourceMatchingIsCaseSensitive() {
        assertThat(Wildcard.matches("arn:aws:ecr:*:*:repository/App", "arn:aws:ecr:r:1:repository/app")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"ecr:get*, ecr:GetDownloadUrlForLayer", "ECR:BATCHGETIMAGE, ecr:BatchGetImage", "ecr:?atch*, ecr:BatchGetImage"})
    void actionMatchingIgnoresCase(String pattern, String action) {
        assertThat(Wildcard.matchesIgnoreCase(pattern, action)).isTrue();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void pathologicalPatternsFinishQuickly() {
        String text = "a".repeat(20_000);
        assertThat(Wildcard.matches("a*a*a*a*a*a*a*a*b", text)).isFalse();
        assertThat(Wildcard.matches("*a*a*a*a*a*a*a*a", text)).isTrue();
        assertThat(Wildcard.matches("?".repeat(50) + "*b", text)).isFalse();
    }

    @Test
    void literalPositionsMatchOnlyThemselves() {
        BitSet literal = new BitSet();
        literal.set(2);
        Wildcard w = Wildcard.of("ab*", literal);
        assertThat(w.matches("ab*")).isTrue();
        assertThat(w.matches("abc")).isFalse();
    }
}
