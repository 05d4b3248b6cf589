package dev.qstash.jakarta.impl.receive;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private final MutableClock clock = new MutableClock();

    private ReplayGuard guard(int maxEntries, long tolerance) {
        return new ReplayGuard(new InMemoryDeliveryStore(maxEntries, InMemoryDeliveryStore.Full.REFUSE, clock),
                tolerance);
    }

    @Test
    void aTokenIdIsAcceptedOnce() {
        ReplayGuard guard = guard(10, 0);
        Instant exp = clock.instant().plusSeconds(300);
        assertTrue(guard.firstUse("jwt_1", exp));
        assertFalse(guard.firstUse("jwt_1", exp));
        assertTrue(guard.firstUse("jwt_2", exp));
    }

    @Test
    void theRecordOutlivesTheTokenByTheClockTolerance() {
        ReplayGuard guard = guard(10, 30);
        Instant exp = clock.instant().plusSeconds(300);
        guard.firstUse("jwt_1", exp);
        clock.advance(Duration.ofSeconds(300 + 30));
        assertFalse(guard.firstUse("jwt_1", exp), "still refused at exp + tolerance, while the token verifies");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(guard.firstUse("jwt_1", exp), "forgotten once the token could no longer verify");
    }

    @Test
    void itFailsClosed() {
        ReplayGuard guard = guard(1, 0);
        Instant exp = clock.instant().plusSeconds(300);
        assertFalse(guard.firstUse(null, exp), "no jti");
        assertFalse(guard.firstUse("", exp), "empty jti");
        assertTrue(guard.firstUse("jwt_1", exp));
        assertFalse(guard.firstUse("jwt_2", exp), "a full store refuses rather than forgets");
    }

    @Test
    void concurrentUsesOfOneTokenAcceptOne() throws Exception {
        ReplayGuard guard = guard(100, 0);
        Instant exp = clock.instant().plusSeconds(300);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        for (int i = 0; i < 32; i++) {
            pool.execute(() -> {
                if (guard.firstUse("jwt_same", exp)) {
                    accepted.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
        org.junit.jupiter.api.Assertions.assertEquals(1, accepted.get());
    }
}
