package dev.qstash.jakarta.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashException;

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
}
