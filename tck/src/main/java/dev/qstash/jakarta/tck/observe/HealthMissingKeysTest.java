package dev.qstash.jakarta.tck.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckKeys;

/**
 * A deployment that starts but is incomplete: migration mode with US_EAST_1 as primary, whose URL, token and signing
 * keys are set, while nothing is set for EU_CENTRAL_1 (no token for the application's {@code @ForRegion} EU
 * publisher, no key pair for EU deliveries) and there is no default pair. The check {@code qstash} is DOWN, the
 * endpoint answers 503, and the data names the missing keys and their environment variables, with no secret value.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(HealthEndpoint.TAG)
public class HealthMissingKeysTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = new TreeMap<>();
        config.put("qstash.region", "US_EAST_1");
        // never called: the check asks nothing of QStash
        config.put("us-east-1.qstash.url", "http://127.0.0.1:9");
        config.put("us-east-1.qstash.token", TckKeys.US_TOKEN);
        config.put("us-east-1.qstash.current-signing-key", TckKeys.US_CURRENT);
        config.put("us-east-1.qstash.next-signing-key", TckKeys.US_NEXT);
        return TckDeployments.war(HealthMissingKeysTest.class, config);
    }

    @Test
    public void theQStashCheckIsDownAndNamesTheMissingKeys() {
        HealthEndpoint.Readiness readiness = HealthEndpoint.read(base);
        assertEquals(503, readiness.status(), readiness.body());
        assertEquals("DOWN", readiness.check("qstash").path("status").asText(), readiness.body());
        assertEquals("migration", readiness.data("qstash", "mode"));
        assertEquals("US_EAST_1", readiness.data("qstash", "region"));
        assertEquals("ready", readiness.data("qstash", "publish.primary"), "the primary region is complete");
        assertEquals("ready", readiness.data("qstash", "publish.US_EAST_1"));
        assertEquals("missing", readiness.data("qstash", "publish.EU_CENTRAL_1"));
        String publish = readiness.data("qstash", "publish.EU_CENTRAL_1.missing");
        assertTrue(publish.contains("eu-central-1.qstash.token") && publish.contains("EU_CENTRAL_1_QSTASH_TOKEN"),
                publish);
        assertEquals("missing", readiness.data("qstash", "receive"));
        assertEquals("US_EAST_1", readiness.data("qstash", "receive.keys"));
        String receive = readiness.data("qstash", "receive.missing");
        for (String key : new String[]{"eu-central-1.qstash.current-signing-key",
                "EU_CENTRAL_1_QSTASH_CURRENT_SIGNING_KEY", "eu-central-1.qstash.next-signing-key",
                "EU_CENTRAL_1_QSTASH_NEXT_SIGNING_KEY"}) {
            assertTrue(receive.contains(key), key + " in " + receive);
        }
        assertTrue(!receive.contains("us-east-1"), "the US pair is complete: " + receive);
        readiness.assertNoSecret();
    }
}
