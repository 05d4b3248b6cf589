package dev.qstash.jakarta.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRateLimitException;

/**
 * The publisher's opt-in retries against the simulator's fault injection, over real sockets: 1,000 publishes with
 * deduplication ids, 16 in flight, while burst 429s, 500s and dropped connections are injected, one every ten
 * publishes, the last two both before and after the simulator accepted the message; each message is counted at the destination, exactly once. A daily 429, whose reset is hours away, is
 * thrown at once. An answer lost after QStash accepted the message (a 500 or a dropped connection once the message is
 * stored) is why a publish needs a deduplication id to be retried safely: with one, the retry is answered with the
 * same message and it is delivered once; without one, a 500 is not retried and the caller cannot know the message
 * went out, and a dropped connection is retried (as the official SDK does) and the message is delivered twice.
 */
class PublisherFaultsTest {

    private static final int MESSAGES = 1000;
    private static final int IN_FLIGHT = 16;

    /** What qstash-jakarta logs, formatted. */
    private static final class Lines extends Handler implements AutoCloseable {

        private final Logger logger = Logger.getLogger("dev.qstash.jakarta");
        private final Level previous = logger.getLevel();
        final List<String> lines = new CopyOnWriteArrayList<>();

        Lines() {
            logger.setLevel(Level.INFO);
            logger.addHandler(this);
        }

        long count(String code) {
            return lines.stream().filter(l -> l.startsWith(code + " ")).count();
        }

        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            lines.add(parameters == null
                    ? record.getMessage()
                    : java.text.MessageFormat.format(record.getMessage(), parameters));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }

