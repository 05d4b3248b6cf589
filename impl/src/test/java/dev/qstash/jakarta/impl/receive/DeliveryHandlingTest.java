package dev.qstash.jakarta.impl.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.cache.Caching;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.impl.config.HandlingSettings;
import dev.qstash.jakarta.impl.testing.LogCapture;
import dev.qstash.jakarta.spi.DeliveryStore;

/** Which store the settings choose, and that a store which cannot be opened fails closed. */
class DeliveryHandlingTest {

    private static HandlingSettings settings(boolean replay, String store) {
        return new HandlingSettings(replay, 0, Duration.ofDays(7), Duration.ofMinutes(15), 10, store,
                "qstash-deliveries-test", 100);
    }

    /** A store an application names by class, counting its instances' writes. */
    public static class CountingStore implements DeliveryStore {

        static final Map<String, String> SHARED = new ConcurrentHashMap<>();

        @Override
        public Optional<String> putIfAbsent(String key, String value, Instant expiresAt) {
            return Optional.ofNullable(SHARED.putIfAbsent(key, value));
        }

        @Override
        public boolean replace(String key, String expected, String value, Instant expiresAt) {
            return SHARED.replace(key, expected, value);
        }
    }

    @Test
    void replayProtectionIsOffByDefault() {
        assertNull(DeliveryHandling.create(settings(false, "memory"), Clock.systemUTC(), () -> null).replayGuard());
    }

    @Test
    void theMemoryStoreKeepsRecordsAndTokenIds() {
        DeliveryHandling handling = DeliveryHandling.create(settings(true, "memory"), Clock.systemUTC(), () -> null);
        Idempotency.Decision decision = handling.idempotency().claim("e", "msg_1");
        assertEquals(Idempotency.Verdict.RUN, decision.verdict());
        assertTrue(handling.replayGuard().firstUse("jwt_1", Instant.now().plusSeconds(60)));
        assertFalse(handling.replayGuard().firstUse("jwt_1", Instant.now().plusSeconds(60)));
    }

    @Test
    void theJCacheStoreUsesTheGivenOrDefaultCacheManager() {
        DeliveryHandling handling = DeliveryHandling.create(settings(true, "jcache"), Clock.systemUTC(), () -> null);
        Idempotency.Decision decision = handling.idempotency().claim("e", "msg_jcache");
        assertEquals(Idempotency.Verdict.RUN, decision.verdict());
        assertTrue(Caching.getCachingProvider().getCacheManager().getCache("qstash-deliveries-test", String.class,
                String.class).containsKey(Idempotency.key("e", "msg_jcache")), "recorded in the named cache");
        handling.idempotency().complete(decision.claim());
        DeliveryHandling second = DeliveryHandling.create(settings(true, "jcache"), Clock.systemUTC(), () -> null);
        assertEquals(Idempotency.Verdict.DONE, second.idempotency().claim("e", "msg_jcache").verdict(),
                "another handling on the same cache sees the record, as another server would");
    }

    @Test
    void aStoreClassNamedInConfigIsUsed() {
        DeliveryHandling handling = DeliveryHandling.create(settings(false, CountingStore.class.getName()),
                Clock.systemUTC(), () -> null);
        handling.idempotency().claim("e", "msg_custom");
        assertTrue(CountingStore.SHARED.containsKey(Idempotency.key("e", "msg_custom")));
    }

    @Test
    void anUnusableStoreFailsClosedAndSaysSoOnce() {
        try (LogCapture log = new LogCapture()) {
            DeliveryHandling handling = DeliveryHandling.create(settings(true, "com.example.NoSuchStore"),
                    Clock.systemUTC(), () -> null);
            assertTrue(log.all().contains("QSTASH032"), log.all());
            assertThrows(IllegalStateException.class, () -> handling.idempotency().claim("e", "msg_1"));
            assertFalse(handling.replayGuard().firstUse("jwt_1", Instant.now().plusSeconds(60)),
                    "replay protection refuses rather than lets through");
        }
    }
}
