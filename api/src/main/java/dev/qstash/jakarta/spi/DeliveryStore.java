package dev.qstash.jakarta.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the receiving side records what it must remember between deliveries: the messages an
 * {@link dev.qstash.jakarta.Idempotent} method claimed or processed, and, with replay protection on, the token ids
 * already accepted. Two implementations come with qstash-jakarta, chosen by
 * {@link dev.qstash.jakarta.QStashConfigNames#RECEIVE_STORE}: {@code memory} (the default: one server, bounded) and
 * {@code jcache} (a JSR 107 cache, shared by a cluster when the cache is distributed). Another value is the name of a
 * class implementing this interface with a public no-argument constructor.
 *
 * <p>
 * Both operations must be atomic across everyone sharing the store: of two servers calling
 * {@link #putIfAbsent putIfAbsent} for one key at once, exactly one gets an empty result. An entry past its expiry
 * time counts as absent; when it is actually removed is up to the store. Keys and values are short strings.
 *
 * @since 0.1
 */
public interface DeliveryStore {

    /**
     * Stores {@code value} under {@code key} unless the key has a live entry.
     *
     * @param key the key
     * @param value the value to store
     * @param expiresAt when the new entry stops counting
     * @return empty if the value was stored, else the live entry's value
     */
    Optional<String> putIfAbsent(String key, String value, Instant expiresAt);

    /**
     * Replaces the live entry of {@code key} with {@code value}, only if its value is {@code expected}.
     *
     * @param key the key
     * @param expected the value the entry must have
     * @param value the new value
     * @param expiresAt when the new value stops counting
     * @return whether the entry was replaced
     */
    boolean replace(String key, String expected, String value, Instant expiresAt);
}
