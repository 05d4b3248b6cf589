package dev.qstash.jakarta;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

import org.eclipse.microprofile.config.Config;

import dev.qstash.jakarta.manage.DeadLetterQueue;
import dev.qstash.jakarta.manage.FlowControls;
import dev.qstash.jakarta.manage.Logs;
import dev.qstash.jakarta.manage.Messages;
import dev.qstash.jakarta.manage.Queues;
import dev.qstash.jakarta.manage.Schedules;
import dev.qstash.jakarta.manage.SigningKeys;
import dev.qstash.jakarta.manage.UrlGroups;
import dev.qstash.jakarta.spi.QStashProvider;

/**
 * Publishes messages to QStash through one region, and manages that region's queues, schedules, URL groups, messages,
 * dead-letter queue, logs, signing keys and flow-control keys (see {@link dev.qstash.jakarta.manage}).
 *
 * <p>
 * In a CDI application, inject it: {@code @Inject QStashPublisher publisher;} is bound to the primary region (see
 * {@link QStashConfigNames}), and {@code @Inject @ForRegion(EU_CENTRAL_1) QStashPublisher} to a given region. Outside
 * CDI, build one with {@link #builder()} and close it when done. Instances are thread-safe.
 *
 * <p>
 * Every method has a synchronous form, which throws, and an asynchronous form, whose stage completes exceptionally
 * with the same exceptions: {@link QStashApiException} when QStash answers outside 200-299
 * ({@link QStashRateLimitException} for 429), {@link QStashConfigurationException} when no token is configured, and
 * {@link QStashException} when QStash could not be reached after the configured retries. Network failures are
 * retried, with the official SDK's backoff ({@code exp(n) * 50} ms, 5 retries); a retried publish may reach QStash
 * twice, so give messages a {@link PublishRequest.Builder#deduplicationId(String) deduplication id} when that matters.
 * Retrying 429 ({@link QStashConfigNames#CLIENT_RATE_LIMIT_MAX_WAIT}) and 5xx
 * ({@link QStashConfigNames#CLIENT_RETRY_SERVER_ERRORS}, for reads and deduplicated publishes only) is opt-in.
 *
 * @since 0.1
 */
public interface QStashPublisher extends AutoCloseable {

    /**
     * The region whose credentials this publisher uses: the configured primary region or the region of a
     * {@link ForRegion} publisher; in single-region mode, the region of a QStash regional URL.
     *
     * @return the region, or empty in single-region mode with the default or a custom URL
     */
    Optional<QStashRegion> region();

    /**
     * Publishes (or, with {@link PublishRequest#queue()}, enqueues) one message to one URL.
     *
     * @param request a request built with {@link PublishRequest#toUrl(String)}
     * @return QStash's answer
     * @throws IllegalArgumentException if the request targets a URL group
     */
    PublishResponse publish(PublishRequest request);

    /**
     * Publishes asynchronously; see {@link #publish(PublishRequest)}.
     *
     * @param request a request built with {@link PublishRequest#toUrl(String)}
     * @return QStash's answer, when it arrives
     */
    CompletionStage<PublishResponse> publishAsync(PublishRequest request);

    /**
     * Publishes (or enqueues) one message to every endpoint of a URL group.
     *
     * @param request a request built with {@link PublishRequest#toUrlGroup(String)}
     * @return one answer per endpoint
     * @throws IllegalArgumentException if the request targets a single URL
     */
    List<PublishResponse> publishToUrlGroup(PublishRequest request);

    /**
     * Publishes to a URL group asynchronously; see {@link #publishToUrlGroup(PublishRequest)}.
     *
     * @param request a request built with {@link PublishRequest#toUrlGroup(String)}
     * @return one answer per endpoint, when they arrive
     */
    CompletionStage<List<PublishResponse>> publishToUrlGroupAsync(PublishRequest request);

    /**
     * Enqueues one message to a queue: the same as publishing {@code request} with
     * {@link PublishRequest.Builder#queue(String) queue(queueName)}.
     *
     * @param queueName the queue; QStash creates it if needed
     * @param request a request built with {@link PublishRequest#toUrl(String)}
     * @return QStash's answer
     */
    default PublishResponse enqueue(String queueName, PublishRequest request) {
        return publish(request.toBuilder().queue(queueName).build());
    }

    /**
     * Enqueues asynchronously; see {@link #enqueue(String, PublishRequest)}.
     *
     * @param queueName the queue; QStash creates it if needed
     * @param request a request built with {@link PublishRequest#toUrl(String)}
     * @return QStash's answer, when it arrives
     */
    default CompletionStage<PublishResponse> enqueueAsync(String queueName, PublishRequest request) {
        return publishAsync(request.toBuilder().queue(queueName).build());
    }

    /**
     * Publishes several messages in one call ({@code POST /v2/batch}). Each request may target a URL or a URL group
     * and may name a queue. Bodies must be text (UTF-8) or JSON: the batch format carries bodies as JSON strings.
     *
     * @param requests the messages
     * @return one list per request, in order: one answer for a URL, one per endpoint for a URL group
     */
    List<List<PublishResponse>> batch(List<PublishRequest> requests);

