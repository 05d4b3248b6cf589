package dev.qstash.jakarta.impl.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRateLimitException;
import dev.qstash.jakarta.impl.client.RestClientQStashPublisher;
import dev.qstash.jakarta.impl.config.ClientSettings;
import dev.qstash.jakarta.impl.config.QStashSettings;
import dev.qstash.jakarta.impl.testing.RecordingServer;
import dev.qstash.jakarta.impl.testing.RecordingServer.Answer;
import dev.qstash.jakarta.impl.testing.RecordingServer.Recorded;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** Spans, metrics and trace propagation of a publisher over a real OpenTelemetry SDK, against a recording server. */
class OpenTelemetryTelemetryTest {

    private static final String TOKEN = "qstash_secret_token_value";
    private static final String DESTINATION = "https://user:secret@example.com:8443/hook?key=secret";
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final SdkMeterProvider meterProvider = SdkMeterProvider.builder().registerMetricReader(metrics).build();
    private final OpenTelemetry openTelemetry = new OpenTelemetry() {

        @Override
        public TracerProvider getTracerProvider() {
            return tracerProvider;
        }

        @Override
        public MeterProvider getMeterProvider() {
            return meterProvider;
        }

        @Override
        public ContextPropagators getPropagators() {
            return ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        }
    };

    @AfterEach
    void close() {
        tracerProvider.close();
        meterProvider.close();
    }

    private QStashPublisher publisher(RecordingServer server, Telemetry telemetry) {
        return RestClientQStashPublisher.create(QStashSettings.explicit(server.baseUrl(), TOKEN),
                new ClientSettings(0, Duration.ZERO, false), telemetry);
    }

    @Test
    void aPublishInsideASpanForwardsTheContextNamingItsOwnClientSpan() throws Exception {
        try (RecordingServer server = new RecordingServer();
                QStashPublisher publisher = publisher(server, OpenTelemetryTelemetry.of(openTelemetry, true))) {
            Span request = openTelemetry.getTracer("test").spanBuilder("request").startSpan();
            try (Scope scope = request.makeCurrent()) {
                publisher.publish(PublishRequest.toUrl(DESTINATION).body("x").build());
            } finally {
                request.end();
            }
            Matcher forwarded = TRACEPARENT.matcher(server.only().header("upstash-forward-traceparent"));
            assertTrue(forwarded.matches(), server.only().header("upstash-forward-traceparent"));
            SpanData publish = span("qstash publish");
            assertEquals(SpanKind.CLIENT, publish.getKind());
            assertEquals(request.getSpanContext().getTraceId(), forwarded.group(1));
            assertEquals(publish.getSpanId(), forwarded.group(2), "the delivery's parent is the publish span");
            assertEquals(request.getSpanContext().getSpanId(), publish.getParentSpanId());
            assertEquals("qstash", attribute(publish, "messaging.system"));
            assertEquals("publish", attribute(publish, "messaging.operation.name"));
            assertEquals("example.com", attribute(publish, "qstash.destination.host"));
            assertEquals("127.0.0.1", attribute(publish, "server.address"));
            assertEquals("msg_test", attribute(publish, "messaging.message.id"));
            assertFalse(publish.getAttributes().toString().contains("secret"), publish.getAttributes().toString());
            assertEquals(1, counter("qstash.messages.published", "messaging.operation.name", "publish"));
        }
    }

