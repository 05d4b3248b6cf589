package dev.qstash.jakarta.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.testing.TestConfig;

class QStashSettingsTest {

    @Test
    void dottedPropertiesAndEnvironmentVariablesAreTheSameKeys() {
        QStashSettings fromProperties = QStashSettings.resolve(TestConfig.properties(Map.of(
                "qstash.region", "us-east-1", "us-east-1.qstash.url", "https://us.example", "us-east-1.qstash.token",
                "t_us", "eu-central-1.qstash.current-signing-key", "eu_c", "eu-central-1.qstash.next-signing-key",
                "eu_n")));
        QStashSettings fromEnvironment = QStashSettings.resolve(TestConfig.environment(Map.of(
                "QSTASH_REGION", "US_EAST_1", "US_EAST_1_QSTASH_URL", "https://us.example", "US_EAST_1_QSTASH_TOKEN",
                "t_us", "EU_CENTRAL_1_QSTASH_CURRENT_SIGNING_KEY", "eu_c", "EU_CENTRAL_1_QSTASH_NEXT_SIGNING_KEY",
                "eu_n")));
        for (QStashSettings settings : new QStashSettings[]{fromProperties, fromEnvironment}) {
            assertEquals(URI.create("https://us.example"), settings.primary().baseUrl());
            assertEquals("t_us", settings.primary().token());
            assertEquals(Optional.of(QStashRegion.US_EAST_1), settings.primary().region());
            assertEquals(Optional.of(QStashRegion.US_EAST_1), settings.receiver().migrationRegion());
            assertEquals(1, settings.receiver().regionKeys().size());
            assertTrue(settings.receiver().regionKeys().containsKey(QStashRegion.EU_CENTRAL_1));
            assertTrue(settings.warnings().isEmpty(), settings.warnings()::toString);
        }
    }

    @Test
    void regionalPublishersDefaultToTheRegionsOwnUrl() {
        QStashSettings settings = QStashSettings.resolve(TestConfig.environment(Map.of("EU_CENTRAL_1_QSTASH_TOKEN",
                "t_eu")));
        Credentials eu = settings.regionCredentials(QStashRegion.EU_CENTRAL_1);
        assertEquals(URI.create("https://qstash-eu-central-1.upstash.io"), eu.baseUrl());
        assertEquals("t_eu", eu.token());
        Credentials us = settings.regionCredentials(QStashRegion.US_EAST_1);
        assertFalse(us.hasToken());
        assertEquals("us-east-1.qstash.token (env US_EAST_1_QSTASH_TOKEN)", us.missingToken());
    }

