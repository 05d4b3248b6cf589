package dev.qstash.jakarta.impl.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.config.ClientSettings;
import dev.qstash.jakarta.impl.config.Credentials;
import dev.qstash.jakarta.impl.telemetry.Telemetry;
import dev.qstash.jakarta.manage.DeadLetterQueue;
import dev.qstash.jakarta.manage.FlowControls;
import dev.qstash.jakarta.manage.Logs;
import dev.qstash.jakarta.manage.Messages;
import dev.qstash.jakarta.manage.Queues;
import dev.qstash.jakarta.manage.Schedules;
import dev.qstash.jakarta.manage.SigningKeys;
import dev.qstash.jakarta.manage.UrlGroups;

/**
 * {@link QStashPublisher} over a MicroProfile Rest Client bound to one base URL and token. Without a token the
 * publisher still exists (an injection point must resolve), and every call fails with a
 * {@link dev.qstash.jakarta.QStashConfigurationException} naming the keys to set.
 */
public final class RestClientQStashPublisher implements QStashPublisher {

    private static final String TRACEPARENT = "traceparent";
    private static final String FORWARDED_TRACEPARENT = "upstash-forward-traceparent";

    private final Transport transport;
    private final Telemetry telemetry;
    private final boolean observed; // whether telemetry is on: else nothing is done for it per call
    private final WireFormat wire;
    private final Queues queues;
    private final Schedules schedules;
    private final UrlGroups urlGroups;
    private final Messages messages;
    private final DeadLetterQueue dlq;
    private final Logs logs;
    private final SigningKeys signingKeys;
    private final FlowControls flowControl;

    /**
     * A publisher with the SDK's default backoff.
     *
     * @param telemetry where its spans and metrics go, and whether it forwards the trace context
     */
    public static RestClientQStashPublisher create(Credentials credentials, ClientSettings client,
            Telemetry telemetry) {
        return new RestClientQStashPublisher(credentials, new Retrier(client, Retrier.DEFAULT_BACKOFF),
                WireFormat.PLAIN, telemetry);
    }

    /** A publisher that reports nothing to telemetry (one made with {@code QStashPublisher.builder()}). */
    RestClientQStashPublisher(Credentials credentials, Retrier retrier, WireFormat wire) {
        this(credentials, retrier, wire, Telemetry.NONE);
    }

    RestClientQStashPublisher(Credentials credentials, Retrier retrier, WireFormat wire, Telemetry telemetry) {
        this.transport = new Transport(credentials, retrier, telemetry);
        this.telemetry = telemetry;
        this.observed = telemetry != Telemetry.NONE;
        this.wire = wire;
        this.queues = new QueuesClient(transport);
        this.schedules = new SchedulesClient(transport, wire);
        this.urlGroups = new UrlGroupsClient(transport);
        this.messages = new MessagesClient(transport);
        this.dlq = new DeadLetterQueueClient(transport);
        this.logs = new LogsClient(transport);
        this.signingKeys = new SigningKeysClient(transport);
        this.flowControl = new FlowControlClient(transport);
    }

    @Override
    public Optional<QStashRegion> region() {
        return transport.credentials().region();
    }

    // With telemetry, each publish runs in its own span, and the request is built inside it, so that the trace context
    // forwarded through QStash names that span as the delivery's parent. Without, the call is made directly: nothing
    // is allocated or looked up for telemetry.

    @Override
    public PublishResponse publish(PublishRequest request) {
        requireDestination(request, false);
        return observed ? traced(request, this::publishNow) : publishNow(request);
    }

    @Override
    public CompletionStage<PublishResponse> publishAsync(PublishRequest request) {
        requireDestination(request, false);
        return observed ? tracedAsync(request, this::publishLater) : publishLater(request);
    }

    @Override
    public List<PublishResponse> publishToUrlGroup(PublishRequest request) {
        requireDestination(request, true);
        return observed ? traced(request, this::publishToUrlGroupNow) : publishToUrlGroupNow(request);
    }

    @Override
    public CompletionStage<List<PublishResponse>> publishToUrlGroupAsync(PublishRequest request) {
        requireDestination(request, true);
        return observed ? tracedAsync(request, this::publishToUrlGroupLater) : publishToUrlGroupLater(request);
    }

    @Override
    public List<List<PublishResponse>> batch(List<PublishRequest> requests) {
        requireBatch(requests);
        return observed
                ? traced(batchInfo(requests), requests, this::withTraceContext, this::batchNow)
                : batchNow(requests);
    }

    @Override
    public CompletionStage<List<List<PublishResponse>>> batchAsync(List<PublishRequest> requests) {
        requireBatch(requests);
        return observed
                ? tracedAsync(batchInfo(requests), requests, this::withTraceContext, this::batchLater)
                : batchLater(requests);
    }

    private <T> T traced(PublishRequest request, Function<PublishRequest, T> send) {
        return traced(info(request), request, this::withTraceContext, send);
    }

    private <T> CompletionStage<T> tracedAsync(PublishRequest request,
            Function<PublishRequest, CompletionStage<T>> send) {
        return tracedAsync(info(request), request, this::withTraceContext, send);
    }

