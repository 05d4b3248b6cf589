package dev.qstash.jakarta.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's one clock: the system clock plus what {@link #advance(Duration)} added. Everything in the simulator
 * that depends on time reads it: delays and not-before, retry backoff and {@code Retry-After}, deduplication windows,
 * schedules, flow-control rate periods, and the times in logs, DLQ entries, messages, queues and URL groups. Only the
 * tokens' {@code iat} and {@code exp} keep to the system clock, since the receiver checks them against its own.
 */
final class SimClock {

    private final AtomicLong offsetMillis = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The simulator's time, in epoch milliseconds. */
    long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    /** Moves the clock forward and tells every listener (which bring forward what became due). */
    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, got " + by);
        }
        offsetMillis.addAndGet(by.toMillis());
        listeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} after each {@link #advance(Duration)}. */
    void onAdvance(Runnable listener) {
        listeners.add(listener);
    }
}