    /**
     * Publishes several messages asynchronously; see {@link #batch(List)}.
     *
     * @param requests the messages
     * @return one list per request, when they arrive
     */
    CompletionStage<List<List<PublishResponse>>> batchAsync(List<PublishRequest> requests);

    /**
     * The queues of this publisher's region.
     *
     * @return the queue operations
     */
    Queues queues();

    /**
     * The schedules of this publisher's region.
     *
     * @return the schedule operations
     */
    Schedules schedules();

    /**
     * The URL groups of this publisher's region.
     *
     * @return the URL-group operations
     */
    UrlGroups urlGroups();

    /**
     * The messages QStash holds in this publisher's region.
     *
     * @return the message operations
     */
    Messages messages();

    /**
     * The dead-letter queue of this publisher's region.
     *
     * @return the dead-letter operations
     */
    DeadLetterQueue dlq();

    /**
     * The logs of this publisher's region.
     *
     * @return the log operations
     */
    Logs logs();

    /**
     * The signing keys of this publisher's region.
     *
     * @return the signing-key operations
     */
    SigningKeys signingKeys();

    /**
     * The flow-control keys of this publisher's region.
     *
     * @return the flow-control operations
     */
    FlowControls flowControl();

    /**
     * Releases the HTTP client. Do not call it on an injected publisher: the container closes those.
     */
    @Override
    void close();

    /**
     * Starts building a publisher without CDI. The implementation is found with {@link java.util.ServiceLoader}.
     *
     * @return a new builder
     * @throws IllegalStateException if no implementation (qstash-jakarta-impl) is on the class path
     */
    static Builder builder() {
        return QStashProvider.instance().newPublisherBuilder();
    }

    /**
     * Builds a {@link QStashPublisher} outside CDI.
     *
     * <p>
     * Credentials are resolved as the official SDK resolves them: an explicit base URL <em>and</em> token win;
     * otherwise, when {@link QStashConfigNames#REGION} names a region whose url and token are both configured,
     * those; otherwise the explicit value, else the {@code qstash.url} / {@code qstash.token} config, else
     * {@value QStashConfigNames#DEFAULT_URL}. {@link #region(QStashRegion)} instead binds to one region's
     * credentials, like {@link ForRegion}. Config is read from {@link #config(Config)} or, when that is not set
     * and config is needed, from {@code ConfigProvider.getConfig()}.
     *
     * @since 0.1
     */
    interface Builder {

        /**
         * The API base URL, for example {@code https://qstash-us-east-1.upstash.io}.
         *
         * @param baseUrl the base URL
         * @return this builder
         */
        Builder baseUrl(String baseUrl);

        /**
         * The API token.
         *
         * @param token the token
         * @return this builder
         */
        Builder token(String token);

        /**
         * Binds the publisher to one region's configured credentials ({@code <region>.qstash.url} and
         * {@code <region>.qstash.token}), ignoring the primary region.
         *
         * @param region the region
         * @return this builder
         */
        Builder region(QStashRegion region);

        /**
         * The config to resolve credentials and options from.
         *
         * @param config a MicroProfile Config
         * @return this builder
         */
        Builder config(Config config);

        /**
         * How often to retry a call, whatever the causes (network failures; 429 and 5xx when switched on below).
         * Default {@link QStashConfigNames#CLIENT_RETRIES} or 5; 0 disables retries.
         *
         * @param retries zero or more
         * @return this builder
         */
        Builder retries(int retries);

        /**
         * The longest wait for a rate limit to reset before a call answered 429 is retried; longer waits (a daily
         * quota, typically) throw the {@link QStashRateLimitException} at once. Default
         * {@link QStashConfigNames#CLIENT_RATE_LIMIT_MAX_WAIT} or zero: a 429 is final.
         *
         * @param maxWait zero or more
         * @return this builder
         * @since 0.1
         */
        Builder rateLimitMaxWait(Duration maxWait);

        /**
         * Whether answers 500-599 are retried for the calls that are safe to repeat: reads, and publishes whose every
         * message carries a deduplication id or content-based deduplication. Other calls stay final, because a 5xx
         * does not tell whether QStash acted on them (see {@link QStashConfigNames#CLIENT_RETRY_SERVER_ERRORS}).
         * Default that key, or {@code false}.
         *
         * @param retry whether to retry
         * @return this builder
         * @since 0.1
         */
        Builder retryServerErrors(boolean retry);

        /**
         * The wait before retry {@code n} (0 for the first retry). Default {@code exp(n) * 50} ms.
         *
         * @param backoff the wait for each retry index
         * @return this builder
         */
        Builder backoff(IntFunction<Duration> backoff);

        /**
         * A header sent with every message this publisher publishes, enqueues, batches or schedules, like the official
         * SDK's client-wide {@code headers}: prefixed {@code Upstash-Forward-} unless it starts with {@code Upstash-}
         * (so {@code Upstash-Retries} sets a default option), and overridden by a message's own header or option of
         * the same name. Management calls do not carry it.
         *
         * @param name the header name; not {@code Content-Type} or {@code Authorization}
         * @param value the value
         * @return this builder
         */
        Builder defaultHeader(String name, String value);

        /**
         * Builds the publisher.
         *
         * @return a new publisher; close it when done
         * @throws QStashConfigurationException if a setting is invalid
         */
        QStashPublisher build();
    }
}