    @Test
    void singleRegionDefaultsToTheEuUrlAndKnowsTheRegionOfQStashUrls() {
        QStashSettings settings = QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_TOKEN", "t")));
        assertEquals(URI.create("https://qstash.upstash.io"), settings.primary().baseUrl());
        assertEquals(Optional.empty(), settings.primary().region());
        QStashSettings us = QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_TOKEN", "t", "QSTASH_URL",
                "https://qstash-us-east-1.upstash.io/")));
        assertEquals(URI.create("https://qstash-us-east-1.upstash.io"), us.primary().baseUrl());
        assertEquals(Optional.of(QStashRegion.US_EAST_1), us.primary().region());
    }

    @Test
    void anIncompleteKeyPairIsUnusableAndNamedOnce() {
        QStashSettings settings = QStashSettings.resolve(TestConfig.environment(Map.of(
                "QSTASH_CURRENT_SIGNING_KEY", "sig_only_current")));
        assertFalse(settings.receiver().hasUsableKeys());
        assertEquals(1, settings.warnings().size());
        assertTrue(settings.warnings().get(0).startsWith(
                "qstash.next-signing-key (env QSTASH_NEXT_SIGNING_KEY) is not set"), settings.warnings().get(0));
        assertFalse(settings.warnings().get(0).contains("sig_only_current"));
    }

    @Test
    void regionKeysWithoutMigrationModeAreReportedAsIgnored() {
        QStashSettings settings = QStashSettings.resolve(TestConfig.environment(Map.of(
                "US_EAST_1_QSTASH_CURRENT_SIGNING_KEY", "a", "US_EAST_1_QSTASH_NEXT_SIGNING_KEY", "b")));
        assertFalse(settings.receiver().hasUsableKeys());
        assertTrue(settings.warnings().get(0).contains("only in migration mode"), settings.warnings()::toString);
    }

    @Test
    void anInvalidRegionIsWarnedAboutAndIgnored() {
        QStashSettings settings = QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_REGION", "AP_SOUTH_1",
                "QSTASH_TOKEN", "t")));
        assertFalse(settings.receiver().migrationMode());
        assertTrue(settings.warnings().get(0).contains("\"AP_SOUTH_1\", which names no region"));
    }

    @Test
    void aDeploymentThatCanDoNothingIsToldEveryKeyToSet() {
        assertEquals(Optional.of("QStash is not configured: this application can neither publish nor verify "
                + "deliveries. To publish, set qstash.token (env QSTASH_TOKEN). To verify deliveries, set "
                + "qstash.current-signing-key (env QSTASH_CURRENT_SIGNING_KEY) and qstash.next-signing-key "
                + "(env QSTASH_NEXT_SIGNING_KEY)."),
                QStashSettings.resolve(TestConfig.environment(Map.of())).unusable());
        String migration = QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_REGION", "EU_CENTRAL_1")))
                .unusable().orElseThrow();
        assertTrue(migration.contains("eu-central-1.qstash.token (env EU_CENTRAL_1_QSTASH_TOKEN)"), migration);
        assertTrue(migration.contains("eu-central-1.qstash.current-signing-key"), migration);
        assertEquals(Optional.empty(), QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_TOKEN", "t")))
                .unusable());
    }

    @Test
    void badValuesNameTheKey() {
        QStashConfigurationException e = assertThrows(QStashConfigurationException.class,
                () -> QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_VERIFY_CLOCK_TOLERANCE", "soon"))));
        assertTrue(e.getMessage().startsWith("qstash.verify.clock-tolerance (env QSTASH_VERIFY_CLOCK_TOLERANCE)"),
                e.getMessage());
        e = assertThrows(QStashConfigurationException.class, () -> QStashSettings.resolve(TestConfig.environment(
                Map.of("QSTASH_VERIFY_MAX_BODY_SIZE", "-1"))));
        assertTrue(e.getMessage().startsWith("qstash.verify.max-body-size (env QSTASH_VERIFY_MAX_BODY_SIZE) must not "
                + "be negative"), e.getMessage());
        e = assertThrows(QStashConfigurationException.class, () -> QStashSettings.resolve(TestConfig.environment(
                Map.of("QSTASH_VERIFY_MEMORY_THRESHOLD", Integer.toString(Integer.MAX_VALUE)))));
        assertTrue(e.getMessage().startsWith("qstash.verify.memory-threshold (env QSTASH_VERIFY_MEMORY_THRESHOLD) "
                + "must be between 0 and"), e.getMessage());
        e = assertThrows(QStashConfigurationException.class,
                () -> QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_URL", "qstash.upstash.io"))));
        assertTrue(e.getMessage().contains("not an absolute http(s) URL"), e.getMessage());
    }

    @Test
    void credentialsNeverPrintTheToken() {
        Credentials credentials = QStashSettings.explicit("https://qstash.upstash.io", "secret-token-value");
        assertFalse(credentials.toString().contains("secret-token-value"));
    }

    @Test
    void theClientRetrySettingsDefaultToTheSdksAndReadTheirEnvironmentVariables() {
        assertEquals(new ClientSettings(5, Duration.ZERO, false),
                QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_TOKEN", "t"))).client());
        assertEquals(ClientSettings.DEFAULTS,
                QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_TOKEN", "t"))).client());
        assertEquals(new ClientSettings(8, Duration.ofSeconds(3), true),
                QStashSettings.resolve(TestConfig.environment(Map.of("QSTASH_TOKEN", "t", "QSTASH_CLIENT_RETRIES", "8",
                        "QSTASH_CLIENT_RATE_LIMIT_MAX_WAIT", "3", "QSTASH_CLIENT_RETRY_SERVER_ERRORS", "true")))
                        .client());
        QStashConfigurationException negative = assertThrows(QStashConfigurationException.class,
                () -> QStashSettings.resolve(TestConfig.properties(Map.of("qstash.client.rate-limit-max-wait", "-1"))));
        assertEquals("qstash.client.rate-limit-max-wait (env QSTASH_CLIENT_RATE_LIMIT_MAX_WAIT) must not be "
                + "negative, got -1", negative.getMessage());
    }
}
