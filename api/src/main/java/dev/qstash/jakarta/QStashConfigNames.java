package dev.qstash.jakarta;

import java.util.Locale;
import java.util.Objects;

/**
 * Every MicroProfile Config key read by qstash-jakarta.
 *
 * <p>
 * The keys are lower-case and dotted, with the region first, so that the MicroProfile Config environment-variable
 * mapping turns each of them into exactly the variable name the official QStash SDKs read: {@code qstash.token} is
 * found in {@code QSTASH_TOKEN}, {@code us-east-1.qstash.current-signing-key} in
 * {@code US_EAST_1_QSTASH_CURRENT_SIGNING_KEY}. An application that already runs an official SDK keeps its
 * environment unchanged.
 *
 * <table>
 * <caption>Keys and the environment variables they are found in</caption>
 * <tr><th>key</th><th>environment variable</th><th>meaning</th></tr>
 * <tr><td>{@value #URL}</td><td>{@code QSTASH_URL}</td><td>API base URL, default {@value #DEFAULT_URL}</td></tr>
 * <tr><td>{@value #TOKEN}</td><td>{@code QSTASH_TOKEN}</td><td>API token</td></tr>
 * <tr><td>{@value #CURRENT_SIGNING_KEY}</td><td>{@code QSTASH_CURRENT_SIGNING_KEY}</td><td>signing key</td></tr>
 * <tr><td>{@value #NEXT_SIGNING_KEY}</td><td>{@code QSTASH_NEXT_SIGNING_KEY}</td><td>next signing key</td></tr>
 * <tr><td>{@value #REGION}</td><td>{@code QSTASH_REGION}</td><td>primary region; switches migration mode on</td></tr>
 * <tr><td>{@code us-east-1.qstash.url}, ... (see {@link #regional})</td><td>{@code US_EAST_1_QSTASH_URL},
 * ...</td><td>per-region url, token and keys</td></tr>
 * </table>
 *
 * @since 0.1
 */
public final class QStashConfigNames {

    /** The API base URL of single-region mode. Default {@value #DEFAULT_URL}. */
    public static final String URL = "qstash.url";

    /** The API token of single-region mode. */
    public static final String TOKEN = "qstash.token";

    /** The current signing key of single-region mode (the default keys in migration mode). */
    public static final String CURRENT_SIGNING_KEY = "qstash.current-signing-key";

    /** The next signing key of single-region mode (the default keys in migration mode). */
    public static final String NEXT_SIGNING_KEY = "qstash.next-signing-key";

    /**
     * The primary region, {@code US_EAST_1} or {@code EU_CENTRAL_1} (any spelling {@link QStashRegion#parse} takes).
     * A valid value switches migration mode on.
     */
    public static final String REGION = "qstash.region";

    /** Seconds of clock skew allowed when checking {@code exp} and {@code nbf}. Default 0. */
    public static final String VERIFY_CLOCK_TOLERANCE = "qstash.verify.clock-tolerance";

    /**
     * Whether the token's {@code sub} claim must equal the URL the request was sent to. Default {@code false}, as in
     * the official SDK's framework adapters.
     */
    public static final String VERIFY_URL_CHECK = "qstash.verify.url-check";

    /**
     * The public base URL of the application (for example {@code https://app.example.com}) that the {@code sub}
     * claim is compared against when the application runs behind a proxy. Only used when {@link #VERIFY_URL_CHECK}
     * is on; without it the request's own URL is used.
     */
    public static final String VERIFY_PUBLIC_URL = "qstash.verify.public-url";

    /**
     * The largest request body, in bytes, that is verified; a larger one is answered 413 and read no further. Default
     * 50 MiB ({@link #DEFAULT_MAX_BODY_SIZE}), which covers the largest message QStash sends on any plan (1 MB free,
     * 10 MB pay as you go, 50 MB fixed plans): a lower limit turns a genuine message into retries and a dead letter.
     */
    public static final String VERIFY_MAX_BODY_SIZE = "qstash.verify.max-body-size";

