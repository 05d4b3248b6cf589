package dev.qstash.jakarta.impl.jaxrs;

import static dev.qstash.jakarta.impl.testing.Tokens.CURRENT;
import static dev.qstash.jakarta.impl.testing.Tokens.NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.Idempotent;
import dev.qstash.jakarta.NonRetryableDeliveryException;
import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.RetryDeliveryLaterException;
import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.testing.JaxrsServer;
import dev.qstash.jakarta.impl.testing.LogCapture;
import dev.qstash.jakarta.impl.testing.Tokens;

/**
 * Idempotent receivers and retry control in a real JAX-RS runtime (RESTEasy) with a real CDI container, over HTTP:
 * each delivery is signed anew, as QStash signs each attempt.
 */
class IdempotentReceiverTest {

    private static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> SEEN_BEFORE = new ConcurrentHashMap<>();
    private static volatile CountDownLatch entered = new CountDownLatch(1);
    private static volatile CountDownLatch proceed = new CountDownLatch(0);
    private static JaxrsServer server;

    @Path("/")
    public static class Resources {

        private String run(String body) {
            // this harness's RESTEasy creates resources itself: the delivery is looked up, not injected
            QStashDelivery delivery = CDI.current().select(QStashDelivery.class).get();
            RUNS.computeIfAbsent(delivery.messageId(), id -> new AtomicInteger()).incrementAndGet();
            SEEN_BEFORE.put(delivery.messageId(), delivery.seenBefore());
            return body;
        }

        @POST
        @Path("idempotent")
        @VerifyQStash
        @Idempotent
        @Consumes(MediaType.WILDCARD)
        public String idempotent(String body) throws InterruptedException {
            run(body);
            entered.countDown();
            assertTrue(proceed.await(30, TimeUnit.SECONDS));
            return switch (body) {
                case "throw" -> throw new IllegalStateException("the method failed");
                case "never" -> throw new NonRetryableDeliveryException("cannot ever work");
                case "later" -> throw RetryDeliveryLaterException.after(Duration.ofMillis(4500));
                case "at" -> throw RetryDeliveryLaterException.at(Instant.parse("2030-01-02T03:04:05Z"));
                default -> body;
            };
        }

        @POST
        @Path("idempotent/status")
        @VerifyQStash
        @Idempotent
        @Consumes(MediaType.WILDCARD)
        public Response status(String body) {
            run(body);
            return Response.status(Integer.parseInt(body)).build();
        }

        @POST
        @Path("plain")
        @VerifyQStash
        @Consumes(MediaType.WILDCARD)
        public String plain(String body) {
            return run(body);
        }

