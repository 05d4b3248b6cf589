package dev.qstash.jakarta.impl.config;

import static dev.qstash.jakarta.QStashConfigNames.IDEMPOTENCY_PROCESSING_TIMEOUT;
import static dev.qstash.jakarta.QStashConfigNames.IDEMPOTENCY_RECORD_LIFETIME;
import static dev.qstash.jakarta.QStashConfigNames.IDEMPOTENCY_RETRY_AFTER;
import static dev.qstash.jakarta.QStashConfigNames.RECEIVE_STORE;
import static dev.qstash.jakarta.QStashConfigNames.RECEIVE_STORE_CACHE_NAME;
import static dev.qstash.jakarta.QStashConfigNames.RECEIVE_STORE_MAX_ENTRIES;
import static dev.qstash.jakarta.QStashConfigNames.VERIFY_CLOCK_TOLERANCE;
import static dev.qstash.jakarta.QStashConfigNames.VERIFY_REPLAY_PROTECTION;
import static dev.qstash.jakarta.impl.config.ConfigKeys.describe;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.QStashConfigurationException;

/**
 * How deliveries are handled beyond verification, resolved once at startup: idempotent receivers, replay protection
 * and the store they record in (see {@link QStashConfigNames#RECEIVE_STORE} and the keys beside it).
 *
 * @param replayProtection whether a token id is accepted only once
 * @param clockToleranceSeconds the verification's clock tolerance, which a token id record outlives the token by
 * @param recordLifetime how long an idempotency record is kept
 * @param processingTimeout how long a claim holds a message before another delivery may take it over
 * @param retryAfterSeconds the {@code Retry-After} answered to a concurrent duplicate
 * @param store {@code memory}, {@code jcache} or a class name
 * @param cacheName the JCache cache name
 * @param maxEntries the in-memory store's bound, per use
 */
public record HandlingSettings(boolean replayProtection, long clockToleranceSeconds, Duration recordLifetime,
        Duration processingTimeout, long retryAfterSeconds, String store, String cacheName, int maxEntries) {

    /** The default cache name. */
    public static final String DEFAULT_CACHE_NAME = "qstash-deliveries";

    public static HandlingSettings resolve(Config config) {
        ConfigKeys keys = new ConfigKeys(config);
        return new HandlingSettings(
                strictBoolean(keys, VERIFY_REPLAY_PROTECTION),
                positive(keys, VERIFY_CLOCK_TOLERANCE, 0, true),
                Duration.ofSeconds(positive(keys, IDEMPOTENCY_RECORD_LIFETIME,
                        QStashConfigNames.DEFAULT_IDEMPOTENCY_RECORD_LIFETIME, false)),
                Duration.ofSeconds(positive(keys, IDEMPOTENCY_PROCESSING_TIMEOUT,
                        QStashConfigNames.DEFAULT_IDEMPOTENCY_PROCESSING_TIMEOUT, false)),
                positive(keys, IDEMPOTENCY_RETRY_AFTER, QStashConfigNames.DEFAULT_IDEMPOTENCY_RETRY_AFTER, false),
                keys.string(RECEIVE_STORE).map(String::trim).orElse("memory"),
                keys.string(RECEIVE_STORE_CACHE_NAME).orElse(DEFAULT_CACHE_NAME),
                maxEntries(keys));
    }

    /** {@code true} or {@code false}, nothing else: a typo must not switch a security feature off in silence. */
    private static boolean strictBoolean(ConfigKeys keys, String key) {
        String value = keys.string(key).map(String::trim).orElse("false");
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new QStashConfigurationException(describe(key) + " must be true or false, got " + value);
    }

    private static int maxEntries(ConfigKeys keys) {
        int value = keys.typed(RECEIVE_STORE_MAX_ENTRIES, Integer.class)
                .orElse(QStashConfigNames.DEFAULT_RECEIVE_STORE_MAX_ENTRIES);
        if (value <= 0) {
            throw new QStashConfigurationException(describe(RECEIVE_STORE_MAX_ENTRIES) + " must be positive, got "
                    + value);
        }
        return value;
    }

    private static long positive(ConfigKeys keys, String key, long defaultValue, boolean zeroAllowed) {
        long value = keys.typed(key, Long.class).orElse(defaultValue);
        if (value < 0 || value == 0 && !zeroAllowed) {
            throw new QStashConfigurationException(
                    describe(key) + " must be " + (zeroAllowed ? "0 or more" : "positive")
                            + ", got " + value);
        }
        return value;
    }
}
