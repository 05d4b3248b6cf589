package dev.qstash.jakarta.tck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.simulator.QStashTokens;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * Migration mode with both regions' keys and no default keys: the {@code Upstash-Region} header picks the key pair,
 * in any spelling; keys of the other region, or no usable header, are rejected.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.VERIFY)
public class RegionKeysTest {

    private static final byte[] BODY = "{\"region\":true}".getBytes(StandardCharsets.UTF_8);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(RegionKeysTest.class, Map.of(
                "qstash.region", "US_EAST_1",
                "us-east-1.qstash.current-signing-key", TckKeys.US_CURRENT,
                "us-east-1.qstash.next-signing-key", TckKeys.US_NEXT,
                "eu-central-1.qstash.current-signing-key", TckKeys.EU_CURRENT,
                "eu-central-1.qstash.next-signing-key", TckKeys.EU_NEXT));
    }

    private int deliver(String key, String region, String id) {
        URI receive = TckHttp.loopback(base, "api/receive");
        return region == null
                ? TckHttp.post(receive, BODY, "Upstash-Signature", QStashTokens.genuine(key, receive.toString(), BODY),
                        "Upstash-Message-Id", id).statusCode()
                : TckHttp.post(receive, BODY, "Upstash-Signature", QStashTokens.genuine(key, receive.toString(), BODY),
                        "Upstash-Message-Id", id, "Upstash-Region", region).statusCode();
    }

    private static String id() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    private String keysRegionOf(String id) {
        return TckHttp.awaitLine(TckHttp.loopback(base, "api/received"), l -> l.contains(" " + id + " "),
                Duration.ofSeconds(10)).split(" ")[4];
    }

    @Test
    public void theOldRegionsDeliveryIsVerifiedWithItsKeys() {
        String id = id();
        assertEquals(200, deliver(TckKeys.EU_CURRENT, "EU-CENTRAL-1", id));
        assertEquals("EU_CENTRAL_1", keysRegionOf(id));
    }

    @Test
    public void thePrimaryRegionsDeliveryIsVerifiedWithItsKeysWhateverTheSpelling() {
        String id = id();
        assertEquals(200, deliver(TckKeys.US_NEXT, "us-east-1", id));
        assertEquals("US_EAST_1", keysRegionOf(id));
    }

    @Test
    public void aRegionHeaderPointingAtKeysThatDidNotSignIsRejected() {
        assertEquals(401, deliver(TckKeys.EU_CURRENT, "US-EAST-1", id()));
    }

    @Test
    public void withoutAUsableHeaderAndWithoutDefaultKeysNothingIsAccepted() {
        assertEquals(401, deliver(TckKeys.US_CURRENT, null, id()));
        assertEquals(401, deliver(TckKeys.US_CURRENT, "AP-SOUTH-1", id()));
    }
}
