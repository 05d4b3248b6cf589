package dev.qstash.jakarta.impl.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.qstash.jakarta.QStashDelivery.SigningKey;

/**
 * A current/next signing-key pair, prepared once: the HMAC key material is the UTF-8 bytes of each key string as
 * QStash shows it (never base64-decoded, never trimmed).
 *
 * <p>
 * Each key is held as a JDK {@code HmacSHA256} {@link Mac} initialised once; a verification works on a clone of it,
 * which costs a copy of the keyed state instead of a provider lookup and a key schedule per request, and leaves no
 * per-thread state behind (no {@code ThreadLocal}, so nothing pins an application's class loader to a server thread).
 */
public final class SigningKeys {

    private static final String HMAC_SHA256 = "HmacSHA256";

    private final Mac current;
    private final Mac next;
    private final String source;

    private SigningKeys(String current, String next, String source) {
        this.current = mac(current);
        this.next = mac(next);
        this.source = source;
    }

    /**
     * Both keys are required: a verifier given only one key does not silently look elsewhere for the other.
     *
     * @param source where the keys came from, for messages (for example {@code qstash.*-signing-key}); never a key
     */
    public static SigningKeys of(String current, String next, String source) {
        Objects.requireNonNull(source, "source");
        if (current == null || current.isEmpty() || next == null || next.isEmpty()) {
            throw new IllegalArgumentException(
                    "both the current and the next signing key are required (" + source + ")");
        }
        return new SigningKeys(current, next, source);
    }

    /**
     * Which key's HMAC-SHA256 of the first {@code length} bytes of {@code input} is {@code signature}, compared in
     * constant time.
     *
     * @return the matching key, or {@code null} when neither matches
     */
    SigningKey match(byte[] input, int length, byte[] signature) {
        if (MessageDigest.isEqual(sign(current, input, length), signature)) {
            return SigningKey.CURRENT;
        }
        if (MessageDigest.isEqual(sign(next, input, length), signature)) {
            return SigningKey.NEXT;
        }
        return null;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "SigningKeys[" + source + "]";
    }

    private static Mac mac(String key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
            mac.clone(); // fails here, at startup, if the provider cannot clone; settles the provider choice too
            return mac;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK cannot compute a cloneable HmacSHA256", e);
        }
    }

    private static byte[] sign(Mac prototype, byte[] input, int length) {
        try {
            Mac mac = (Mac) prototype.clone();
            mac.update(input, 0, length);
            return mac.doFinal();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 stopped being cloneable", e);
        }
    }
}
