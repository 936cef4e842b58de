package dev.wharf.policy;

/** The set qualifier of a condition operator, for multi-valued request keys. */
public enum SetQualifier {
    NONE(""),
    /** Every request value must match; also true when the key is absent or empty. */
    FOR_ALL_VALUES("ForAllValues:"),
    /** At least one request value must match; false when the key is absent. */
    FOR_ANY_VALUE("ForAnyValue:");

    private final String prefix;

    SetQualifier(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() { return prefix; }
}
