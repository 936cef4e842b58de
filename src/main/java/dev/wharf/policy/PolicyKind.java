package dev.wharf.policy;

/**
 * Where a policy document is attached, which decides the elements it must or must not carry and
 * its size limit.
 */
public enum PolicyKind {
    /** Attached to a user, group or role: no Principal/NotPrincipal, Resource/NotResource required. */
    IDENTITY(6144, true),
    /** Attached to a repository or registry: Principal/NotPrincipal required. */
    RESOURCE(10240, false),
    /** A role's trust policy: Principal/NotPrincipal required, no Resource/NotResource. */
    TRUST(2048, true);

    private final int maxLength;
    private final boolean whitespaceFree;

    PolicyKind(int maxLength, boolean whitespaceFree) {
        this.maxLength = maxLength;
        this.whitespaceFree = whitespaceFree;
    }

    /**
     * The largest accepted size in characters: IAM counts identity (6,144) and trust (2,048)
     * policies without white space; ECR counts a repository policy's full text (10,240).
     */
    public int maxLength() { return maxLength; }

    /** Whether white space is left out when the size is measured. */
    public boolean measuresWithoutWhitespace() { return whitespaceFree; }

    /** The size of {@code text} as this kind measures it. */
    public int measure(String text) {
        if (!whitespaceFree) {
            return text.length();
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
