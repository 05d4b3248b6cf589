package dev.qstash.jakarta.tck.observe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * In-memory exporters that an observe deployment brings, registered with the server's OpenTelemetry SDK through its
 * autoconfigure SPI ({@code otel.traces.exporter=qstash-tck-memory}, likewise for metrics), as the MicroProfile
 * Telemetry TCK does. What was exported is shown as text by {@link TracingResource}: nothing here reads the
 * implementation, only what the server's SDK exported.
 */
public final class TelemetryMemory {

    /** The exporter name of both providers. */
    public static final String NAME = "qstash-tck-memory";

    private static final List<String> SPANS = new CopyOnWriteArrayList<>();
    /** Latest cumulative value of each {@code qstash.*} sum, by {@code name attributes}. */
    private static final Map<String, Long> SUMS = new ConcurrentHashMap<>();

    private TelemetryMemory() {
    }

    /** One line per exported span: {@code name|KIND|traceId|spanId|parentSpanId|k=v;k=v}. */
    static List<String> spans() {
        return new ArrayList<>(SPANS);
    }

    /** One line per {@code qstash.*} counter and attribute set: {@code name k=v,k=v value}. */
    static List<String> sums() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(SUMS).forEach((key, value) -> lines.add(key + " " + value));
        return lines;
    }

    static String attributes(Attributes attributes, String separator) {
        Map<String, String> sorted = new TreeMap<>();
        attributes.forEach((key, value) -> sorted.put(key.getKey(), String.valueOf(value)));
        StringBuilder text = new StringBuilder();
        sorted.forEach((key, value) -> text.append(text.length() == 0 ? "" : separator).append(key).append('=')
                .append(value));
        return text.length() == 0 ? "-" : text.toString();
    }

    /** The span exporter's provider, listed in the deployment's {@code META-INF/services}. */
    public static final class Spans implements ConfigurableSpanExporterProvider {

        @Override
        public SpanExporter createExporter(ConfigProperties config) {
            return new SpanExporter() {

                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    for (SpanData span : spans) {
                        SPANS.add(span.getName() + "|" + span.getKind() + "|" + span.getTraceId() + "|"
                                + span.getSpanId() + "|" + span.getParentSpanId() + "|" + span.getStatus()
                                        .getStatusCode()
                                + "|" + attributes(span.getAttributes(), ";"));
                    }
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    /** The metric exporter's provider, listed in the deployment's {@code META-INF/services}. */
    public static final class Metrics implements ConfigurableMetricExporterProvider {

        @Override
        public MetricExporter createExporter(ConfigProperties config) {
            return new MetricExporter() {

                @Override
                public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
                    return AggregationTemporality.CUMULATIVE;
                }

                @Override
                public CompletableResultCode export(Collection<MetricData> metrics) {
                    for (MetricData metric : metrics) {
                        if (!metric.getName().startsWith("qstash.") || metric.getType() != MetricDataType.LONG_SUM) {
                            continue;
                        }
                        for (LongPointData point : metric.getLongSumData().getPoints()) {
                            SUMS.put(metric.getName() + "|" + metric.getUnit() + " "
                                    + attributes(point.getAttributes(), ","), point.getValue());
                        }
                    }
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
