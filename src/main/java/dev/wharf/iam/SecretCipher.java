package dev.wharf.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM under the operator's master key, which comes from
 * {@code WHARF_MASTER_KEY} (base64 of 32 bytes) or from {@code master.key} in the data directory
 * (created 0600 on first start). Ciphertext format: {@code v1:<base64(12-byte nonce ‖ ciphertext ‖ tag)>}.
 * The master key also derives the other server keys (token signing, page tokens) so that every
 * node sharing it agrees on them.
 */
public final class SecretCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] masterKey;

    public SecretCipher(byte[] masterKey) {
        if (masterKey.length != 32) throw new IllegalArgumentException("the master key must be 32 bytes");
        this.masterKey = masterKey.clone();
    }

    /** Loads the master key from the environment value, else from (or into) {@code dataDir/master.key}. */
    public static SecretCipher load(String envValue, Path dataDir) {
        if (envValue != null && !envValue.isBlank()) {
            byte[] k;
            try {
                k = Base64.getDecoder().decode(envValue.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("WHARF_MASTER_KEY must be base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
            }
            if (k.length != 32) throw new IllegalArgumentException("WHARF_MASTER_KEY must decode to 32 bytes, got " + k.length);
            return new SecretCipher(k);
        }
        Path file = dataDir.resolve("master.key");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] k = new byte[32];
                RANDOM.nextBytes(k);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, Base64.getEncoder().encode(k), StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                } catch (UnsupportedOperationException noPosix) {
                    Files.write(file, Base64.getEncoder().encode(k), StandardOpenOption.CREATE_NEW, StandardOpenOption.SYNC);
                }
            }
            byte[] k = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (k.length != 32) throw new IllegalStateException(file + " does not hold a 32-byte key");
            return new SecretCipher(k);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key " + file, e);
        }
    }

    public String encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new GCMParameterSpec(128, nonce));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[12 + ct.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(ct, 0, out, 12, ct.length);
            return "v1:" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** @throws IllegalStateException when the value was not encrypted under this master key */
    public String decrypt(String stored) {
        if (!stored.startsWith("v1:")) throw new IllegalStateException("unknown secret format");
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(3));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret cannot be decrypted: is this the master key the data was written with?");
        }
    }

    /** A 32-byte key for {@code purpose}, derived from the master key (HMAC-SHA256 as a KDF). */
    public byte[] deriveKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            return mac.doFinal(("wharf:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
