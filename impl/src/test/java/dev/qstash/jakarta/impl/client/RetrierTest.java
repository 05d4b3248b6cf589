package dev.qstash.jakarta.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.QStashRateLimitException;
import dev.qstash.jakarta.QStashRateLimitException.Kind;
import dev.qstash.jakarta.impl.testing.LogCapture;

class RetrierTest {

    private static CompletableFuture<String> networkFailure() {
        return CompletableFuture.failedFuture(new ProcessingException(new ConnectException("Connection refused")));
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theSdkBackoffIsExpOfNTimesFiftyMillis() {
        List<Long> waits = List.of(0, 1, 2, 3, 4).stream()
                .map(n -> Retrier.DEFAULT_BACKOFF.apply(n).toMillis()).toList();
        assertEquals(List.of(50L, 136L, 369L, 1004L, 2730L), waits);
    }

    @Test
    void networkFailuresAreRetriedTheConfiguredNumberOfTimesWithTheBackoff() {
        List<Integer> backoffAsked = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        Retrier retrier = new Retrier(5, n -> {
            backoffAsked.add(n);
            return Duration.ofMillis(1);
        });
        Throwable failure = failure(retrier.run("POST /v2/publish", () -> {
            attempts.incrementAndGet();
            return networkFailure();
        }));
        assertEquals(6, attempts.get());
        assertEquals(List.of(0, 1, 2, 3, 4), backoffAsked);
        assertInstanceOf(QStashException.class, failure);
        assertEquals("POST /v2/publish failed after 6 attempts: ConnectException: Connection refused",
                failure.getMessage());
    }

    @Test
    void aSuccessAfterFailuresCompletesWithTheValue() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String value = new Retrier(5, n -> Duration.ZERO).run("call",
                () -> attempts.incrementAndGet() < 3 ? networkFailure() : CompletableFuture.completedFuture("ok"))
                .get();
        assertEquals("ok", value);
        assertEquals(3, attempts.get());
    }

