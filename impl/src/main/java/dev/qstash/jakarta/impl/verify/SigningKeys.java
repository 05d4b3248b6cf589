package dev.qstash.jakarta.impl.verify;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jose4j.keys.HmacKey;

/**
 * A current/next signing-key pair, prepared once: the HMAC key material is the UTF-8 bytes of each key string as
 * QStash shows it (never base64-decoded, never trimmed).
 */
public final class SigningKeys {

    private final HmacKey current;
    private final HmacKey next;
    private final String source;

    private SigningKeys(String current, String next, String source) {
        this.current = new HmacKey(current.getBytes(StandardCharsets.UTF_8));
        this.next = new HmacKey(next.getBytes(StandardCharsets.UTF_8));
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

    HmacKey current() {
        return current;
    }

    HmacKey next() {
        return next;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "SigningKeys[" + source + "]";
    }
}