    /**
     * {@code send} in the call's span; whether to forward the trace context is asked before the span starts (outside
     * any trace the request goes out as without telemetry), the context itself is taken inside it.
     */
    private <R, T> T traced(Telemetry.CallInfo info, R request, UnaryOperator<R> withTrace, Function<R, T> send) {
        boolean forward = telemetry.forwardsTrace();
        return transport.traced(info, () -> send.apply(forward ? withTrace.apply(request) : request));
    }

    private <R, T> CompletionStage<T> tracedAsync(Telemetry.CallInfo info, R request, UnaryOperator<R> withTrace,
            Function<R, CompletionStage<T>> send) {
        boolean forward = telemetry.forwardsTrace();
        return transport.tracedAsync(info, () -> send.apply(forward ? withTrace.apply(request) : request));
    }

    private PublishResponse publishNow(PublishRequest request) {
        ApiCall call = wire.publishCall(request);
        return transport.toDestinationNow(call, deduplicated(call), Responses::single);
    }

    private CompletionStage<PublishResponse> publishLater(PublishRequest request) {
        ApiCall call = wire.publishCall(request);
        return transport.toDestination(call, deduplicated(call), Responses::single);
    }

    private List<PublishResponse> publishToUrlGroupNow(PublishRequest request) {
        ApiCall call = wire.publishCall(request);
        return transport.toDestinationNow(call, deduplicated(call), Responses::list);
    }

    private CompletionStage<List<PublishResponse>> publishToUrlGroupLater(PublishRequest request) {
        ApiCall call = wire.publishCall(request);
        return transport.toDestination(call, deduplicated(call), Responses::list);
    }

    private List<List<PublishResponse>> batchNow(List<PublishRequest> requests) {
        return transport.toDestinationNow(wire.batchCall(requests),
                requests.stream().allMatch(RestClientQStashPublisher::deduplicated), Responses::batch);
    }

    private CompletionStage<List<List<PublishResponse>>> batchLater(List<PublishRequest> requests) {
        return transport.toDestination(wire.batchCall(requests),
                requests.stream().allMatch(RestClientQStashPublisher::deduplicated), Responses::batch);
    }

    private Telemetry.CallInfo info(PublishRequest request) {
        String operation = request.queue() == null ? "publish" : "enqueue";
        String name = request.queue() != null ? request.queue() : request.isUrlGroup() ? request.destination() : null;
        return transport.info(operation, request.isUrlGroup() ? null : UrlPath.host(request.destination()), name,
                1);
    }

    private Telemetry.CallInfo batchInfo(List<PublishRequest> requests) {
        return transport.info("batch", null, null, requests.size());
    }

    /**
     * Called inside the call's span, when {@link Telemetry#forwardsTrace()} said so before it: the request with the
     * current trace context as {@code traceparent} (and {@code tracestate}) to forward, unless it
     * forwards its own, or a default header of this publisher does; the request itself outside a traced context.
     */
    private PublishRequest withTraceContext(PublishRequest request) {
        Map<String, String> trace = telemetry.traceHeaders();
        if (trace.isEmpty() || request == null || wire.hasHeader(FORWARDED_TRACEPARENT)
                || request.headers().keySet().stream().anyMatch(name -> name.equalsIgnoreCase(TRACEPARENT)
                        || name.equalsIgnoreCase(FORWARDED_TRACEPARENT))) {
            return request;
        }
        PublishRequest.Builder builder = request.toBuilder();
        trace.forEach(builder::header);
        return builder.build();
    }

    private List<PublishRequest> withTraceContext(List<PublishRequest> requests) {
        List<PublishRequest> traced = new ArrayList<>(requests.size());
        for (PublishRequest request : requests) {
            traced.add(withTraceContext(request));
        }
        return traced;
    }

    /**
     * Whether QStash takes the message once however often it is sent, so that a 5xx may be retried
     * ({@code qstash.client.retry-server-errors}): it has a deduplication id or content-based deduplication, its own
     * or from a default header.
     */
    static boolean deduplicated(ApiCall call) {
        String id = call.headers().get("upstash-deduplication-id");
        return id != null && !id.isEmpty()
                || "true".equalsIgnoreCase(call.headers().get("upstash-content-based-deduplication"));
    }

    private static boolean deduplicated(PublishRequest request) {
        return request != null && (request.deduplicationId() != null && !request.deduplicationId().isEmpty()
                || request.contentBasedDeduplication());
    }

    @Override
    public Queues queues() {
        return queues;
    }

    @Override
    public Schedules schedules() {
        return schedules;
    }

    @Override
    public UrlGroups urlGroups() {
        return urlGroups;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    @Override
    public DeadLetterQueue dlq() {
        return dlq;
    }

    @Override
    public Logs logs() {
        return logs;
    }

    @Override
    public SigningKeys signingKeys() {
        return signingKeys;
    }

    @Override
    public FlowControls flowControl() {
        return flowControl;
    }

    private static void requireBatch(List<PublishRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one request");
        }
    }

    private static void requireDestination(PublishRequest request, boolean urlGroup) {
        Objects.requireNonNull(request, "request");
        if (request.isUrlGroup() != urlGroup) {
            throw new IllegalArgumentException(urlGroup
                    ? request + " targets a URL; use publish(...)"
                    : request + " targets a URL group; use publishToUrlGroup(...)");
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "QStashPublisher[" + transport.credentials() + "]";
    }
}
