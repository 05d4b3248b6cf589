package dev.qstash.jakarta.impl.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class InMemoryDeliveryStoreTest {

    private final MutableClock clock = new MutableClock();

    private Instant in(long seconds) {
        return clock.instant().plusSeconds(seconds);
    }

    @Test
    void putIfAbsentStoresOnceAndReportsTheLiveValue() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(10, InMemoryDeliveryStore.Full.EVICT_OLDEST, clock);
        assertEquals(Optional.empty(), store.putIfAbsent("k", "a", in(60)));
        assertEquals(Optional.of("a"), store.putIfAbsent("k", "b", in(60)));
    }

    @Test
    void anExpiredEntryCountsAsAbsent() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(10, InMemoryDeliveryStore.Full.EVICT_OLDEST, clock);
        store.putIfAbsent("k", "a", in(60));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.of("a"), store.putIfAbsent("k", "b", in(60)));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), store.putIfAbsent("k", "b", in(60)));
        assertFalse(store.replace("x", "a", "b", in(60)), "no entry");
    }

    @Test
    void replaceNeedsTheExpectedLiveValue() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(10, InMemoryDeliveryStore.Full.EVICT_OLDEST, clock);
        store.putIfAbsent("k", "a", in(10));
        assertFalse(store.replace("k", "other", "b", in(60)));
        assertTrue(store.replace("k", "a", "b", in(60)));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Optional.of("b"), store.putIfAbsent("k", "c", in(60)), "the replacement's expiry counts");
        clock.advance(Duration.ofSeconds(30));
        assertFalse(store.replace("k", "b", "c", in(60)), "expired");
    }

    @Test
    void aFullEvictingStoreDropsItsOldestEntry() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(3, InMemoryDeliveryStore.Full.EVICT_OLDEST, clock);
        for (String key : new String[]{"a", "b", "c", "d"}) {
            assertEquals(Optional.empty(), store.putIfAbsent(key, key, in(600)));
        }
        assertEquals(3, store.size());
        assertEquals(Optional.empty(), store.putIfAbsent("a", "again", in(600)), "a was the oldest: dropped");
        assertEquals(Optional.of("c"), store.putIfAbsent("c", "x", in(600)));
        assertEquals(Optional.of("d"), store.putIfAbsent("d", "x", in(600)));
    }

    @Test
    void aFullRefusingStoreNeverDropsALiveEntry() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(2, InMemoryDeliveryStore.Full.REFUSE, clock);
        store.putIfAbsent("a", "1", in(60));
        store.putIfAbsent("b", "1", in(60));
        assertThrows(InMemoryDeliveryStore.StoreFullException.class, () -> store.putIfAbsent("c", "1", in(60)));
        assertEquals(Optional.of("1"), store.putIfAbsent("a", "2", in(60)), "a is still held");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(Optional.empty(), store.putIfAbsent("c", "1", in(60)), "room once entries expire");
        assertTrue(store.size() <= 2, "expired entries were dropped: " + store.size());
    }

    @Test
    void aStoreIsBoundedUnderManyKeys() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore(100, InMemoryDeliveryStore.Full.EVICT_OLDEST, clock);
        for (int i = 0; i < 10_000; i++) {
            store.putIfAbsent("k" + i, "v", in(600));
        }
        assertEquals(100, store.size());
    }
}
