package dev.wharf.policy;

import java.util.List;
import java.util.Objects;

/**
 * A parsed and validated policy document. Immutable; {@link #text()} keeps the JSON exactly as it
 * was given, for the Get* APIs that return it.
 */
public final class PolicyDocument {

    private final String text;
    private final PolicyKind kind;
    private final PolicyVersion version;
    private final String id;
    private final List<Statement> statements;

    PolicyDocument(String text, PolicyKind kind, PolicyVersion version, String id, List<Statement> statements) {
        this.text = text;
        this.kind = kind;
        this.version = version;
        this.id = id;
        this.statements = List.copyOf(statements);
    }

    /**
     * Parses and validates {@code json} as a policy of the given kind.
     *
     * @throws PolicyValidationException with a message naming the statement, element and fault
     */
    public static PolicyDocument parse(String json, PolicyKind kind) {
        Objects.requireNonNull(kind, "kind");
        return PolicyParser.parse(json, kind);
    }

    /** The JSON text as given to {@link #parse}. */
    public String text() { return text; }

    public PolicyKind kind() { return kind; }

    /** The Version element, 2008-10-17 when the document has none. */
    public PolicyVersion version() { return version; }

    /** The Id element, or null. */
    public String id() { return id; }

    public List<Statement> statements() { return statements; }

    @Override
    public String toString() {
        return "PolicyDocument[" + kind + ", " + version.text() + ", " + statements.size() + " statement(s)]";
    }
}
