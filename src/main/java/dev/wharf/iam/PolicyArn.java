package dev.wharf.iam;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A customer managed policy's ARN, {@code arn:aws:iam::ACCT:policy/PATH/NAME}. */
record PolicyArn(String accountId, String path, String name) {
    private static final Pattern ARN = Pattern.compile("arn:aws:iam::(\\d{12}):policy(/(?:[\\x21-\\x7e]*/)?)([\\w+=,.@-]+)");

    static Optional<PolicyArn> parse(String arn) {
        Matcher m = ARN.matcher(arn);
        return m.matches() ? Optional.of(new PolicyArn(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    static String of(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":policy" + path + name;
    }
}
