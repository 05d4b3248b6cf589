package dev.qstash.jakarta;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Makes a {@link VerifyQStash} resource method (or every resource method of a class) an idempotent receiver: each
 * QStash message runs it at most once successfully, however often QStash delivers it.
 *
 * <pre>
 * &#64;POST
 * &#64;VerifyQStash
 * &#64;Idempotent
 * public void onOrder(Order order) {
 *     // runs once per Upstash-Message-Id; delivery.seenBefore() says whether an earlier attempt failed
 * }
 * </pre>
 *
 * <p>
 * The rules, keyed by the resource method and the delivery's {@code Upstash-Message-Id}:
 * <ul>
 * <li>A message this method already processed successfully (it answered 2xx) is answered {@code 200} with an empty
 * body, without running the method again.</li>
 * <li>While one delivery of a message is being processed, another delivery of the same message (a duplicate, or
 * QStash retrying after a timeout) is not run: it is answered {@code 409} with {@code Retry-After}
 * ({@link QStashConfigNames#IDEMPOTENCY_RETRY_AFTER}), so QStash tries again later.</li>
 * <li>If the method fails (an exception, or a non-2xx answer, including {@link RetryDeliveryLaterException}), the
 * message is released: QStash's next attempt runs the method again, and {@link QStashDelivery#seenBefore()} is then
 * {@code true}.</li>
 * <li>A claim whose server stopped before it answered is taken over after
 * {@link QStashConfigNames#IDEMPOTENCY_PROCESSING_TIMEOUT}.</li>
 * <li>The record of a message is kept for {@link QStashConfigNames#IDEMPOTENCY_RECORD_LIFETIME} (default 7 days,
 * which covers QStash's retries with up to 10 retries, see the README) in the store chosen by
 * {@link QStashConfigNames#RECEIVE_STORE}: in memory by default (one server), or a JCache cache shared by a cluster,
 * so two servers never both run the same message.</li>
 * </ul>
 * The annotation has effect only together with {@link VerifyQStash}: the message id is trusted only on a verified
 * request. On a method that is not verified, every request is refused with 500 and an ERROR in the log. Methods that
 * are not annotated pay nothing: the annotation is resolved once per method, when the application starts.
 *
 * @since 0.1
 */
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface Idempotent {
}
