package dev.qstash.jakarta.impl.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.qstash.jakarta.impl.receive.Idempotency.Verdict;
import dev.qstash.jakarta.spi.DeliveryStore;

/** The idempotent receiver's rules, on the in-memory store and on a JCache cache (the JSR 107 reference). */
class IdempotencyTest {

    private static final Duration LIFETIME = Duration.ofDays(7);
    private static final Duration LEASE = Duration.ofMinutes(15);
    private static final AtomicInteger CACHES = new AtomicInteger();

    static Stream<Function<MutableClock, DeliveryStore>> stores() {
        return Stream.of(clock -> new InMemoryDeliveryStore(1000, InMemoryDeliveryStore.Full.EVICT_OLDEST, clock),
                clock -> new JCacheDeliveryStore(Caching.getCachingProvider().getCacheManager().createCache(
                        "idempotency-" + CACHES.incrementAndGet(),
                        new MutableConfiguration<String, String>().setTypes(String.class, String.class)), clock));
    }

    @AfterAll
    static void closeCaches() {
        Caching.getCachingProvider().close();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aProcessedMessageIsAnsweredWithoutRunningAgain(Function<MutableClock, DeliveryStore> store) {
        Idempotency rules = new Idempotency(store.apply(new MutableClock()), LIFETIME, LEASE, new MutableClock());
        Idempotency.Decision first = rules.claim("endpoint", "msg_1");
        assertEquals(Verdict.RUN, first.verdict());
        assertFalse(first.claim().seenBefore());
        assertTrue(rules.complete(first.claim()));
        assertEquals(Verdict.DONE, rules.claim("endpoint", "msg_1").verdict());
        assertEquals(Verdict.RUN, rules.claim("other-endpoint", "msg_1").verdict(), "records are per endpoint");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aMessageBeingProcessedIsBusyForOthers(Function<MutableClock, DeliveryStore> store) {
        MutableClock clock = new MutableClock();
        Idempotency rules = new Idempotency(store.apply(clock), LIFETIME, LEASE, clock);
        Idempotency.Decision first = rules.claim("endpoint", "msg_1");
        assertEquals(Verdict.BUSY, rules.claim("endpoint", "msg_1").verdict());
        assertTrue(rules.complete(first.claim()));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aFailureReleasesTheMessageAndTheRetryKnowsItWasSeen(Function<MutableClock, DeliveryStore> store) {
        MutableClock clock = new MutableClock();
        Idempotency rules = new Idempotency(store.apply(clock), LIFETIME, LEASE, clock);
        assertTrue(rules.release(rules.claim("endpoint", "msg_1").claim()));
        Idempotency.Decision retry = rules.claim("endpoint", "msg_1");
        assertEquals(Verdict.RUN, retry.verdict());
        assertTrue(retry.claim().seenBefore());
        rules.complete(retry.claim());
        assertEquals(Verdict.DONE, rules.claim("endpoint", "msg_1").verdict());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anAbandonedClaimIsTakenOverAfterTheProcessingTimeoutAndTheLateOwnerCannotSettleIt(
            Function<MutableClock, DeliveryStore> store) {
        MutableClock clock = new MutableClock();
        Idempotency rules = new Idempotency(store.apply(clock), LIFETIME, LEASE, clock);
        Idempotency.Claim abandoned = rules.claim("endpoint", "msg_1").claim();
        clock.advance(LEASE.minusSeconds(1));
        assertEquals(Verdict.BUSY, rules.claim("endpoint", "msg_1").verdict());
        clock.advance(Duration.ofSeconds(1));
        Idempotency.Decision takeover = rules.claim("endpoint", "msg_1");
        assertEquals(Verdict.RUN, takeover.verdict());
        assertTrue(takeover.claim().seenBefore());
        assertFalse(rules.release(abandoned), "the first owner lost its claim");
        assertEquals(Verdict.BUSY, rules.claim("endpoint", "msg_1").verdict());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aRecordLastsItsLifetime(Function<MutableClock, DeliveryStore> store) {
        MutableClock clock = new MutableClock();
        Idempotency rules = new Idempotency(store.apply(clock), LIFETIME, LEASE, clock);
        rules.complete(rules.claim("endpoint", "msg_1").claim());
        clock.advance(LIFETIME.minusSeconds(1));
        assertEquals(Verdict.DONE, rules.claim("endpoint", "msg_1").verdict());
        clock.advance(Duration.ofSeconds(1));
        Idempotency.Decision afterwards = rules.claim("endpoint", "msg_1");
        assertEquals(Verdict.RUN, afterwards.verdict());
        assertFalse(afterwards.claim().seenBefore(), "forgotten");
    }

    /** 64 threads deliver one message at once, again and again until it is processed: the method runs once. */
    @ParameterizedTest
    @MethodSource("stores")
    void manyConcurrentDeliveriesOfOneMessageRunItExactlyOnce(Function<MutableClock, DeliveryStore> store)
            throws Exception {
        MutableClock clock = new MutableClock();
        Idempotency rules = new Idempotency(store.apply(clock), LIFETIME, LEASE, clock);
        for (int round = 0; round < 20; round++) {
            String messageId = "msg_" + round;
            AtomicInteger runs = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            int threads = 64;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    boolean failFirst = round % 2 == 1;
                    results.add(pool.submit((Callable<Void>) () -> {
                        start.await();
                        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                        while (System.nanoTime() < deadline) {
                            Idempotency.Decision decision = rules.claim("endpoint", messageId);
                            if (decision.verdict() == Verdict.DONE) {
                                done.incrementAndGet();
                                return null;
                            }
                            if (decision.verdict() == Verdict.RUN) {
                                if (failFirst && !decision.claim().seenBefore()) {
                                    rules.release(decision.claim()); // the first attempt fails
                                    continue;
                                }
                                runs.incrementAndGet();
                                Thread.sleep(2);
                                rules.complete(decision.claim());
                                return null;
                            }
                            Thread.sleep(1); // busy: QStash would come back later
                        }
                        throw new AssertionError("never settled");
                    }));
                }
                start.countDown();
                for (Future<?> result : results) {
                    result.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, runs.get(), "successful runs of " + messageId);
            assertEquals(threads - 1, done.get(), "the others were answered as processed");
        }
    }
}