    @Test
    void withoutASpanTheRequestIsTheSameAsWithoutTelemetry() throws Exception {
        try (RecordingServer traced = new RecordingServer();
                RecordingServer plain = new RecordingServer();
                QStashPublisher withTelemetry = publisher(traced, OpenTelemetryTelemetry.of(openTelemetry, true));
                QStashPublisher without = publisher(plain, Telemetry.NONE)) {
            PublishRequest message = PublishRequest.toUrl(DESTINATION).body("x").header("X-Tenant", "acme").build();
            withTelemetry.publish(message);
            without.publish(message);
            Recorded a = traced.only();
            Recorded b = plain.only();
            assertEquals(b.pathAndQuery(), a.pathAndQuery());
            assertEquals(headersOf(b), headersOf(a));
            assertEquals(new String(b.body(), StandardCharsets.UTF_8), new String(a.body(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theApplicationsOwnTraceparentWinsAndPropagationCanBeSwitchedOff() throws Exception {
        String own = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        try (RecordingServer server = new RecordingServer();
                QStashPublisher on = publisher(server, OpenTelemetryTelemetry.of(openTelemetry, true));
                QStashPublisher off = publisher(server, OpenTelemetryTelemetry.of(openTelemetry, false))) {
            Span request = openTelemetry.getTracer("test").spanBuilder("request").startSpan();
            try (Scope scope = request.makeCurrent()) {
                on.publish(PublishRequest.toUrl(DESTINATION).body("x").header("traceparent", own).build());
                off.publish(PublishRequest.toUrl(DESTINATION).body("x").build());
            } finally {
                request.end();
            }
            assertEquals(own, server.requests().get(0).header("upstash-forward-traceparent"));
            assertNull(server.requests().get(1).header("upstash-forward-traceparent"));
            assertEquals(2, spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("qstash publish"))
                    .count(), "spans whether or not the context is forwarded");
        }
    }

    @Test
    void eachMessageOfABatchCarriesTheContext() throws Exception {
        try (RecordingServer server = new RecordingServer().answer(r -> Answer.json(200,
                "[{\"messageId\":\"msg_a\"},{\"messageId\":\"msg_b\"}]"));
                QStashPublisher publisher = publisher(server, OpenTelemetryTelemetry.of(openTelemetry, true))) {
            Span request = openTelemetry.getTracer("test").spanBuilder("request").startSpan();
            try (Scope scope = request.makeCurrent()) {
                publisher.batch(List.of(PublishRequest.toUrl(DESTINATION).body("a").build(),
                        PublishRequest.toUrl("https://other.example/x").body("b").build()));
            } finally {
                request.end();
            }
            String body = new String(server.only().body(), StandardCharsets.UTF_8);
            Matcher forwarded = Pattern.compile("\"upstash-forward-traceparent\":\"([^\"]+)\"").matcher(body);
            int count = 0;
            SpanData batch = span("qstash batch");
            while (forwarded.find()) {
                count++;
                assertTrue(forwarded.group(1).contains(batch.getSpanId()), forwarded.group(1));
            }
            assertEquals(2, count, body);
            assertEquals(2L, batch.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")));
            assertEquals(2, counter("qstash.messages.published", "messaging.operation.name", "batch"));
        }
    }

    @Test
    void failuresAreRecordedAndCountedByKind() throws Exception {
        try (RecordingServer server = new RecordingServer();
                QStashPublisher publisher = publisher(server, OpenTelemetryTelemetry.of(openTelemetry, true))) {
            PublishRequest message = PublishRequest.toUrl(DESTINATION).body("x").build();
            server.answer(r -> new Answer(429, Map.of("Burst-RateLimit-Limit", "100"),
                    "{\"error\":\"rate limit\"}".getBytes(StandardCharsets.UTF_8)));
            assertThrows(QStashRateLimitException.class, () -> publisher.publish(message));
            server.answer(r -> new Answer(429, Map.of("RateLimit-Limit", "500"),
                    "{\"error\":\"quota\"}".getBytes(StandardCharsets.UTF_8)));
            assertThrows(QStashRateLimitException.class, () -> publisher.publish(message));
            server.answer(r -> Answer.json(400, "{\"error\":\"invalid destination " + DESTINATION + "\"}"));
            assertThrows(QStashApiException.class, () -> publisher.publish(message));

            assertEquals(1, counter("qstash.messages.failed", "error.type", "rate_limited_burst"));
            assertEquals(1, counter("qstash.messages.failed", "error.type", "rate_limited_daily"));
            assertEquals(1, counter("qstash.messages.failed", "error.type", "api_error"));
            assertEquals(0, counter("qstash.messages.published", "messaging.operation.name", "publish"));
            SpanData failed = spans.getFinishedSpanItems().get(2);
            assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
            assertEquals("api_error", attribute(failed, "error.type"));
            assertEquals(400L, failed.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
            assertFalse(failed.toString().contains("secret"), "no error text, which may quote the destination");
        }
    }

    @Test
    void aManagementCallHasAClientSpanAndCountsNoMessage() throws Exception {
        try (RecordingServer server = new RecordingServer().answer(r -> new Answer(200, Map.of(), new byte[0]));
                QStashPublisher publisher = publisher(server, OpenTelemetryTelemetry.of(openTelemetry, true))) {
            publisher.queues().upsert("orders", 2, false);
            SpanData upsert = span("qstash POST /v2/queues");
            assertEquals(SpanKind.CLIENT, upsert.getKind());
            assertEquals("POST /v2/queues", attribute(upsert, "messaging.operation.name"));
            assertNull(attribute(upsert, "messaging.operation.type"), "not a send");
            assertEquals(0, counter("qstash.messages.published", "messaging.operation.name", "POST /v2/queues"));
        }
    }

    @Test
    void aNetworkFailureIsOfKindNetwork() {
        assertEquals("network", OpenTelemetryTelemetry.errorType(new QStashException("x",
                new IOException("reset"))));
        assertEquals("_OTHER", OpenTelemetryTelemetry.errorType(new IllegalStateException("x")));
    }

    private SpanData span(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.getFinishedSpanItems()));
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private long counter(String name, String attribute, String value) {
        long sum = 0;
        for (MetricData metric : metrics.collectAllMetrics()) {
            if (metric.getName().equals(name)) {
                for (LongPointData point : metric.getLongSumData().getPoints()) {
                    if (value.equals(point.getAttributes().get(AttributeKey.stringKey(attribute)))) {
                        sum += point.getValue();
                    }
                }
            }
        }
        return sum;
    }

    private static Map<String, List<String>> headersOf(Recorded recorded) {
        Map<String, List<String>> headers = new TreeMap<>(recorded.headers());
        headers.remove("host"); // the port differs
        return headers;
    }
}
