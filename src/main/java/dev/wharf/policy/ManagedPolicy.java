package dev.wharf.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * An AWS managed policy: its name, ARN ({@code arn:aws:iam::aws:policy/NAME}), the creation and
 * last-edit times AWS publishes for it, and its document text.
 */
public record ManagedPolicy(String name, String arn, Instant createdAt, Instant updatedAt, String json) {
    /** IAM's unique-id alphabet (upper-case letters and the digits 2–7). */
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** The document, parsed as an identity policy. */
    public PolicyDocument document() {
        return PolicyDocument.parse(json, PolicyKind.IDENTITY);
    }

    /**
     * The policy's unique id in IAM's shape: {@code ANPA} and 17 characters of the unique-id alphabet.
     * Derived from the ARN, so every node and every restart answers the same id.
     */
    public String policyId() {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        StringBuilder id = new StringBuilder("ANPA");
        for (int i = 0; i < 17; i++) id.append(ID_ALPHABET.charAt(hash[i] & 31));
        return id.toString();
    }
}
