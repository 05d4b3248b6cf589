package dev.qstash.jakarta.tck.observe;

import java.util.Map;
import java.util.TreeMap;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.qstash.jakarta.tck.apps.TckApplication;

/**
 * The WAR of a tracing or metrics scenario: {@link TracingResource} under {@code /api}, the in-memory exporters of
 * {@link TelemetryMemory} registered through the SDK's autoconfigure SPI, and the OpenTelemetry settings that switch
 * the server's SDK on for this application (MicroProfile Telemetry leaves it off by default), with quick exports.
 */
final class TracingDeployments {

    private TracingDeployments() {
    }

    static WebArchive war(Class<?> test, Map<String, String> qstashConfig) {
        Map<String, String> config = new TreeMap<>(qstashConfig);
        config.put("otel.sdk.disabled", "false");
        config.put("otel.service.name", "qstash-tck-" + test.getSimpleName());
        config.put("otel.traces.exporter", TelemetryMemory.NAME);
        config.put("otel.metrics.exporter", TelemetryMemory.NAME);
        config.put("otel.logs.exporter", "none");
        config.put("otel.traces.sampler", "always_on");
        config.put("otel.bsp.schedule.delay", "100");
        config.put("otel.metric.export.interval", "500");
        StringBuilder properties = new StringBuilder();
        config.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        return ShrinkWrap.create(WebArchive.class, test.getSimpleName() + ".war")
                .addClasses(TckApplication.class, TracingResource.class, TelemetryMemory.class,
                        TelemetryMemory.Spans.class, TelemetryMemory.Metrics.class)
                .addAsResource(new StringAsset(properties.toString()), "META-INF/microprofile-config.properties")
                .addAsResource(new StringAsset(TelemetryMemory.Spans.class.getName() + "\n"),
                        "META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.traces."
                                + "ConfigurableSpanExporterProvider")
                .addAsResource(new StringAsset(TelemetryMemory.Metrics.class.getName() + "\n"),
                        "META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.metrics."
                                + "ConfigurableMetricExporterProvider")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }
}
