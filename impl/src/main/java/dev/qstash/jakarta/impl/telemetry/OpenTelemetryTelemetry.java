package dev.qstash.jakarta.impl.telemetry;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashRateLimitException;
import dev.qstash.jakarta.impl.verify.RejectionReason;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * {@link Telemetry} over the server's {@link OpenTelemetry} (MicroProfile Telemetry makes it a CDI bean), looked up
 * once. The only class that references OpenTelemetry; {@link TelemetrySupport} loads it after checking that the API is
 * there. Names, attributes and units are listed in the README, "Operations".
 */
final class OpenTelemetryTelemetry implements Telemetry {

    static final String SCOPE = "dev.qstash.jakarta";

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> REGION = AttributeKey.stringKey("qstash.region");
    static final AttributeKey<String> DESTINATION_HOST = AttributeKey.stringKey("qstash.destination.host");
    static final AttributeKey<Long> RETRIED = AttributeKey.longKey("qstash.retried");
    static final AttributeKey<String> SIGNING_KEY = AttributeKey.stringKey("qstash.signing_key");
    static final AttributeKey<String> KEYS_REGION = AttributeKey.stringKey("qstash.keys_region");
    static final AttributeKey<String> REJECTION = AttributeKey.stringKey("qstash.rejection.reason");

    private static final String SYSTEM = "qstash";
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> {
        if (carrier != null && (TRACEPARENT.equals(key) || TRACESTATE.equals(key))) {
            carrier.put(key, value); // only the trace context: baggage is the application's, not QStash's to carry
        }
    };

    private static final TextMapGetter<UnaryOperator<String>> GETTER = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(UnaryOperator<String> carrier) {
            return List.of();
        }

        @Override
        public String get(UnaryOperator<String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator; // null when propagation is off
    private final TextMapPropagator extractor;
    private final LongCounter published;
    private final LongCounter failed;
    private final LongCounter verified;
    private final LongCounter rejected;

    private OpenTelemetryTelemetry(OpenTelemetry openTelemetry, boolean propagate) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.extractor = openTelemetry.getPropagators().getTextMapPropagator();
        this.propagator = propagate ? extractor : null;
        Meter meter = openTelemetry.getMeterProvider().get(SCOPE);
        this.published = meter.counterBuilder("qstash.messages.published").setUnit("{message}")
                .setDescription("Messages QStash accepted from this application").build();
        this.failed = meter.counterBuilder("qstash.messages.failed").setUnit("{message}")
                .setDescription("Messages this application failed to publish, by error.type").build();
        this.verified = meter.counterBuilder("qstash.deliveries.verified").setUnit("{delivery}")
                .setDescription("Deliveries to @VerifyQStash resources that were verified").build();
        this.rejected = meter.counterBuilder("qstash.deliveries.rejected").setUnit("{delivery}")
                .setDescription("Requests to @VerifyQStash resources that were refused, by qstash.rejection.reason")
                .build();
    }

    /** Telemetry over {@code openTelemetry}; {@code propagate}: {@code qstash.telemetry.propagate}. */
    static OpenTelemetryTelemetry of(OpenTelemetry openTelemetry, boolean propagate) {
        return new OpenTelemetryTelemetry(openTelemetry, propagate);
    }

    /**
     * The server's {@code OpenTelemetry} bean, or empty with why there is none.
     *
     * @param why receives the reason when the result is empty
     */
    static Optional<Telemetry> fromServer(BeanManager beans, boolean propagate, StringBuilder why) {
        Instance<OpenTelemetry> found = beans.createInstance().select(OpenTelemetry.class);
        if (!found.isResolvable()) {
            why.append("the server has the OpenTelemetry API but no resolvable OpenTelemetry bean "
                    + "(MicroProfile Telemetry is not enabled for this application)");
            return Optional.empty();
        }
        return Optional.of(new OpenTelemetryTelemetry(found.get(), propagate));
    }

