package dev.qstash.jakarta.tck.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.Map;

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
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * {@code qstash.region} names a region whose url and token are not configured: publishing falls back to
 * {@code qstash.url} and {@code qstash.token}, as the official SDK does.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.PUBLISH)
public class RegionFallbackTest {

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = new java.util.TreeMap<>(TckDeployments.singleRegion(QSTASH.url(),
                TckKeys.EU_TOKEN));
        config.put("qstash.region", "US_EAST_1");
        return TckDeployments.war(RegionFallbackTest.class, config);
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void publishingFallsBackToTheDefaultCredentialsAndTheDeliveryToTheDefaultKeys() {
        String[] sent = TckApp.publish(base, "primary", "fallback");
        assertEquals("Bearer " + TckKeys.EU_TOKEN, QSTASH.requests().get(QSTASH.requests().size() - 1)
                .header("Authorization"));
        String[] delivery = TckApp.delivery(base, sent[0]);
        assertEquals("DEFAULT", delivery[TckApp.KEYS_REGION], "no EU region keys: the default keys verified it");
    }
}
