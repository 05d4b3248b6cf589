package dev.qstash.jakarta;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The QStash delivery being handled by a {@link VerifyQStash} resource: a request-scoped bean, available once the
 * signature has been verified.
 *
 * <pre>
 * &#64;Inject
 * QStashDelivery delivery;
 * ...
 * if (alreadyProcessed(delivery.messageId())) { return; }
 * </pre>
 *
 * (or let {@link Idempotent} do that, across a cluster if need be).
 *
 * <p>
 * The token's claims ({@link #subject()}, {@link #claims()}...) are covered by the signature; the delivery headers
 * ({@link #messageId()}, {@link #retried()}, {@link #region()}, {@link #scheduleId()}, {@link #urlGroup()}) are
 * sent beside it and are not, so a captured delivery could be replayed with other header values until its token
 * expires.
 *
 * @since 0.1
 */
public interface QStashDelivery {

    /** Which of the two configured signing keys verified the token. */
    enum SigningKey {
        /** The current signing key. */
        CURRENT,
        /** The next signing key: QStash has rotated its keys, so rotate the configured ones too. */
        NEXT
    }

    /**
     * The message id, {@code Upstash-Message-Id}; the same on every retry, so it serves as an idempotency key.
     *
     * @return the message id, or an empty string if QStash did not send one
     * @throws IllegalStateException if the current request was not verified by {@link VerifyQStash}
     */
    String messageId();

    /**
     * How many delivery attempts came before this one, {@code Upstash-Retried}.
     *
     * @return 0 on the first attempt
     */
    int retried();

    /**
     * The region that sent the delivery, {@code Upstash-Region}.
     *
     * @return the region, or empty when the header is absent or names no known region
     */
    Optional<QStashRegion> region();

    /**
     * The region whose keys verified the token.
     *
     * @return the region, or empty when the default keys ({@code qstash.current-signing-key}...) verified it
     */
    Optional<QStashRegion> verifiedWithRegionKeys();

    /**
     * Which key of the pair verified the token.
     *
     * @return the current or the next key
     */
    SigningKey signingKey();

    /**
     * The schedule that produced the message, {@code Upstash-Schedule-Id}.
     *
     * @return the schedule id, or empty
     */
    Optional<String> scheduleId();

    /**
     * The URL group the message was published to, {@code Upstash-Topic-Name}.
     *
     * @return the URL group name, or empty
     */
    Optional<String> urlGroup();

    /**
     * The token's {@code sub} claim: the URL QStash called.
     *
     * @return the subject, or an empty string if the token had none
     */
    String subject();

    /**
     * The token's {@code jti} claim.
     *
     * @return the token id, or empty
     */
    Optional<String> tokenId();

    /**
     * The token's {@code iat} claim.
     *
     * @return when QStash signed the delivery, or empty
     */
    Optional<Instant> issuedAt();

    /**
     * The token's {@code exp} claim.
     *
     * @return when the token expires
     */
    Instant expiresAt();

    /**
     * Every claim of the verified token, as parsed from its JSON.
     *
     * @return an unmodifiable map
     */
    Map<String, Object> claims();

    /**
     * Whether an earlier delivery of this message reached this {@link Idempotent} method and failed (an exception or a
     * non-2xx answer), so this is a redelivery the method has seen before: work it did then may be half done.
     *
     * @return {@code true} on an idempotent method after a failed attempt of the same message; always {@code false} on
     *         a method that is not {@link Idempotent}
     */
    default boolean seenBefore() {
        return false;
    }
}
