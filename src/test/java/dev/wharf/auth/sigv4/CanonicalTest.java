package dev.wharf.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical-request pieces, case by case. */
class CanonicalTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /                              | /
            ''                             | /
            //                             | /
            /./                            | /
            /example/..                    | /
            /example1/example2/../..       | /
            //example//                    | /example/
            /./example                     | /example
            /a/b/..                        | /a/
            /a/b/.                         | /a/b/
            /../a                          | /a
            /a%20b/c                       | /a%2520b/c
            /team%2Fapp                    | /team%252Fapp
            /example space/                | /example%20space/
            /-._~AZaz09                    | /-._~AZaz09
            /sha256:ab+c                   | /sha256%3Aab%2Bc
            """)
    void nonS3PathsAreNormalisedAndEncodedAgain(String raw, String canonical) {
        assertThat(Canonical.uri(raw, "ecr")).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /bucket/a%20b       | /bucket/a%20b
            /bucket/a b         | /bucket/a%20b
            /bucket//x/../y     | /bucket//x/../y
            /bucket/%7Euser     | /bucket/~user
            """)
    void s3PathsAreEncodedOnceAndNotNormalised(String raw, String canonical) {
        assertThat(Canonical.uri(raw, "s3")).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Param2=value2&Param1=value1         | Param1=value1&Param2=value2
            Param1=value2&Param1=Value1         | Param1=Value1&Param1=value2
            flag&empty=                         | empty=&flag=
            a=b%20c&d=e+f                       | a=b%20c&d=e%2Bf
            a=%2a&b=%7e&c=~                     | a=%2A&b=~&c=~
            x=%zz                               | x=%25zz
            ሴ=bar                               | %E1%88%B4=bar
            &&a=1&                              | a=1
            b=1&X-Amz-Signature=ff&a=2          | a=2&b=1
            """)
    void queriesAreDecodedReencodedAndSorted(String raw, String canonical) {
        assertThat(Canonical.query(raw, "X-Amz-Signature")).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            value1|value1
              value1  |value1
            "a   b   c"|"a b c"
            a\tb|a b
            |
            """)
    void headerValuesAreTrimmedAndInnerSpaceRunsCollapsed(String raw, String canonical) {
        StringBuilder out = new StringBuilder();
        Canonical.appendTrimmed(out, raw == null ? "" : raw.replace("\\t", "\t"));
        assertThat(out.toString()).isEqualTo(canonical == null ? "" : canonical);
    }
}
