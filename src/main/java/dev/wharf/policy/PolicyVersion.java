package dev.wharf.policy;

/** The policy language versions IAM accepts; a document without Version is 2008-10-17. */
public enum PolicyVersion {
    V2008_10_17("2008-10-17"),
    /** The only version in which policy variables such as {@code ${aws:username}} are substituted. */
    V2012_10_17("2012-10-17");

    private final String text;

    PolicyVersion(String text) {
        this.text = text;
    }

    public String text() { return text; }

    public boolean substitutesVariables() { return this == V2012_10_17; }

    /** The version written as {@code text}, or null when there is none such. */
    static PolicyVersion ofText(String text) {
        for (PolicyVersion v : values()) {
            if (v.text.equals(text)) {
                return v;
            }
        }
        return null;
    }
}
