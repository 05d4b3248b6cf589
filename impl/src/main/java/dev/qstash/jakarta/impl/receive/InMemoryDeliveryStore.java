package dev.qstash.jakarta.impl.receive;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import dev.qstash.jakarta.spi.DeliveryStore;

/**
 * The default store: a concurrent map on this server, bounded in entries and in time. Each operation is atomic on its
 * key ({@link ConcurrentHashMap#compute}). An expired entry counts as absent and is dropped when it reaches the head of
 * the insertion queue. When more than {@code maxEntries} are held, the oldest insertions are dropped first, expired or
 * not ({@link Full#EVICT_OLDEST}), or a new entry is refused while every held entry is live
 * ({@link Full#REFUSE}: {@link #putIfAbsent} then throws {@link StoreFullException}).
 */
public final class InMemoryDeliveryStore implements DeliveryStore {

    /** What a full store does with a new entry. */
    public enum Full {
        /** Drop the oldest entry, live or not. */
        EVICT_OLDEST,
        /** Keep every live entry; refuse the new one. */
        REFUSE
    }

    private record Entry(String value, long expiresAt, long sequence) {

        boolean expired(long now) {
            return now >= expiresAt;
        }
    }

    private record Inserted(String key, long sequence) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Queue<Inserted> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final int maxEntries;
    private final Full whenFull;
    private final Clock clock;

    public InMemoryDeliveryStore(int maxEntries, Full whenFull, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.whenFull = whenFull;
        this.clock = clock;
    }

    @Override
    public Optional<String> putIfAbsent(String key, String value, Instant expiresAt) {
        long now = clock.millis();
        if (whenFull == Full.REFUSE && entries.size() >= maxEntries) {
            dropExpired(now);
            if (entries.size() >= maxEntries) {
                Entry current = entries.get(key);
                if (current != null && !current.expired(now)) {
                    return Optional.of(current.value());
                }
                throw new StoreFullException(maxEntries);
            }
        }
        Entry fresh = new Entry(value, expiresAt.toEpochMilli(), sequence.incrementAndGet());
        Entry[] live = new Entry[1];
        entries.compute(key, (k, current) -> {
            if (current == null || current.expired(now)) {
                return fresh;
            }
            live[0] = current;
            return current;
        });
        if (live[0] != null) {
            return Optional.of(live[0].value());
        }
        order.add(new Inserted(key, fresh.sequence()));
        if (entries.size() > maxEntries) {
            dropOldest();
        }
        return Optional.empty();
    }

    @Override
    public boolean replace(String key, String expected, String value, Instant expiresAt) {
        long now = clock.millis();
        boolean[] replaced = new boolean[1];
        entries.computeIfPresent(key, (k, current) -> {
            if (current.expired(now) || !current.value().equals(expected)) {
                return current;
            }
            replaced[0] = true;
            // same sequence: the entry keeps its place in the insertion queue
            return new Entry(value, expiresAt.toEpochMilli(), current.sequence());
        });
        return replaced[0];
    }

    /** Entries held, live or expired but not yet dropped. */
    public int size() {
        return entries.size();
    }

    /** Drops entries from the head of the insertion queue while they are expired (or stale queue records). */
    private void dropExpired(long now) {
        while (true) {
            Inserted oldest = order.peek();
            if (oldest == null) {
                return;
            }
            Entry entry = entries.get(oldest.key());
            boolean current = entry != null && entry.sequence() == oldest.sequence();
            if (current && !entry.expired(now)) {
                return;
            }
            if (order.remove(oldest) && current) {
                entries.remove(oldest.key(), entry);
            }
        }
    }

    /** Drops the oldest insertions, live or not, until the bound holds. */
    private void dropOldest() {
        while (entries.size() > maxEntries) {
            Inserted oldest = order.poll();
            if (oldest == null) {
                return;
            }
            entries.computeIfPresent(oldest.key(), (k, e) -> e.sequence() == oldest.sequence() ? null : e);
        }
    }

    /** A {@link Full#REFUSE} store is full of live entries. */
    public static final class StoreFullException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        StoreFullException(int maxEntries) {
            super("the in-memory store holds its maximum of " + maxEntries + " live entries");
        }
    }
}
