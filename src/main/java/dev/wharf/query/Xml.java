package dev.wharf.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/** A small streaming XML writer for Query protocol answers: elements and escaped text, nothing else. */
public final class Xml {
    private final StringBuilder sb = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    public Xml open(String name) {
        sb.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    public Xml close() {
        sb.append("</").append(open.pop()).append('>');
        return this;
    }

    /** {@code <name>value</name>}; nothing when value is null. */
    public Xml leaf(String name, Object value) {
        if (value == null) return this;
        String text = value instanceof Instant i ? timestamp(i) : value.toString();
        sb.append('<').append(name).append('>');
        escape(text);
        sb.append("</").append(name).append('>');
        return this;
    }

    /** ISO 8601 in UTC to the second, as IAM and STS write timestamps. */
    public static String timestamp(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    boolean isEmpty() {
        return sb.isEmpty();
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) throw new IllegalStateException("unclosed element " + open.peek());
        return sb.toString();
    }
}