    /**
     * The largest request body, in bytes, kept in memory while it is verified; a larger one is hashed as it is read
     * and kept in a temporary file (owner-only, removed when the request ends) for the resource. Default 256 KiB
     * ({@link #DEFAULT_MEMORY_THRESHOLD}).
     */
    public static final String VERIFY_MEMORY_THRESHOLD = "qstash.verify.memory-threshold";

    /**
     * Whether a token that was accepted once is refused afterwards (replay protection). Default {@code false}. When
     * on, the token's {@code jti} is recorded in the {@link #RECEIVE_STORE store} for the rest of the token's lifetime
     * plus {@link #VERIFY_CLOCK_TOLERANCE}, and a second request with it is answered 401 like any invalid signature,
     * even with the same body. QStash's own retries are unaffected: QStash signs every attempt anew, with a new
     * {@code jti}. A proxy or load balancer that retries a request it already forwarded gets 401 for the repeat.
     * A token without {@code jti} is refused.
     */
    public static final String VERIFY_REPLAY_PROTECTION = "qstash.verify.replay-protection";

    /**
     * How long, in seconds, an {@link Idempotent} method remembers a message it processed or saw fail. Default
     * {@value #DEFAULT_IDEMPOTENCY_RECORD_LIFETIME} (7 days): QStash's backoff waits {@code min(1 day, e^(2.5 n))}
     * seconds before retry {@code n}, so the last of {@code r} retries comes about
     * {@code 12 s + 2.5 min + 30 min + 6.1 h + (r - 4) days} after the first attempt: 33 minutes for the default 3
     * retries, 6.3 days for 10. A record that expired earlier lets a later delivery of the message run the method
     * again.
     */
    public static final String IDEMPOTENCY_RECORD_LIFETIME = "qstash.idempotency.record-lifetime";

    /**
     * How long, in seconds, a delivery being processed by an {@link Idempotent} method holds its message. Default
     * {@value #DEFAULT_IDEMPOTENCY_PROCESSING_TIMEOUT}. After it, a claim whose server stopped without answering is
     * taken over by the next delivery; set it above the longest time the method can take.
     */
    public static final String IDEMPOTENCY_PROCESSING_TIMEOUT = "qstash.idempotency.processing-timeout";

    /**
     * The {@code Retry-After}, in seconds, of the 409 answered to a delivery of a message that is being processed
     * already. Default {@value #DEFAULT_IDEMPOTENCY_RETRY_AFTER}.
     */
    public static final String IDEMPOTENCY_RETRY_AFTER = "qstash.idempotency.retry-after";

    /**
     * Where the receiving side records deliveries ({@link Idempotent}, {@link #VERIFY_REPLAY_PROTECTION}):
     * {@code memory} (default; one server, bounded by {@link #RECEIVE_STORE_MAX_ENTRIES}), {@code jcache} (the JSR 107
     * cache named by {@link #RECEIVE_STORE_CACHE_NAME}, shared by every server of a cluster when the cache is
     * distributed), or the name of a class implementing {@link dev.qstash.jakarta.spi.DeliveryStore}.
     */
    public static final String RECEIVE_STORE = "qstash.receive.store";

    /** The JCache cache name when {@link #RECEIVE_STORE} is {@code jcache}. Default {@code qstash-deliveries}. */
    public static final String RECEIVE_STORE_CACHE_NAME = "qstash.receive.store.cache-name";

    /**
     * The most entries the {@code memory} store keeps, per use (idempotency records, token ids). Default
     * {@value #DEFAULT_RECEIVE_STORE_MAX_ENTRIES}. When full, the idempotency records drop their oldest entry; the
     * token ids never drop a live entry: a new token is refused (401) until one expires, so replay protection fails
     * closed.
     */
    public static final String RECEIVE_STORE_MAX_ENTRIES = "qstash.receive.store.max-entries";

    /** The default of {@link #IDEMPOTENCY_RECORD_LIFETIME}: 7 days, in seconds. */
    public static final long DEFAULT_IDEMPOTENCY_RECORD_LIFETIME = 604_800;

    /** The default of {@link #IDEMPOTENCY_PROCESSING_TIMEOUT}: 15 minutes, in seconds. */
    public static final long DEFAULT_IDEMPOTENCY_PROCESSING_TIMEOUT = 900;

