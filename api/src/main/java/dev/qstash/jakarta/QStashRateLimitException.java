package dev.qstash.jakarta;

import java.util.OptionalLong;

/**
 * QStash answered 429: a rate limit was hit. {@link #kind()} tells which one, and the figures QStash sent with it are
 * available as {@link #limit()}, {@link #remaining()} and {@link #reset()}.
 *
 * <p>
 * The publisher does not retry a 429 by itself (neither does the official SDK): wait until {@link #reset()} or slow
 * down.
 *
 * @since 0.1
 */
public class QStashRateLimitException extends QStashApiException {

    private static final long serialVersionUID = 1L;

    /** Which limit was hit. */
    public enum Kind {
        /**
         * The per-second limit (headers {@code Burst-RateLimit-Limit}, {@code -Remaining}, {@code -Reset}). Also used
         * for a 429 that names no limit.
         */
        BURST,
        /** The daily message quota (headers {@code RateLimit-Limit}, {@code -Remaining}, {@code -Reset}). */
        DAILY
    }

    /** Which limit was hit. */
    private final Kind kind;
    // the figures are kept as nullable Long, not OptionalLong, so that the exception stays serializable as its
    // Throwable supertype promises (OptionalLong is not Serializable)
    /** The limit, or {@code null} if QStash did not send it. */
    private final Long limit;
    /** How much of the limit remains, or {@code null} if QStash did not send it. */
    private final Long remaining;
    /** When the limit resets, a unix timestamp as QStash sent it, or {@code null}. */
    private final Long reset;

    /**
     * A rate-limit failure.
     *
     * @param error QStash's error text
     * @param kind which limit was hit
     * @param limit the limit, if QStash sent it
     * @param remaining how much of the limit remains, if QStash sent it
     * @param reset when the limit resets, a unix timestamp as QStash sent it
     */
    public QStashRateLimitException(String error, Kind kind, OptionalLong limit, OptionalLong remaining,
            OptionalLong reset) {
        super(429, error);
        this.kind = kind;
        this.limit = boxed(limit);
        this.remaining = boxed(remaining);
        this.reset = boxed(reset);
    }

    private static Long boxed(OptionalLong value) {
        return value == null || value.isEmpty() ? null : value.getAsLong();
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /**
     * Which limit was hit.
     *
     * @return the kind of limit
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The number of requests (burst) or messages (daily) allowed in the window.
     *
     * @return the limit, or empty if QStash did not send it
     */
    public OptionalLong limit() {
        return optional(limit);
    }

    /**
     * How many remain in the current window.
     *
     * @return the remainder, or empty if QStash did not send it
     */
    public OptionalLong remaining() {
        return optional(remaining);
    }

    /**
     * When the window resets: the unix timestamp from the {@code *-Reset} header, unchanged.
     *
     * @return the reset time, or empty if QStash did not send it
     */
    public OptionalLong reset() {
        return optional(reset);
    }
}
