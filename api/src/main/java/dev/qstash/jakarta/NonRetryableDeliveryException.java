package dev.qstash.jakarta;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Thrown by a {@link VerifyQStash} resource method to tell QStash never to retry this message: the answer is
 * {@code 489} with {@code Upstash-NonRetryable-Error: true}, QStash's convention for "send it to the dead letter queue
 * now". Use it for a message that can never succeed (it is malformed, or refers to something that no longer
 * exists), instead of letting QStash retry it until its retries are exhausted.
 *
 * <pre>
 * if (order == null) {
 *     throw new NonRetryableDeliveryException("unknown order " + id);
 * }
 * </pre>
 *
 * <p>
 * The exception carries its response, so every JAX-RS runtime answers it as it is, with no exception mapper. The
 * message is the plain-text body of the answer, which QStash keeps with the dead letter: put no secret in it. On an
 * {@link Idempotent} method the message is released, as after any failure (QStash will not deliver it again unless it
 * is retried from the DLQ).
 *
 * @since 0.1
 */
public class NonRetryableDeliveryException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    /** The status QStash reads as "do not retry", together with {@link #HEADER}. */
    public static final int STATUS = 489;

    /** The header that must come with {@link #STATUS}, set to {@code true}. */
    public static final String HEADER = "Upstash-NonRetryable-Error";

    /**
     * A "do not retry" answer.
     *
     * @param reason why, the plain-text body of the answer (kept by QStash with the dead letter); may be {@code null}
     */
    public NonRetryableDeliveryException(String reason) {
        super(reason, Response.status(STATUS).header(HEADER, "true").type(MediaType.TEXT_PLAIN_TYPE)
                .entity(reason == null ? "not retryable" : reason).build());
    }
}
