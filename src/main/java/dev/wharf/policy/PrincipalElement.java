package dev.wharf.policy;

import java.util.List;

/**
 * A statement's Principal or NotPrincipal element: {@code "*"} or an object of AWS / Service /
 * Federated / CanonicalUser entries. Values were validated at parse time.
 */
public record PrincipalElement(boolean everyone, List<String> aws, List<String> service, List<String> federated,
                               List<String> canonicalUser) {

    /** How a caller matched: not at all, only as a member of a named account, or by name. */
    enum Match { NONE, ACCOUNT, SPECIFIC }

    public PrincipalElement {
        aws = List.copyOf(aws);
        service = List.copyOf(service);
        federated = List.copyOf(federated);
        canonicalUser = List.copyOf(canonicalUser);
    }

    static PrincipalElement anyone() {
        return new PrincipalElement(true, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * Matches the caller. An account (12 digits or its root ARN) matches every principal of that
     * account, but only as ACCOUNT: within one account that delegates to identity policies rather
     * than granting by itself. A role ARN matches every session of the role. CanonicalUser entries
     * (an S3 notion) never match.
     */
    Match match(Principal p) {
        if (everyone) {
            return Match.SPECIFIC;
        }
        Match best = Match.NONE;
        for (String a : aws) {
            Match m = matchAws(a, p);
            if (m == Match.SPECIFIC) {
                return m;
            }
            if (m == Match.ACCOUNT) {
                best = m;
            }
        }
        if (p.type() == PrincipalType.SERVICE && service.contains(p.arn())) {
            return Match.SPECIFIC;
        }
        if (p.type() == PrincipalType.FEDERATED_USER
                && (federated.contains(p.arn()) || p.sourceIdentityArn() != null && federated.contains(p.sourceIdentityArn()))) {
            return Match.SPECIFIC;
        }
        return best;
    }

    private static Match matchAws(String entry, Principal p) {
        if (entry.equals("*")) {
            return Match.SPECIFIC;
        }
        if (p.accountId() == null) {
            return Match.NONE;
        }
        String account = accountOf(entry);
        if (account != null) {
            if (!account.equals(p.accountId())) {
                return Match.NONE;
            }
            return p.type() == PrincipalType.ROOT ? Match.SPECIFIC : Match.ACCOUNT;
        }
        if (entry.equals(p.arn()) || entry.equals(p.sourceIdentityArn())) {
            return Match.SPECIFIC;
        }
        return Match.NONE;
    }

    /** The account named by a bare account id or a root ARN, else null. */
    static String accountOf(String entry) {
        if (entry.length() == 12 && entry.chars().allMatch(Character::isDigit)) {
            return entry;
        }
        if (entry.startsWith("arn:") && entry.endsWith(":root")) {
            String[] parts = entry.split(":", -1);
            if (parts.length == 6 && parts[2].equals("iam") && parts[5].equals("root")) {
                return parts[4];
            }
        }
        return null;
    }
}