    @Test
    void anAnswerFromQStashIsNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();
        QStashApiException answer = new QStashApiException(503, "unavailable");
        Throwable failure = failure(new Retrier(5, n -> Duration.ZERO).run("call", () -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new ProcessingException(answer));
        }));
        assertEquals(1, attempts.get());
        assertTrue(failure == answer || failure.getCause() == answer, failure::toString);
    }

    @Test
    void zeroRetriesMeansOneAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        Throwable failure = failure(new Retrier(0, n -> Duration.ZERO).run("call", () -> {
            attempts.incrementAndGet();
            return networkFailure();
        }));
        assertEquals(1, attempts.get());
        assertEquals("call failed after 1 attempt: ConnectException: Connection refused", failure.getMessage());
    }

    @Test
    void aSynchronousThrowIsTreatedLikeAFailedStage() {
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, failure(new Retrier(3, n -> Duration.ZERO).run("call", () -> {
            throw bug;
        })));
    }

    private static final long NOW = 1_767_225_600_250L; // epoch millis, 250 ms into a second

    private static QStashRateLimitException limited(Kind kind, long reset) {
        return new QStashRateLimitException("limited", kind, OptionalLong.of(100), OptionalLong.of(0),
                OptionalLong.of(reset));
    }

    @Test
    void a429WithinTheMaximumWaitIsRetriedAfterItsResetAndSaysSo() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<Long> started = new CopyOnWriteArrayList<>();
        // reset in epoch seconds, 750 ms away from NOW
        Retrier retrier = new Retrier(5, n -> Duration.ofMillis(1), Duration.ofSeconds(1), false, () -> NOW);
        try (LogCapture log = new LogCapture()) {
            String value = retrier.run("POST /v2/publish", () -> {
                started.add(System.nanoTime());
                return attempts.incrementAndGet() == 1
                        ? CompletableFuture.failedFuture(limited(Kind.BURST, NOW / 1000 + 1))
                        : CompletableFuture.completedFuture("ok");
            }).get();
            assertEquals("ok", value);
            assertEquals(2, attempts.get());
            long waitedMillis = (started.get(1) - started.get(0)) / 1_000_000;
            assertTrue(waitedMillis >= 740, "waited until the reset: " + waitedMillis + " ms");
            assertTrue(log.lines().contains(
                    "INFO QSTASH023 POST /v2/publish failed (attempt 1/6: 429 burst rate limit), retrying in 750 ms"),
                    log.all());
        }
    }

    @Test
    void a429BeyondTheMaximumWaitOrWithRetryingOffIsThrownAtOnce() {
        for (Retrier retrier : List.of(
                new Retrier(5, n -> Duration.ZERO, Duration.ofSeconds(60), true, () -> NOW),
                new Retrier(5, n -> Duration.ZERO, Duration.ZERO, true, () -> NOW))) {
            AtomicInteger attempts = new AtomicInteger();
            QStashRateLimitException daily = limited(Kind.DAILY, NOW / 1000 + 3600); // an hour away
            Throwable failure = failure(retrier.run("call", true, () -> {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(daily);
            }));
            assertSame(daily, failure);
            assertEquals(1, attempts.get());
            assertEquals(0, daily.getSuppressed().length);
        }
    }

    @Test
    void resetsInEpochMillisAndInSecondsFromNowAreUnderstoodAndAPastResetWaitsTheBackoff() throws Exception {
        for (long reset : new long[]{NOW + 300, 1, NOW / 1000 - 10}) {
            AtomicInteger attempts = new AtomicInteger();
            try (LogCapture log = new LogCapture()) {
                new Retrier(5, n -> Duration.ofMillis(7), Duration.ofSeconds(2), false, () -> NOW).run("call",
                        () -> attempts.incrementAndGet() == 1
                                ? CompletableFuture.failedFuture(limited(Kind.BURST, reset))
                                : CompletableFuture.completedFuture("ok"))
                        .get();
                long expected = reset == 1 ? 1000 : reset > NOW ? 300 : 7;
                assertTrue(log.all().endsWith("retrying in " + expected + " ms"), reset + ": " + log.all());
            }
        }
    }

    @Test
    void serverErrorsAreRetriedOnlyWhenSwitchedOnAndTheCallIsRepeatable() throws Exception {
        for (boolean on : new boolean[]{false, true}) {
            for (boolean repeatable : new boolean[]{false, true}) {
                AtomicInteger attempts = new AtomicInteger();
                Retrier retrier = new Retrier(5, n -> Duration.ZERO, Duration.ZERO, on, () -> NOW);
                CompletableFuture<String> result = retrier.run("call", repeatable, () -> attempts.incrementAndGet() < 3
                        ? CompletableFuture.failedFuture(new ProcessingException(new QStashApiException(503, "busy")))
                        : CompletableFuture.completedFuture("ok"));
                if (on && repeatable) {
                    assertEquals("ok", result.get());
                    assertEquals(3, attempts.get());
                } else {
                    assertEquals(503, assertInstanceOf(QStashApiException.class, failure(result)).status());
                    assertEquals(1, attempts.get(), "final: on=" + on + ", repeatable=" + repeatable);
                }
            }
        }
        AtomicInteger attempts = new AtomicInteger();
        Throwable failure = failure(new Retrier(5, n -> Duration.ZERO, Duration.ZERO, true, () -> NOW).run("call",
                true, () -> {
                    attempts.incrementAndGet();
                    return CompletableFuture.failedFuture(new QStashApiException(400, "bad request"));
                }));
        assertEquals(400, ((QStashApiException) failure).status());
        assertEquals(1, attempts.get(), "4xx other than 429 stays final");
    }

    @Test
    void everyRetryCountsAgainstRetriesAndTheFinalAnswerSaysWhatWasTried() {
        AtomicInteger attempts = new AtomicInteger();
        Throwable failure = failure(new Retrier(3, n -> Duration.ZERO, Duration.ofSeconds(1), true, () -> NOW).run(
                "POST /v2/publish to http://127.0.0.1:1", true, () -> switch (attempts.incrementAndGet()) {
                    case 1 -> networkFailure();
                    case 2 -> CompletableFuture.failedFuture(limited(Kind.BURST, NOW + 5));
                    default -> CompletableFuture.failedFuture(new QStashApiException(500, "internal"));
                }));
        assertEquals(4, attempts.get());
        QStashApiException answer = assertInstanceOf(QStashApiException.class, failure);
        assertEquals(500, answer.status());
        assertEquals(1, answer.getSuppressed().length);
        assertEquals("POST /v2/publish to http://127.0.0.1:1 answered this at attempt 4 (retried after: "
                + "ConnectException: Connection refused, 429 burst rate limit, 500)",
                answer.getSuppressed()[0]
                        .getMessage());
    }

    @Test
    void theSynchronousFormRetriesTheSameWayOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        Retrier retrier = new Retrier(5, n -> Duration.ofMillis(1), Duration.ofSeconds(1), true, () -> NOW);
        assertEquals("ok", retrier.call("call", true, () -> {
            threads.add(Thread.currentThread());
            return switch (attempts.incrementAndGet()) {
                case 1 -> throw new ProcessingException(new ConnectException("Connection refused"));
                case 2 -> throw limited(Kind.BURST, NOW + 5);
                case 3 -> throw new ProcessingException(new QStashApiException(502, "bad gateway"));
                default -> "ok";
            };
        }));
        assertEquals(4, attempts.get());
        assertTrue(threads.stream().allMatch(t -> t == caller), "every attempt on the caller's thread");

        QStashApiException notRepeatable = new QStashApiException(502, "bad gateway");
        assertSame(notRepeatable, org.junit.jupiter.api.Assertions.assertThrows(QStashApiException.class,
                () -> retrier.call("call", false, () -> {
                    throw notRepeatable;
                })));
        QStashException network = org.junit.jupiter.api.Assertions.assertThrows(QStashException.class,
                () -> new Retrier(1, n -> Duration.ZERO).call("call", false, () -> {
                    throw new ProcessingException(new ConnectException("Connection refused"));
                }));
        assertEquals("call failed after 2 attempts: ConnectException: Connection refused", network.getMessage());
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> retrier.call("call", true, () -> {
                    throw bug;
                })));
    }
}
