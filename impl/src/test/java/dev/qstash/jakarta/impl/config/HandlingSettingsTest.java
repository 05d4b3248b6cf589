package dev.qstash.jakarta.impl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.impl.testing.TestConfig;

class HandlingSettingsTest {

    @Test
    void defaults() {
        HandlingSettings settings = HandlingSettings.resolve(TestConfig.environment(Map.of()));
        assertFalse(settings.replayProtection());
        assertEquals(Duration.ofDays(7), settings.recordLifetime());
        assertEquals(Duration.ofMinutes(15), settings.processingTimeout());
        assertEquals(10, settings.retryAfterSeconds());
        assertEquals("memory", settings.store());
        assertEquals("qstash-deliveries", settings.cacheName());
        assertEquals(100_000, settings.maxEntries());
    }

    @Test
    void fromTheEnvironment() {
        HandlingSettings settings = HandlingSettings.resolve(TestConfig.environment(Map.of(
                "QSTASH_VERIFY_REPLAY_PROTECTION", "true", "QSTASH_VERIFY_CLOCK_TOLERANCE", "5",
                "QSTASH_IDEMPOTENCY_RECORD_LIFETIME", "86400", "QSTASH_IDEMPOTENCY_PROCESSING_TIMEOUT", "60",
                "QSTASH_IDEMPOTENCY_RETRY_AFTER", "3", "QSTASH_RECEIVE_STORE", "jcache",
                "QSTASH_RECEIVE_STORE_CACHE_NAME", "orders", "QSTASH_RECEIVE_STORE_MAX_ENTRIES", "50")));
        assertTrue(settings.replayProtection());
        assertEquals(5, settings.clockToleranceSeconds());
        assertEquals(Duration.ofDays(1), settings.recordLifetime());
        assertEquals(Duration.ofMinutes(1), settings.processingTimeout());
        assertEquals(3, settings.retryAfterSeconds());
        assertEquals("jcache", settings.store());
        assertEquals("orders", settings.cacheName());
        assertEquals(50, settings.maxEntries());
    }

    @Test
    void badValuesNameTheKeyAndItsVariable() {
        QStashConfigurationException zero = assertThrows(QStashConfigurationException.class,
                () -> HandlingSettings.resolve(TestConfig.environment(Map.of(
                        "QSTASH_IDEMPOTENCY_RECORD_LIFETIME", "0"))));
        assertTrue(zero.getMessage().contains("qstash.idempotency.record-lifetime (env "
                + "QSTASH_IDEMPOTENCY_RECORD_LIFETIME) must be positive"), zero.getMessage());
        QStashConfigurationException entries = assertThrows(QStashConfigurationException.class,
                () -> HandlingSettings.resolve(TestConfig.environment(Map.of(
                        "QSTASH_RECEIVE_STORE_MAX_ENTRIES", "-1"))));
        assertTrue(entries.getMessage().contains("QSTASH_RECEIVE_STORE_MAX_ENTRIES"), entries.getMessage());
        assertThrows(QStashConfigurationException.class, () -> HandlingSettings.resolve(TestConfig.environment(
                Map.of("QSTASH_VERIFY_REPLAY_PROTECTION", "maybe"))));
    }
}