    /** The default of {@link #IDEMPOTENCY_RETRY_AFTER}, in seconds. */
    public static final long DEFAULT_IDEMPOTENCY_RETRY_AFTER = 10;

    /** The default of {@link #RECEIVE_STORE_MAX_ENTRIES}. */
    public static final int DEFAULT_RECEIVE_STORE_MAX_ENTRIES = 100_000;

    /**
     * How often the publisher retries a call: when it failed at the network level, and, when switched on, after a 429
     * ({@link #CLIENT_RATE_LIMIT_MAX_WAIT}) or a 5xx ({@link #CLIENT_RETRY_SERVER_ERRORS}). Default 5 (6 attempts
     * at most, whatever the causes).
     */
    public static final String CLIENT_RETRIES = "qstash.client.retries";

    /**
     * The longest wait, in seconds, for a rate limit to reset before a call answered 429 is retried. The wait is what
     * the answer's {@code Burst-RateLimit-Reset} or {@code RateLimit-Reset} header says (a Unix time, compared with
     * this machine's clock); when it is longer than this (a daily quota, typically), the
     * {@link QStashRateLimitException} is thrown at once. Default 0: a 429 is final. Retries count against
     * {@link #CLIENT_RETRIES}. Every call may be retried after a 429, since QStash did not act on it.
     *
     * @since 0.1
     */
    public static final String CLIENT_RATE_LIMIT_MAX_WAIT = "qstash.client.rate-limit-max-wait";

    /**
     * Whether answers 500-599 are retried, with the backoff of network failures, for the calls that are safe to
     * repeat: management reads ({@code GET}) and publishes whose every message carries a deduplication id or
     * content-based deduplication, which QStash accepts once however often they are sent. Other calls stay final
     * whatever this says, because a 5xx does not tell whether QStash acted on the call: resending a publish without
     * deduplication could deliver the message twice, and resending a create, delete or other change could apply it
     * twice. Default {@code false}. Retries count against {@link #CLIENT_RETRIES}.
     *
     * @since 0.1
     */
    public static final String CLIENT_RETRY_SERVER_ERRORS = "qstash.client.retry-server-errors";

    /**
     * Whether publishing inside a traced context forwards the W3C trace context ({@code traceparent},
     * {@code tracestate}) through QStash as {@code Upstash-Forward-*} headers, so that the delivery continues the
     * trace. Only where the server has MicroProfile Telemetry; a message that forwards its own {@code traceparent}
     * keeps it. Default {@code true}.
     *
     * @since 0.1
     */
    public static final String TELEMETRY_PROPAGATE = "qstash.telemetry.propagate";

    /** The base URL used when {@link #URL} is not set. */
    public static final String DEFAULT_URL = "https://qstash.upstash.io";

    /** The default of {@link #VERIFY_MAX_BODY_SIZE}: 50 MiB, at least QStash's largest message (50 MB). */
    public static final long DEFAULT_MAX_BODY_SIZE = 50L * 1024 * 1024;

    /** The default of {@link #VERIFY_MEMORY_THRESHOLD}: 256 KiB. */
    public static final int DEFAULT_MEMORY_THRESHOLD = 256 * 1024;

    private QStashConfigNames() {
    }

    /**
     * The key of a per-region setting: {@code regional(US_EAST_1, TOKEN)} is {@code us-east-1.qstash.token}, found in
     * the environment variable {@code US_EAST_1_QSTASH_TOKEN}.
     *
     * @param region the region
     * @param key one of {@link #URL}, {@link #TOKEN}, {@link #CURRENT_SIGNING_KEY}, {@link #NEXT_SIGNING_KEY}
     * @return the region-prefixed key
     */
    public static String regional(QStashRegion region, String key) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(key, "key");
        return region.configPrefix() + "." + key;
    }

    /**
     * The environment variable a key is found in under the MicroProfile Config mapping rules: every character that is
     * not a letter, digit or {@code _} becomes {@code _}, then the name is upper-cased.
     *
     * @param key a config key
     * @return the environment variable name, for example {@code QSTASH_CURRENT_SIGNING_KEY}
     */
    public static String environmentVariable(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            name.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }
}
