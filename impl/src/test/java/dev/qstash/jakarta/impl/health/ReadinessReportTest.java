package dev.qstash.jakarta.impl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.config.QStashSettings;
import dev.qstash.jakarta.impl.testing.TestConfig;

/** The readiness rules on real MicroProfile Config (SmallRye), without a server. */
class ReadinessReportTest {

    private static final String TOKEN = "qstash_secret_token_value_1234";
    private static final String CURRENT = "sig_secret_current_value_5678";
    private static final String NEXT = "sig_secret_next_value_9012";

    private static final Usage EVERYTHING = new Usage(true, true, EnumSet.allOf(QStashRegion.class));
    private static final Usage RECEIVES_ONLY = new Usage(true, false, Set.of());
    private static final Usage PUBLISHES_ONLY = new Usage(false, true, Set.of());
    private static final Usage NOTHING = new Usage(false, false, Set.of());

    private static ReadinessReport report(Map<String, String> properties, Usage usage) {
        Config config = TestConfig.properties(properties);
        return ReadinessReport.of(QStashSettings.resolve(config), key -> config.getOptionalValue(key, String.class)
                .filter(value -> !value.isEmpty()).isPresent(), usage);
    }

    private static Map<String, String> singleRegion() {
        Map<String, String> properties = new HashMap<>();
        properties.put("qstash.token", TOKEN);
        properties.put("qstash.current-signing-key", CURRENT);
        properties.put("qstash.next-signing-key", NEXT);
        return properties;
    }

    private static void assertNoValue(ReadinessReport report) {
        String text = report.data().toString();
        for (String secret : new String[]{TOKEN, CURRENT, NEXT, "secret"}) {
            assertFalse(text.contains(secret), text);
        }
    }

    @Test
    void aCompleteSingleRegionSetupIsUp() {
        Map<String, String> properties = singleRegion();
        properties.put("eu-central-1.qstash.token", TOKEN);
        properties.put("us-east-1.qstash.token", TOKEN);
        ReadinessReport report = report(properties, EVERYTHING);
        assertTrue(report.up(), report.data().toString());
        assertEquals("single-region", report.data().get("mode"));
        assertEquals("ready", report.data().get("publish.primary"));
        assertEquals("ready", report.data().get("publish.EU_CENTRAL_1"));
        assertEquals("ready", report.data().get("publish.US_EAST_1"));
        assertEquals("ready", report.data().get("receive"));
        assertEquals("default", report.data().get("receive.keys"));
        assertEquals(true, report.data().get("publish.used"));
        assertEquals(true, report.data().get("receive.used"));
        assertFalse(report.data().keySet().stream().anyMatch(key -> key.endsWith(".missing")), report.data()
                .toString());
        assertNoValue(report);
    }

    @Test
    void theRegionOfTheDefaultUrlIsNamedInSingleRegionMode() {
        Map<String, String> properties = singleRegion();
        properties.put("qstash.url", "https://qstash-us-east-1.upstash.io");
        assertEquals("US_EAST_1", report(properties, EVERYTHING).data().get("region"));
        properties.put("qstash.url", "http://127.0.0.1:8080");
        assertFalse(report(properties, EVERYTHING).data().containsKey("region"));
    }

    @Test
    void anInjectedPublisherWithoutTokenIsDownAndNamesTheKey() {
        Map<String, String> properties = singleRegion();
        properties.remove("qstash.token");
        ReadinessReport report = report(properties, EVERYTHING);
        assertFalse(report.up());
        assertEquals("missing", report.data().get("publish.primary"));
        assertEquals("qstash.token (env QSTASH_TOKEN)", report.data().get("publish.primary.missing"));
        assertEquals("eu-central-1.qstash.token (env EU_CENTRAL_1_QSTASH_TOKEN)",
                report.data().get("publish.EU_CENTRAL_1.missing"));
        assertEquals("ready", report.data().get("receive"), "the receiving side is complete");
        assertNoValue(report);
    }

    @Test
    void anApplicationThatOnlyReceivesNeedsNoToken() {
        Map<String, String> properties = singleRegion();
        properties.remove("qstash.token");
        ReadinessReport report = report(properties, RECEIVES_ONLY);
        assertTrue(report.up(), report.data().toString());
        assertEquals("missing", report.data().get("publish.primary"), "still reported");
        assertEquals(false, report.data().get("publish.used"));
        assertFalse(report.data().containsKey("publish.EU_CENTRAL_1"), "a region no one injects is not reported");
    }

    @Test
    void aReceiverWithOneKeyMissingIsDownAndNamesOnlyThatKey() {
        Map<String, String> properties = singleRegion();
        properties.remove("qstash.next-signing-key");
        ReadinessReport report = report(properties, RECEIVES_ONLY);
        assertFalse(report.up());
        assertEquals("missing", report.data().get("receive"));
        assertEquals("none", report.data().get("receive.keys"));
        assertEquals("qstash.next-signing-key (env QSTASH_NEXT_SIGNING_KEY)", report.data().get("receive.missing"));
        assertNoValue(report);
    }

