package dev.wharf.auth.sigv4;

/** Echoing client input into an error message: bounded, and printable ASCII only. */
final class Texts {
    private static final int MAX = 128;

    private Texts() {}

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX) + 3);
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
