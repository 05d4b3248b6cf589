package dev.qstash.jakarta;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Guards a JAX-RS resource class or method: every request must carry a valid {@code Upstash-Signature} before the
 * resource method runs.
 *
 * <pre>
 * &#64;Path("/webhooks/qstash")
 * &#64;VerifyQStash
 * public class OrdersWebhook {
 *     &#64;Inject
 *     QStashDelivery delivery;
 *
 *     &#64;POST
 *     public void onOrder(String body) {
 *         // only verified deliveries get here; delivery.messageId() is the idempotency key
 *     }
 * }
 * </pre>
 *
 * <p>
 * The request body is read once, verified against the token's {@code body} claim, and handed unchanged to the
 * resource. A missing or invalid signature is answered with 401 and a body that reveals nothing about the reason; a
 * body larger than {@link QStashConfigNames#VERIFY_MAX_BODY_SIZE} with 413; an application with no signing keys
 * configured at all with 500 (the reason is logged). Which keys are used is described in
 * {@link QStashConfigNames} and the README.
 *
 * @since 0.1
 */
@NameBinding
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface VerifyQStash {
}
