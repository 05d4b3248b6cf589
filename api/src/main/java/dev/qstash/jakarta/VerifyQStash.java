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
 * The token is verified first, on its own: a missing or invalid signature is answered with 401 and a body that
 * reveals nothing about the reason, before the request body is read. The body is then read once, hashed as it is
 * read (kept in memory up to {@link QStashConfigNames#VERIFY_MEMORY_THRESHOLD}, in a temporary file above it), checked
 * against the token's {@code body} claim, and handed unchanged to the resource, as {@code InputStream},
 * {@code byte[]}, {@code String} or any entity. A body larger than {@link QStashConfigNames#VERIFY_MAX_BODY_SIZE}
 * (default 50 MiB, QStash's largest message) is answered with 413 and read no further; an application with no signing
 * keys configured at all with 500 (the reason is logged). Which keys are used is described in
 * {@link QStashConfigNames} and the README.
 *
 * <p>
 * <b>The rule: an annotated method never runs for a request whose signature was not verified.</b> The implementation
 * registers its filter in every JAX-RS application itself, including one whose {@code Application} lists its classes
 * (or singletons) without it, and a filter registered twice verifies each request once. {@code @VerifyQStash} is also
 * a CDI interceptor binding: should the filter not have run, a resource method of a CDI bean is refused (500, and an
 * ERROR in the log naming {@link QStashFeature}, which registers the filter explicitly).
 *
 * @since 0.1
 */
@NameBinding
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface VerifyQStash {
}
