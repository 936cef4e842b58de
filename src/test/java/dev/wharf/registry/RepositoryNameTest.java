package dev.wharf.registry;

import dev.wharf.errors.ErrorCode;
import dev.wharf.errors.WharfException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ECR's repository-name rule (aligned with the OCI distribution-spec's {@code <name>}). */
class RepositoryNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a__b", "x---y", "x-y", "a.b", "a_b", "team-a/web-app", "a/b/c", "a0.b1_c2__d3--e4/f5",
            "0123456789", "a-----------------------b/c__d"})
    void namesOfComponentsJoinedBySeparatorsAreValid(String name) {
        assertEquals(name, RepositoryName.of(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "", "A", "ab/", "/ab", "a//b", "a___b", "a_.b", "a._b", "a..b", "-ab", "ab-", "_ab", "ab_", ".ab",
            "a-_b", "a_-b", "a b", "a:b", "a@b", "ä"})
    void otherNamesAreNameInvalid(String name) {
        WharfException e = assertThrows(WharfException.class, () -> RepositoryName.of(name));
        assertEquals(ErrorCode.NAME_INVALID, e.code());
    }

    @org.junit.jupiter.api.Test
    void aNameOf256CharactersIsValidAndOf257IsNot() {
        String base = "a".repeat(255);
        assertEquals(256, RepositoryName.of(base + "b").value().length());
        assertThrows(WharfException.class, () -> RepositoryName.of(base + "bc"));
    }
}
