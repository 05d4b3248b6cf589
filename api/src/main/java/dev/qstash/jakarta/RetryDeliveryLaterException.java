package dev.qstash.jakarta;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Thrown by a {@link VerifyQStash} resource method to have QStash retry the message later, at a time the method
 * chooses instead of QStash's backoff: the answer is {@code 503} with {@code Retry-After}, as delta-seconds
 * ({@link #after(Duration)}) or as an HTTP date ({@link #at(Instant)}).
 *
 * <pre>
 * if (!inventory.isOpen()) {
 *     throw RetryDeliveryLaterException.after(Duration.ofMinutes(5));
 * }
 * </pre>
 *
 * <p>
 * The retry still counts against the message's retries, and QStash honours a {@code Retry-After} of at most one day;
 * a later one falls back to its normal backoff. The exception carries its response, so every JAX-RS runtime answers
 * it as it is, with no exception mapper. On an {@link Idempotent} method the message is released, so the retry runs
 * the method again.
 *
 * @since 0.1
 */
public class RetryDeliveryLaterException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    /** The status of the answer. */
    public static final int STATUS = 503;

    private RetryDeliveryLaterException(String retryAfter, String description) {
        super("retry after " + description, Response.status(STATUS).header(HttpHeaders.RETRY_AFTER, retryAfter)
                .type(MediaType.TEXT_PLAIN_TYPE).entity("retry after " + description).build());
    }

    /**
     * Retry after {@code delay}, sent as whole seconds (rounded up, at least 1).
     *
     * @param delay how long QStash should wait, positive
     * @return the exception to throw
     * @throws IllegalArgumentException if {@code delay} is zero or negative
     */
    public static RetryDeliveryLaterException after(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delay must be positive, got " + delay);
        }
        long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
        return new RetryDeliveryLaterException(Long.toString(seconds), seconds + " s");
    }

    /**
     * Retry at {@code instant}, sent as an HTTP date (RFC 1123, whole seconds).
     *
     * @param instant when QStash should try again
     * @return the exception to throw
     */
    public static RetryDeliveryLaterException at(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
        return new RetryDeliveryLaterException(date, date);
    }
}
