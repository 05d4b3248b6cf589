package dev.qstash.jakarta.tck.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.Map;
import java.util.TreeMap;

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
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * The migration story end to end, with two QStash regions: the application moved to US ({@code qstash.region =
 * US_EAST_1}) publishes through US and verifies US deliveries with the US keys; the old EU region, still reachable
 * through {@code @ForRegion(EU_CENTRAL_1)}, delivers too, verified with the EU keys; after a key rotation the next key
 * verifies.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.PUBLISH)
public class MigrationTest {

    static final QStashSimulator US = TckSimulators.start(QStashRegion.US_EAST_1);
    static final QStashSimulator EU = TckSimulators.start(QStashRegion.EU_CENTRAL_1);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = new TreeMap<>();
        config.put("qstash.region", "US_EAST_1");
        config.put("us-east-1.qstash.url", US.url());
        config.put("us-east-1.qstash.token", TckKeys.US_TOKEN);
        config.put("us-east-1.qstash.current-signing-key", TckKeys.US_CURRENT);
        config.put("us-east-1.qstash.next-signing-key", TckKeys.US_NEXT);
        config.put("eu-central-1.qstash.url", EU.url());
        config.put("eu-central-1.qstash.token", TckKeys.EU_TOKEN);
        config.put("eu-central-1.qstash.current-signing-key", TckKeys.EU_CURRENT);
        config.put("eu-central-1.qstash.next-signing-key", TckKeys.EU_NEXT);
        return TckDeployments.war(MigrationTest.class, config);
    }

    @AfterAll
    static void stop() {
        US.close();
        EU.close();
    }

    private static RecordedRequest lastPublish(QStashSimulator region) {
        return region.requests().stream().filter(r -> r.path().startsWith("/v2/publish/")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(region + " received no publish"));
    }

    @Test
    public void thePrimaryRegionPublishesAndItsDeliveryIsVerifiedWithItsKeys() {
        String[] sent = TckApp.publish(base, "primary", "via primary");
        assertEquals("US_EAST_1", sent[1]);
        assertEquals("Bearer " + TckKeys.US_TOKEN, lastPublish(US).header("Authorization"));
        String[] delivery = TckApp.delivery(base, sent[0]);
        assertEquals("US_EAST_1", delivery[TckApp.REGION]);
        assertEquals("US_EAST_1", delivery[TckApp.KEYS_REGION], "verified with the US keys");
    }

    @Test
    public void theOldRegionStillDeliversAndIsVerifiedWithItsOwnKeys() {
        String[] sent = TckApp.publish(base, "eu", "via eu");
        assertEquals("EU_CENTRAL_1", sent[1]);
        assertEquals("Bearer " + TckKeys.EU_TOKEN, lastPublish(EU).header("Authorization"));
        String[] delivery = TckApp.delivery(base, sent[0]);
        assertEquals("EU_CENTRAL_1", delivery[TckApp.REGION]);
        assertEquals("EU_CENTRAL_1", delivery[TckApp.KEYS_REGION], "verified with the EU keys");
    }

    @Test
    public void afterAKeyRotationTheNextKeyVerifies() {
        EU.rotateSigningKeys();
        String[] sent = TckApp.publish(base, "eu", "via eu");
        String[] delivery = TckApp.delivery(base, sent[0]);
        assertEquals("EU_CENTRAL_1", delivery[TckApp.KEYS_REGION]);
        assertEquals("NEXT", delivery[TckApp.SIGNING_KEY]);
    }
}
