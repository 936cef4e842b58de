package dev.wharf.policy;

/** The six ordered comparisons shared by the numeric and date families. */
enum Comparison {
    EQUALS, LESS_THAN, LESS_THAN_EQUALS, GREATER_THAN, GREATER_THAN_EQUALS;

    boolean holds(int cmp) {
        return switch (this) {
            case EQUALS -> cmp == 0;
            case LESS_THAN -> cmp < 0;
            case LESS_THAN_EQUALS -> cmp <= 0;
            case GREATER_THAN -> cmp > 0;
            case GREATER_THAN_EQUALS -> cmp >= 0;
        };
    }
}
