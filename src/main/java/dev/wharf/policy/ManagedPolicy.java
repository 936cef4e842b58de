package dev.wharf.policy;

/**
 * An AWS managed policy: its name, ARN ({@code arn:aws:iam::aws:policy/NAME}) and document text.
 */
public record ManagedPolicy(String name, String arn, String json) {

    /** The document, parsed as an identity policy. */
    public PolicyDocument document() {
        return PolicyDocument.parse(json, PolicyKind.IDENTITY);
    }
}
