package dev.qstash.jakarta.impl.config;

import java.time.Duration;
import java.util.Objects;

import dev.qstash.jakarta.QStashConfigNames;

/**
 * How the publisher retries: {@link QStashConfigNames#CLIENT_RETRIES}, {@link QStashConfigNames#CLIENT_RATE_LIMIT_MAX_WAIT}
 * and {@link QStashConfigNames#CLIENT_RETRY_SERVER_ERRORS}.
 *
 * @param retries how many retries a call gets in all, whatever their cause
 * @param rateLimitMaxWait the longest wait for a rate limit to reset; zero: a 429 is final
 * @param retryServerErrors whether 5xx answers to calls that are safe to repeat are retried
 */
public record ClientSettings(int retries, Duration rateLimitMaxWait, boolean retryServerErrors) {

    /** The defaults: the official SDK's 5 network retries, 429 and 5xx final. */
    public static final ClientSettings DEFAULTS = new ClientSettings(QStashSettings.DEFAULT_CLIENT_RETRIES,
            Duration.ZERO, false);

    public ClientSettings {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
        Objects.requireNonNull(rateLimitMaxWait, "rateLimitMaxWait");
        if (rateLimitMaxWait.isNegative()) {
            throw new IllegalArgumentException("rateLimitMaxWait must not be negative, got " + rateLimitMaxWait);
        }
    }
}
