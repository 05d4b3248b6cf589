package dev.qstash.jakarta.tck.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.simulator.QStashSimulator;
import dev.qstash.jakarta.simulator.RecordedRequest;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * Single-region mode: {@code @Inject QStashPublisher} publishes to the configured URL with the configured token, and
 * QStash's delivery comes back to the application verified.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.PUBLISH)
public class InjectedPublisherTest {

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(InjectedPublisherTest.class,
                TckDeployments.singleRegion(QSTASH.url(), TckKeys.EU_TOKEN));
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void itPublishesToTheConfiguredUrlWithTheConfiguredToken() {
        String messageId = TckApp.publish(base, "primary", "hello")[0];
        assertTrue(messageId.startsWith("msg_"), messageId);
        RecordedRequest request = QSTASH.requests().stream().filter(r -> r.method().equals("POST")).reduce(
                (a, b) -> b).orElseThrow();
        assertEquals("/v2/publish/" + TckHttp.loopback(base, "api/receive"), request.path());
        assertEquals("Bearer " + TckKeys.EU_TOKEN, request.header("Authorization"));
        assertEquals("POST", request.header("Upstash-Method"));
        assertEquals("hello", request.bodyText());
    }

    @Test
    public void qstashsDeliveryComesBackVerified() {
        String[] fields = TckApp.delivery(base, TckApp.publish(base, "primary", "round trip")[0]);
        assertEquals("0", fields[TckApp.RETRIED], "first attempt");
        assertEquals("EU_CENTRAL_1", fields[TckApp.REGION], "the region QStash named");
        assertEquals("DEFAULT", fields[TckApp.KEYS_REGION], "single-region mode verifies with the default keys");
        assertEquals("CURRENT", fields[TckApp.SIGNING_KEY]);
    }
}
