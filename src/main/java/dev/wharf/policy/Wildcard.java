package dev.wharf.policy;

import java.util.BitSet;

/**
 * IAM wildcard matching: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one, everything else itself. No regular expressions: one pass with a single backtrack point
 * (the last {@code *} seen), so the cost is at most pattern length times text length and never
 * exponential, whatever the pattern (e.g. {@code a*a*a*a*b}).
 *
 * <p>A pattern may mark some positions as literal: a {@code *} or {@code ?} that came from the
 * policy variables {@code ${*}} and {@code ${?}}, or from a substituted key value, matches only
 * itself.
 */
final class Wildcard {

    private final String pattern;
    private final BitSet literal;

    private Wildcard(String pattern, BitSet literal) {
        this.pattern = pattern;
        this.literal = literal;
    }

    /** A pattern in which every {@code *} and {@code ?} is a wildcard. */
    static Wildcard of(String pattern) {
        return new Wildcard(pattern, new BitSet(0));
    }

    /** A pattern whose positions set in {@code literal} match only themselves. */
    static Wildcard of(String pattern, BitSet literal) {
        return new Wildcard(pattern, (BitSet) literal.clone());
    }

    String text() { return pattern; }

    /** The part {@code [from, to)} of this pattern, keeping which positions are literal. */
    Wildcard slice(int from, int to) {
        return new Wildcard(pattern.substring(from, to), literal.get(from, Math.max(from, to)));
    }

    /** Case-sensitive match of the whole text. */
    boolean matches(String text) {
        return matches(text, false);
    }

    boolean matches(String text, boolean ignoreCase) {
        final int pn = pattern.length();
        final int tn = text.length();
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        while (t < tn) {
            if (p < pn && isWild(p, '*')) {
                starP = p++;
                starT = t;
            } else if (p < pn && (isWild(p, '?') || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
                p++;
                t++;
            } else if (starP >= 0) {
                // Let the last star absorb one more character and retry from just after it.
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pn && isWild(p, '*')) {
            p++;
        }
        return p == pn;
    }

    /** Case-sensitive match of {@code text} against {@code pattern}, every wildcard active. */
    static boolean matches(String pattern, String text) {
        return of(pattern).matches(text, false);
    }

    /** Case-insensitive match, as for actions. */
    static boolean matchesIgnoreCase(String pattern, String text) {
        return of(pattern).matches(text, true);
    }

    private boolean isWild(int i, char c) {
        return pattern.charAt(i) == c && !literal.get(i);
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        if (a == b) {
            return true;
        }
        return ignoreCase && (Character.toLowerCase(a) == Character.toLowerCase(b)
                || Character.toUpperCase(a) == Character.toUpperCase(b));
    }

    @Override
    public String toString() { return pattern; }
}
