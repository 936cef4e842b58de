package dev.wharf.registry;

/** Glob matching with {@code *} (any run, also empty), as ECR's tag filters use it; no regexes. */
final class Wildcard {
    private Wildcard() {}

    static boolean matches(String pattern, String text) {
        int p = 0, t = 0, starP = -1, starT = -1;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }
}
