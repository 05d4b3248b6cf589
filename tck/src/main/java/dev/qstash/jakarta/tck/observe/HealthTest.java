package dev.qstash.jakarta.tck.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.util.Iterator;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.simulator.QStashSimulator;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckSimulators;

/**
 * A configured deployment (single region: signing keys, the primary token, and the token of each region the
 * application's {@code @ForRegion} publishers name): the server's readiness endpoint shows the check {@code qstash}
 * UP, with the mode and states in its data and no key missing; the deployment publishes and verifies.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(HealthEndpoint.TAG)
public class HealthTest {

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = TckDeployments.singleRegion(QSTASH.url(), TckKeys.EU_TOKEN);
        config.put("eu-central-1.qstash.token", TckKeys.EU_TOKEN);
        config.put("us-east-1.qstash.token", TckKeys.US_TOKEN);
        return TckDeployments.war(HealthTest.class, config);
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void theQStashCheckIsUpWithNothingMissing() {
        HealthEndpoint.Readiness readiness = HealthEndpoint.read(base);
        JsonNode check = readiness.check("qstash");
        assertEquals("UP", check.path("status").asText(), readiness.body());
        assertEquals("single-region", readiness.data("qstash", "mode"));
        assertEquals("ready", readiness.data("qstash", "publish.primary"));
        assertEquals("ready", readiness.data("qstash", "publish.EU_CENTRAL_1"));
        assertEquals("ready", readiness.data("qstash", "publish.US_EAST_1"));
        assertEquals("ready", readiness.data("qstash", "receive"));
        assertEquals("default", readiness.data("qstash", "receive.keys"));
        assertEquals("true", readiness.data("qstash", "publish.used"), "the application injects publishers");
        assertEquals("true", readiness.data("qstash", "receive.used"), "the application has @VerifyQStash resources");
        for (Iterator<String> fields = check.path("data").fieldNames(); fields.hasNext();) {
            String field = fields.next();
            assertFalse(field.endsWith(".missing"), field + " in " + readiness.body());
        }
        readiness.assertNoSecret();
    }

    @Test
    public void theDeploymentItReportsOnPublishesAndVerifies() {
        String[] fields = TckApp.delivery(base, TckApp.publish(base, "primary", "ready")[0]);
        assertEquals("DEFAULT", fields[TckApp.KEYS_REGION]);
    }
}