    @Override
    public Call start(CallInfo call) {
        SpanBuilder builder = tracer.spanBuilder("qstash " + call.operation())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_NAME, call.operation())
                .setAttribute(SERVER_ADDRESS, call.serverHost());
        if (call.messages() > 0) {
            builder.setAttribute(OPERATION_TYPE, "send");
        }
        if (call.messages() > 1) {
            builder.setAttribute(BATCH_COUNT, (long) call.messages());
        }
        call.region().ifPresent(region -> builder.setAttribute(REGION, region.configPrefix()));
        if (call.destinationHost() != null) {
            builder.setAttribute(DESTINATION_HOST, call.destinationHost());
        }
        if (call.destinationName() != null) {
            builder.setAttribute(DESTINATION_NAME, call.destinationName());
        }
        return new ObservedCall(builder.startSpan(), call);
    }

    @Override
    public boolean forwardsTrace() {
        return propagator != null && Span.current().getSpanContext().isValid();
    }

    @Override
    public Map<String, String> traceHeaders() {
        if (propagator == null) {
            return Map.of();
        }
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return Map.of();
        }
        Map<String, String> headers = new HashMap<>(4);
        propagator.inject(context, headers, SETTER);
        return headers.containsKey(TRACEPARENT) ? headers : Map.of();
    }

    @Override
    public Receipt receiving(UnaryOperator<String> headers) {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            return new ObservedReceipt(null, Instant.now());
        }
        return new ObservedReceipt(extractor.extract(current, headers, GETTER), Instant.now());
    }

    private Span receiveSpan(Context parent, Instant start) {
        SpanBuilder builder = tracer.spanBuilder("qstash receive")
                .setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(start)
                .setAttribute(MESSAGING_SYSTEM, SYSTEM)
                .setAttribute(OPERATION_NAME, "receive")
                .setAttribute(OPERATION_TYPE, "receive");
        if (parent != null) {
            builder.setParent(parent);
        }
        return builder.startSpan();
    }

    private final class ObservedCall implements Call {

        private final Span span;
        private final CallInfo call;

        ObservedCall(Span span, CallInfo call) {
            this.span = span;
            this.call = call;
        }

        @Override
        public Scope makeCurrent() {
            io.opentelemetry.context.Scope scope = span.makeCurrent();
            return scope::close;
        }

        @Override
        public void succeeded(Object result) {
            List<String> ids = new ArrayList<>(1);
            messageIds(result, ids);
            if (ids.size() == 1) {
                span.setAttribute(MESSAGE_ID, ids.get(0));
            }
            span.end();
            if (call.messages() > 0 && !ids.isEmpty()) {
                published.add(ids.size(), metricAttributes(call).build());
            }
        }

        @Override
        public void failed(Throwable failure) {
            Throwable cause = unwrap(failure);
            String kind = errorType(cause);
            span.setAttribute(ERROR_TYPE, kind);
            if (cause instanceof QStashApiException api) {
                span.setAttribute(HTTP_STATUS, (long) api.status());
            }
            // the kind, not the message: an error text may quote the destination
            span.setStatus(StatusCode.ERROR, kind);
            span.end();
            if (call.messages() > 0) {
                failed.add(call.messages(), metricAttributes(call).put(ERROR_TYPE, kind).build());
            }
        }
    }

    private static AttributesBuilder metricAttributes(CallInfo call) {
        AttributesBuilder attributes = Attributes.builder().put(OPERATION_NAME, call.operation());
        call.region().ifPresent(region -> attributes.put(REGION, region.configPrefix()));
        return attributes;
    }

    /**
     * A request to a verified resource. When the server made a span current before the filter ran, the span is made
     * at once; otherwise a verified delivery's span waits for {@link #emit()}, when the server span is current.
     */
    private final class ObservedReceipt implements Receipt {

        private final Context remote; // the request's trace context when no span was current, else null
        private final Instant start;
        private QStashDelivery delivery; // verified, its span not made yet
        private Instant end;

        ObservedReceipt(Context remote, Instant start) {
            this.remote = remote;
            this.start = start;
        }

        @Override
        public void verified(QStashDelivery verifiedDelivery) {
            String key = verifiedDelivery.signingKey().name().toLowerCase(Locale.ROOT);
            AttributesBuilder attributes = Attributes.builder().put(SIGNING_KEY, key);
            verifiedDelivery.region().ifPresent(region -> attributes.put(REGION, region.configPrefix()));
            verified.add(1, attributes.build());
            this.delivery = verifiedDelivery;
            this.end = Instant.now();
            if (remote == null) {
                emit();
            }
        }

        @Override
        public synchronized void emit() {
            QStashDelivery done = delivery;
            if (done == null) {
                return;
            }
            delivery = null;
            Context current = Context.current();
            Span span = receiveSpan(Span.fromContext(current).getSpanContext().isValid() ? current : remote, start);
            if (!done.messageId().isEmpty()) {
                span.setAttribute(MESSAGE_ID, done.messageId());
            }
            span.setAttribute(RETRIED, (long) done.retried());
            span.setAttribute(SIGNING_KEY, done.signingKey().name().toLowerCase(Locale.ROOT));
            done.region().ifPresent(region -> span.setAttribute(REGION, region.configPrefix()));
            done.verifiedWithRegionKeys().ifPresent(region -> span.setAttribute(KEYS_REGION, region.configPrefix()));
            span.end(end);
        }

        @Override
        public void rejected(RejectionReason reason) {
            Attributes attributes = Attributes.of(REJECTION, reason.code());
            Span span = receiveSpan(remote, start);
            span.setAttribute(REJECTION, reason.code());
            span.setAttribute(ERROR_TYPE, "rejected");
            span.addEvent("qstash.rejected", attributes);
            span.setStatus(StatusCode.ERROR, reason.code());
            span.end();
            rejected.add(1, attributes);
        }
    }

    /** Every message id in a publish result: a response, a list of them, or a list of lists. */
    static void messageIds(Object result, List<String> ids) {
        if (result instanceof PublishResponse response) {
            ids.add(response.messageId());
        } else if (result instanceof List<?> list) {
            for (Object element : list) {
                messageIds(element, ids);
            }
        }
    }

    /** The failure kind: {@code error.type} of spans and of {@code qstash.messages.failed}. */
    static String errorType(Throwable failure) {
        if (failure instanceof QStashRateLimitException limited) {
            return limited.kind() == QStashRateLimitException.Kind.DAILY ? "rate_limited_daily" : "rate_limited_burst";
        }
        if (failure instanceof QStashApiException) {
            return "api_error";
        }
        if (failure instanceof QStashConfigurationException) {
            return "configuration";
        }
        if (failure instanceof IllegalArgumentException) {
            return "invalid_request";
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return "network";
            }
        }
        return "_OTHER";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
