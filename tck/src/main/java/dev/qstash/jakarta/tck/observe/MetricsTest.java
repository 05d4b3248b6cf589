package dev.qstash.jakarta.tck.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.simulator.Fault;
import dev.qstash.jakarta.simulator.QStashSimulator;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * The {@code qstash.*} counters, on a server whose MicroProfile Telemetry exports OpenTelemetry metrics: they move by
 * exactly what happened after a publish, a verified delivery, a rejected one, and publishes that fail by each kind
 * (burst and daily rate limit, an API error, a dropped connection). Read from what the server's SDK exported to the
 * deployment's in-memory exporter every 500 ms.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.PUBLISH)
public class MetricsTest {

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String PUBLISHED = "qstash.messages.published|{message}";
    private static final String FAILED = "qstash.messages.failed|{message}";
    private static final String VERIFIED = "qstash.deliveries.verified|{delivery}";
    private static final String REJECTED = "qstash.deliveries.rejected|{delivery}";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TckDeployments.singleRegion(QSTASH.url(), TckKeys.EU_TOKEN);
        config.put(QStashConfigNames.CLIENT_RETRIES, "0");
        // the US publisher reaches the same simulator with a token it refuses: an API error
        config.put(QStashConfigNames.regional(QStashRegion.US_EAST_1, QStashConfigNames.URL), QSTASH.url());
        config.put(QStashConfigNames.regional(QStashRegion.US_EAST_1, QStashConfigNames.TOKEN), "not_the_token");
        return TracingDeployments.war(MetricsTest.class, config);
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void theCountersMoveByWhatHappened() {
        long published = value(PUBLISHED, "messaging.operation.name=publish");
        long verified = value(VERIFIED, "qstash.signing_key=current", "qstash.region=eu-central-1");
        long rejected = value(REJECTED, "qstash.rejection.reason=signature_mismatch");
        long burst = value(FAILED, "error.type=rate_limited_burst");
        long daily = value(FAILED, "error.type=rate_limited_daily");
        long api = value(FAILED, "error.type=api_error");
        long network = value(FAILED, "error.type=network");

        String messageId = publish("primary", 200);
        awaitReceived(messageId);
        awaitValue(published + 1, PUBLISHED, "messaging.operation.name=publish");
        awaitValue(verified + 1, VERIFIED, "qstash.signing_key=current", "qstash.region=eu-central-1");

        HttpResponse<String> forged = TckApp.signedPost(base, "api/traced/receive",
                "forged".getBytes(StandardCharsets.UTF_8), TckKeys.FOREIGN, "Upstash-Message-Id", TckApp.messageId());
        assertEquals(401, forged.statusCode());
        awaitValue(rejected + 1, REJECTED, "qstash.rejection.reason=signature_mismatch");

        QSTASH.injectFaults(1, Fault.burstRateLimit());
        publish("primary", 502);
        awaitValue(burst + 1, FAILED, "error.type=rate_limited_burst");
        QSTASH.injectFaults(1, Fault.dailyRateLimit());
        publish("primary", 502);
        awaitValue(daily + 1, FAILED, "error.type=rate_limited_daily");
        publish("us", 502);
        awaitValue(api + 1, FAILED, "error.type=api_error");
        QSTASH.injectFaults(2, Fault.dropConnection()); // HttpURLConnection may resend a POST once by itself
        publish("primary", 502);
        awaitValue(network + 1, FAILED, "error.type=network");

        // exported after every failure: the failures published nothing, and nothing was verified or rejected twice
        assertEquals(published + 1, value(PUBLISHED, "messaging.operation.name=publish"));
        assertEquals(verified + 1, value(VERIFIED, "qstash.signing_key=current", "qstash.region=eu-central-1"));
        assertEquals(rejected + 1, value(REJECTED, "qstash.rejection.reason=signature_mismatch"));
    }

    private String publish(String via, int status) {
        URI destination = TckHttp.loopback(base, "api/traced/receive");
        HttpResponse<String> response = TckHttp.post(URI.create(TckHttp.loopback(base, "api/traced/publish")
                + "?to=" + destination + "&via=" + via), "counted".getBytes(StandardCharsets.UTF_8));
        assertEquals(status, response.statusCode(), response.body());
        return response.body().split(" ")[status == 200 ? 1 : 0];
    }

    private void awaitReceived(String messageId) {
        TckHttp.awaitLine(TckHttp.loopback(base, "api/traced/received"), l -> l.startsWith(messageId + " "), WAIT);
    }

    /** The exported value of {@code metric} summed over its attribute sets that have every one of {@code with}. */
    private long value(String metric, String... with) {
        List<String> lines = TckHttp.get(TckHttp.loopback(base, "api/traced/metrics")).body().lines().toList();
        long sum = 0;
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (fields.length == 3 && fields[0].equals(metric)
                    && Arrays.stream(with).allMatch(a -> Arrays.asList(fields[1].split(",")).contains(a))) {
                sum += Long.parseLong(fields[2]);
            }
        }
        return sum;
    }

    private void awaitValue(long expected, String metric, String... with) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long value = value(metric, with);
        while (value != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            value = value(metric, with);
        }
        assertEquals(expected, value, metric + " " + String.join(",", with) + "; exported: "
                + TckHttp.get(TckHttp.loopback(base, "api/traced/metrics")).body());
    }
}