    @Test
    void thousandDeduplicatedPublishesUnderInjected429s500sAndDroppedConnectionsAreEachDeliveredExactlyOnce()
            throws Exception {
        try (QStashSimulator sim = QStashSimulator.builder().retryBackoff(n -> Duration.ofMillis(5)).start();
                Destination app = new Destination();
                Lines log = new Lines();
                QStashPublisher publisher = QStashPublisher.builder().baseUrl(sim.url()).token(sim.token())
                        .retries(8).backoff(n -> Duration.ofMillis(5))
                        .rateLimitMaxWait(Duration.ofSeconds(2)).retryServerErrors(true).build()) {
            String url = app.url("/orders");
            // before the request is handled, and after it (the message accepted, the answer lost)
            List<Fault> kinds = List.of(Fault.burstRateLimit(), Fault.serverError(), Fault.dropConnection(),
                    Fault.serverErrorAfterHandling(), Fault.dropConnectionAfterHandling());
            Map<String, Integer> injected = new TreeMap<>();
            Semaphore slots = new Semaphore(IN_FLIGHT);
            List<CompletableFuture<PublishResponse>> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                if (i % 10 == 5) {
                    Fault fault = kinds.get((i / 10) % kinds.size());
                    sim.injectFaults(1, fault);
                    injected.merge(fault.toString(), 1, Integer::sum);
                }
                slots.acquire();
                CompletableFuture<PublishResponse> one = publisher.publishAsync(PublishRequest.toUrl(url)
                        .body("order-" + i).deduplicationId("order-" + i).build()).toCompletableFuture();
                one.whenComplete((r, e) -> slots.release());
                sent.add(one);
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            assertEquals(MESSAGES, sent.stream().map(f -> f.join().messageId()).distinct().count(),
                    "every publish answered with its own message id");

            // the faults happened and were ridden out, and the log says what was done
            assertEquals(5, injected.size(), injected::toString);
            assertTrue(sim.requests().size() >= MESSAGES + 100, "1,000 publishes and 100 faults reached the "
                    + "simulator, got " + sim.requests().size());
            assertTrue(log.count("QSTASH023") >= 20, "the 429s were waited out: " + log.lines.size() + " lines");
            assertTrue(log.count("QSTASH024") >= 40, "the 500s were retried, before and after handling");
            // a dropped connection is resent once by the JDK's HttpURLConnection itself (sun.net.http.retryPost), below
            // the publisher's retries, so no QSTASH020 is logged for it

            // counted at the destination: each body exactly once, none lost, nothing more after a quiet second
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (app.deliveries().size() < MESSAGES && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1000);
            Map<String, Integer> received = new ConcurrentHashMap<>();
            for (Destination.Delivery d : app.deliveries()) {
                received.merge(new String(d.body(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
            List<String> missing = new ArrayList<>();
            List<String> twice = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                int count = received.getOrDefault("order-" + i, 0);
                if (count == 0) {
                    missing.add("order-" + i);
                } else if (count > 1) {
                    twice.add("order-" + i + " x" + count);
                }
            }
            assertEquals(List.of(), missing, "lost");
            assertEquals(List.of(), twice, "delivered more than once");
            assertEquals(MESSAGES, app.deliveries().size());
        }
    }

    @Test
    void aDailyRateLimitBeyondTheMaximumWaitIsThrownAtOnceAndTheMessageGoesOutLater() throws Exception {
        try (QStashSimulator sim = QStashSimulator.builder().retryBackoff(n -> Duration.ofMillis(5)).start();
                Destination app = new Destination();
                QStashPublisher publisher = QStashPublisher.builder().baseUrl(sim.url()).token(sim.token())
                        .rateLimitMaxWait(Duration.ofSeconds(2)).retryServerErrors(true).build()) {
            PublishRequest request = PublishRequest.toUrl(app.url("/orders")).body("daily").deduplicationId("daily")
                    .build();
            sim.injectFaults(1, Fault.dailyRateLimit());
            long start = System.nanoTime();
            QStashRateLimitException e = assertThrows(QStashRateLimitException.class, () -> publisher.publish(request));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "thrown at once");
            assertEquals(QStashRateLimitException.Kind.DAILY, e.kind());
            assertEquals(1, sim.requests().size(), "not retried");
            app.expectNothing(Duration.ofMillis(500));

            publisher.publish(request);
            assertEquals("daily", app.next(Duration.ofSeconds(10)).text());
            app.expectNothing(Duration.ofMillis(500));
        }
    }

    @Test
    void anAnswerLostAfterTheMessageWasAcceptedIsRetriedSafelyWithADeduplicationId() throws Exception {
        for (Fault fault : List.of(Fault.serverErrorAfterHandling(), Fault.dropConnectionAfterHandling())) {
            try (QStashSimulator sim = QStashSimulator.builder().start();
                    Destination app = new Destination();
                    QStashPublisher publisher = QStashPublisher.builder().baseUrl(sim.url()).token(sim.token())
                            .retries(2).backoff(n -> Duration.ofMillis(5)).retryServerErrors(true).build()) {
                sim.injectFaults(1, fault);

                PublishResponse answer = publisher.publish(PublishRequest.toUrl(app.url("/orders")).body("lost")
                        .deduplicationId("lost-1").build());

                assertEquals(2, sim.requests().size(), fault + ": the lost answer was retried once");
                assertEquals("lost", app.next(Duration.ofSeconds(10)).text(), fault.toString());
                app.expectNothing(Duration.ofMillis(800));
                assertEquals(1, app.deliveries().size(), fault + ": delivered once");
                assertTrue(answer.messageId() != null && !answer.messageId().isEmpty(), fault.toString());
            }
        }
    }

    @Test
    void withoutADeduplicationIdALostAnswerIsEitherUnknowableOrADuplicate() throws Exception {
        try (QStashSimulator sim = QStashSimulator.builder().start();
                Destination app = new Destination();
                QStashPublisher publisher = QStashPublisher.builder().baseUrl(sim.url()).token(sim.token())
                        .retries(2).backoff(n -> Duration.ofMillis(5)).retryServerErrors(true).build()) {
            // a 500 after the message was accepted: not retried (not repeatable), so the caller sees a failure...
            sim.injectFaults(1, Fault.serverErrorAfterHandling());
            PublishRequest first = PublishRequest.toUrl(app.url("/orders")).body("unknowable").build();
            QStashApiException e = assertThrows(QStashApiException.class, () -> publisher.publish(first));
            assertEquals(500, e.status());
            assertEquals(1, sim.requests().size(), "not retried");
            // ...yet the message goes out
            assertEquals("unknowable", app.next(Duration.ofSeconds(10)).text());
            app.expectNothing(Duration.ofMillis(800));

            // a dropped connection after the message was accepted: retried like any network failure, so twice
            sim.injectFaults(1, Fault.dropConnectionAfterHandling());
            publisher.publish(PublishRequest.toUrl(app.url("/orders")).body("duplicate").build());
            assertEquals(3, sim.requests().size(), "the dropped answer was retried");
            assertEquals("duplicate", app.next(Duration.ofSeconds(10)).text());
            assertEquals("duplicate", app.next(Duration.ofSeconds(10)).text());
            app.expectNothing(Duration.ofMillis(800));
            assertEquals(3, app.deliveries().size());
        }
    }
}