    @Test
    void anApplicationThatOnlyPublishesNeedsNoKeys() {
        Map<String, String> properties = singleRegion();
        properties.remove("qstash.current-signing-key");
        properties.remove("qstash.next-signing-key");
        ReadinessReport report = report(properties, PUBLISHES_ONLY);
        assertTrue(report.up(), report.data().toString());
        assertEquals("missing", report.data().get("receive"));
        assertEquals(
                "qstash.current-signing-key (env QSTASH_CURRENT_SIGNING_KEY) and qstash.next-signing-key "
                        + "(env QSTASH_NEXT_SIGNING_KEY)",
                report.data().get("receive.missing"));
    }

    @Test
    void whatNoOneUsesNeverMakesItDown() {
        ReadinessReport report = report(Map.of(), NOTHING);
        assertTrue(report.up(), report.data().toString());
        assertEquals("missing", report.data().get("publish.primary"));
        assertEquals("missing", report.data().get("receive"));
    }

    @Test
    void migrationModeNeedsAPairForEachRegionOrTheDefaultPair() {
        Map<String, String> properties = new HashMap<>();
        properties.put("qstash.region", "US_EAST_1");
        properties.put("us-east-1.qstash.url", "http://127.0.0.1:8081");
        properties.put("us-east-1.qstash.token", TOKEN);
        properties.put("us-east-1.qstash.current-signing-key", CURRENT);
        properties.put("us-east-1.qstash.next-signing-key", NEXT);
        properties.put("eu-central-1.qstash.current-signing-key", CURRENT);
        ReadinessReport report = report(properties, RECEIVES_ONLY);
        assertFalse(report.up());
        assertEquals("migration", report.data().get("mode"));
        assertEquals("US_EAST_1", report.data().get("region"));
        assertEquals("ready", report.data().get("publish.primary"));
        assertEquals("US_EAST_1", report.data().get("receive.keys"));
        assertEquals("eu-central-1.qstash.next-signing-key (env EU_CENTRAL_1_QSTASH_NEXT_SIGNING_KEY), or "
                + "qstash.current-signing-key (env QSTASH_CURRENT_SIGNING_KEY) and qstash.next-signing-key "
                + "(env QSTASH_NEXT_SIGNING_KEY)", report.data().get("receive.missing"));
        assertNoValue(report);

        properties.put("eu-central-1.qstash.next-signing-key", NEXT);
        ReadinessReport both = report(properties, RECEIVES_ONLY);
        assertTrue(both.up(), both.data().toString());
        assertEquals("EU_CENTRAL_1,US_EAST_1", both.data().get("receive.keys"));

        properties.remove("eu-central-1.qstash.next-signing-key");
        properties.put("qstash.current-signing-key", CURRENT);
        properties.put("qstash.next-signing-key", NEXT);
        ReadinessReport fallback = report(properties, RECEIVES_ONLY);
        assertTrue(fallback.up(), "the default pair verifies the region without its own");
        assertEquals("default,US_EAST_1", fallback.data().get("receive.keys"));
    }

    @Test
    void inMigrationModeThePrimaryNamesTheRegionKeysOrThePlainToken() {
        Map<String, String> properties = new HashMap<>();
        properties.put("qstash.region", "EU_CENTRAL_1");
        properties.put("eu-central-1.qstash.url", "http://127.0.0.1:8081");
        ReadinessReport report = report(properties, PUBLISHES_ONLY);
        assertFalse(report.up());
        assertEquals("EU_CENTRAL_1", report.data().get("region"));
        assertEquals("eu-central-1.qstash.token (env EU_CENTRAL_1_QSTASH_TOKEN), or qstash.token (env QSTASH_TOKEN)",
                report.data().get("publish.primary.missing"));

        properties.put("qstash.token", TOKEN);
        assertTrue(report(properties, PUBLISHES_ONLY).up(), "the SDK's fallback to qstash.token publishes");
    }

    @Test
    void aRegionalPublisherIsJudgedOnItsOwnToken() {
        Map<String, String> properties = singleRegion();
        properties.put("us-east-1.qstash.token", TOKEN);
        ReadinessReport usOnly = report(properties, new Usage(false, false, Set.of(QStashRegion.US_EAST_1)));
        assertTrue(usOnly.up(), usOnly.data().toString());
        ReadinessReport eu = report(properties, new Usage(false, false, Set.of(QStashRegion.EU_CENTRAL_1)));
        assertFalse(eu.up());
        assertEquals("missing", eu.data().get("publish.EU_CENTRAL_1"));
        assertEquals(true, eu.data().get("publish.used"));
    }
}
