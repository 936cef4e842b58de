package dev.wharf.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * DateEquals, DateNotEquals, DateLessThan(Equals), DateGreaterThan(Equals). Values are ISO-8601
 * ({@code 2024-05-01}, {@code 2024-05-01T12:00:00Z}, with an offset, or without one meaning UTC) or
 * epoch seconds.
 */
final class DateOperator extends OrderedOperator<Instant> {

    DateOperator(String name, boolean negated, Comparison comparison) {
        super(name, negated, comparison, "is not an ISO-8601 date-time or epoch seconds");
    }

    @Override
    Instant parseValue(String text) {
        return parse(text);
    }

    static Instant parse(String s) {
        String v = s.strip();
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(v));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset; try the next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a local date-time; try a plain date
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