        @POST
        @Path("unverified")
        @Idempotent
        @Consumes(MediaType.WILDCARD)
        public String unverified(String body) {
            return run(body);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new JaxrsServer(Map.of("QSTASH_CURRENT_SIGNING_KEY", CURRENT, "QSTASH_NEXT_SIGNING_KEY", NEXT,
                "QSTASH_IDEMPOTENCY_RETRY_AFTER", "7"), List.of(Resources.class),
                List.of(QStashSignatureFilter.class, IdempotencyFeature.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static int runs(String id) {
        AtomicInteger runs = RUNS.get(id);
        return runs == null ? 0 : runs.get();
    }

    /** A delivery of {@code messageId}, signed anew (a fresh token, as for each QStash attempt). */
    private static HttpResponse<byte[]> deliver(String path, String messageId, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return server.post(path, bytes, "Upstash-Signature", Tokens.sign(Tokens.claims(
                "https://app.example.com" + path, bytes, System.currentTimeMillis() / 1000), CURRENT),
                "Upstash-Message-Id", messageId, "Content-Type", "text/plain");
    }

    @Test
    void aSecondDeliveryOfAProcessedMessageIs200WithoutRunning() throws Exception {
        String id = newId();
        HttpResponse<byte[]> first = deliver("/idempotent", id, "hello");
        assertEquals(200, first.statusCode());
        assertEquals("hello", new String(first.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> second = deliver("/idempotent", id, "hello");
        assertEquals(200, second.statusCode());
        assertEquals(1, runs(id));
        assertEquals(false, SEEN_BEFORE.get(id));
    }

    @Test
    void aMethodWithoutTheAnnotationRunsForEveryDelivery() throws Exception {
        String id = newId();
        assertEquals(200, deliver("/plain", id, "x").statusCode());
        assertEquals(200, deliver("/plain", id, "x").statusCode());
        assertEquals(2, runs(id));
    }

    @Test
    void anExceptionReleasesTheMessageAndTheRetryRunsSeeingItBefore() throws Exception {
        String id = newId();
        assertEquals(500, deliver("/idempotent", id, "throw").statusCode());
        HttpResponse<byte[]> retry = deliver("/idempotent", id, "now it works");
        assertEquals(200, retry.statusCode());
        assertEquals(2, runs(id));
        assertEquals(true, SEEN_BEFORE.get(id));
        assertEquals(200, deliver("/idempotent", id, "now it works").statusCode());
        assertEquals(2, runs(id), "processed: not run a third time");
    }

    @Test
    void aNon2xxAnswerReleasesTheMessage() throws Exception {
        String id = newId();
        assertEquals(422, deliver("/idempotent/status", id, "422").statusCode());
        assertEquals(204, deliver("/idempotent/status", id, "204").statusCode());
        assertEquals(200, deliver("/idempotent/status", id, "204").statusCode(), "replayed as 200, not run");
        assertEquals(2, runs(id));
    }

    @Test
    void aConcurrentDuplicateIs409WithRetryAfterAndDoesNotRun() throws Exception {
        String id = newId();
        entered = new CountDownLatch(1);
        proceed = new CountDownLatch(1);
        try {
            CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return deliver("/idempotent", id, "slow");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            HttpResponse<byte[]> duplicate = deliver("/idempotent", id, "slow");
            assertEquals(409, duplicate.statusCode());
            assertEquals("7", duplicate.headers().firstValue("Retry-After").orElse(""));
            proceed.countDown();
            assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(1, runs(id));
        } finally {
            proceed.countDown();
        }
    }

    @Test
    void manyConcurrentDeliveriesOfOneMessageRunItOnce() throws Exception {
        String id = newId();
        entered = new CountDownLatch(1);
        proceed = new CountDownLatch(1);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return deliver("/idempotent", id, "same").statusCode();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            Thread.sleep(300); // the others arrive while the first is running
            proceed.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> answer : answers) {
                statuses.add(answer.get(20, TimeUnit.SECONDS));
            }
            assertEquals(1, runs(id), statuses.toString());
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        } finally {
            proceed.countDown();
        }
    }

    @Test
    void neverRetryIs489WithTheNonRetryableHeader() throws Exception {
        HttpResponse<byte[]> answer = deliver("/idempotent", newId(), "never");
        assertEquals(489, answer.statusCode());
        assertEquals("true", answer.headers().firstValue("Upstash-NonRetryable-Error").orElse(""));
        assertEquals("cannot ever work", new String(answer.body(), StandardCharsets.UTF_8));
    }

    @Test
    void retryLaterIs503WithRetryAfterInSecondsOrAsAnHttpDate() throws Exception {
        String id = newId();
        HttpResponse<byte[]> later = deliver("/idempotent", id, "later");
        assertEquals(503, later.statusCode());
        assertEquals("5", later.headers().firstValue("Retry-After").orElse(""), "4.5 s rounded up");
        HttpResponse<byte[]> at = deliver("/idempotent", newId(), "at");
        assertEquals(503, at.statusCode());
        assertEquals("Wed, 2 Jan 2030 03:04:05 GMT", at.headers().firstValue("Retry-After").orElse(""));
        assertEquals(200, deliver("/idempotent", id, "ok").statusCode(), "released: the retry runs");
        assertEquals(2, runs(id));
    }

    @Test
    void idempotentWithoutVerificationIsRefused() throws Exception {
        String id = newId();
        try (LogCapture log = new LogCapture()) {
            HttpResponse<byte[]> answer = server.post("/unverified", "x".getBytes(), "Upstash-Message-Id", id);
            assertEquals(500, answer.statusCode());
            assertEquals(0, runs(id));
            assertTrue(log.all().contains("QSTASH033"), log.all());
        }
    }
}
