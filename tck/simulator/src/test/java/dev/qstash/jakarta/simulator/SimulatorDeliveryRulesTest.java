package dev.qstash.jakarta.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.impl.verify.QStashReceiver;

/**
 * The delivery rules a receiver steers QStash with: {@code 489} + {@code Upstash-NonRetryable-Error}, the
 * destination's {@code Retry-After}, and the callbacks' documented JSON.
 */
class SimulatorDeliveryRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The documented fields of a callback body (docs: features/callbacks), in QStash's order. */
    private static final List<String> CALLBACK_FIELDS = List.of("status", "header", "body", "retried", "maxRetries",
            "sourceMessageId", "topicName", "endpointName", "url", "method", "sourceHeader", "sourceBody", "notBefore",
            "createdAt", "scheduleId", "callerIP");

    private QStashSimulator sim;
    private Destination app;

    @BeforeEach
    void start() throws Exception {
        sim = QStashSimulator.builder().retryBackoff(n -> Duration.ofMillis(5)).start();
        app = new Destination();
    }

    @AfterEach
    void stop() {
        sim.close();
        app.close();
    }

    private List<DeliveryAttempt> attemptsOf(String messageId) {
        return sim.deliveryAttempts().stream().filter(a -> a.messageId().equals(messageId)).toList();
    }

    private JsonNode dlq() throws Exception {
        return Api.call(sim, "GET", "/v2/dlq", null).json().get("messages");
    }

    private static List<String> fields(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void a489WithTheNonRetryableHeaderGoesToTheDlqAtOnceAndTellsTheFailureCallback() throws Exception {
        try (Destination callbacks = new Destination()) {
            app.reply(d -> new Destination.Reply(489, Map.of("Upstash-NonRetryable-Error", "true"), "never again"));
            String id = Api.publish(sim, app.url("/final"), "x", "Upstash-Retries", "3", "Upstash-Failure-Callback",
                    callbacks.url("/failed")).json().get("messageId").asText();

            assertEquals("0", app.next(WAIT).header("Upstash-Retried"));
            Destination.Delivery failure = callbacks.next(WAIT);
            app.expectNothing(Duration.ofMillis(500)); // with a 5 ms backoff, a retry would have come by now

            assertEquals(1, attemptsOf(id).size());
            JsonNode dlq = dlq();
            assertEquals(1, dlq.size());
            assertEquals(id, dlq.get(0).get("messageId").asText());
            assertEquals(489, dlq.get(0).get("responseStatus").asInt());
            JsonNode body = Api.JSON.readTree(failure.body());
            assertEquals(dlq.get(0).get("dlqId").asText(), body.get("dlqId").asText());
            assertEquals(489, body.get("status").asInt());
            assertEquals(0, body.get("retried").asInt());
            assertEquals(3, body.get("maxRetries").asInt());
            JsonNode failed = Api.call(sim, "GET", "/v2/events?messageId=" + id + "&state=FAILED", null).json()
                    .get("events");
            assertEquals(1, failed.size(), failed.toString());
        }
    }

    @Test
    void a489WithoutTheHeaderIsRetriedLikeAnyOtherFailure() throws Exception {
        app.reply(d -> new Destination.Reply(489, Map.of(), "no header"));
        String id = Api.publish(sim, app.url("/retried"), "x", "Upstash-Retries", "2").json().get("messageId")
                .asText();
        for (int retried = 0; retried <= 2; retried++) {
            assertEquals(Integer.toString(retried), app.next(WAIT).header("Upstash-Retried"));
        }
        app.expectNothing(Duration.ofMillis(200));
        assertEquals(3, attemptsOf(id).size());
    }

    @Test
    void aRetryAfterAsAnHttpDateIsHonoured() throws Exception {
        app.reply(d -> d.header("Upstash-Retried").equals("0")
                ? new Destination.Reply(503, Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        Instant.now().plusSeconds(2).atOffset(ZoneOffset.UTC))), "busy")
                : Destination.Reply.ok());
        Api.publish(sim, app.url("/busy-until"), "x");
        long first = app.next(WAIT).at();
        long second = app.next(WAIT).at();
        // the date has whole seconds: now + 2 s truncated is more than 1 s away
        assertTrue(second - first >= 900, "retried after " + (second - first) + " ms, not at the date");
    }

    @Test
    void aRetryAfterAsDeltaSecondsIsHonouredAndSoIsXRateLimitReset() throws Exception {
        app.reply(d -> switch (d.header("Upstash-Retried")) {
            case "0" -> new Destination.Reply(503, Map.of("Retry-After", "1"), "busy");
            case "1" -> new Destination.Reply(429, Map.of("X-RateLimit-Reset", "1s"), "limited");
            default -> Destination.Reply.ok();
        });
        Api.publish(sim, app.url("/steered"), "x");
        long first = app.next(WAIT).at();
        long second = app.next(WAIT).at();
        long third = app.next(WAIT).at();
        assertTrue(second - first >= 900, "Retry-After: retried after " + (second - first) + " ms");
        assertTrue(third - second >= 900, "X-RateLimit-Reset: retried after " + (third - second) + " ms");
    }

    @Test
    void aRetryAfterAboveOneDayFallsBackToTheNormalBackoff() throws Exception {
        app.reply(d -> d.header("Upstash-Retried").equals("0")
                ? new Destination.Reply(503, Map.of("Retry-After", Long.toString(Duration.ofDays(1).toSeconds() + 1)),
                        "come back tomorrow")
                : Destination.Reply.ok());
        String id = Api.publish(sim, app.url("/tomorrow"), "x").json().get("messageId").asText();
        app.next(WAIT);
        app.next(WAIT); // the 5 ms backoff, not a day
        JsonNode retry = Api.call(sim, "GET", "/v2/events?messageId=" + id + "&state=RETRY", null).json()
                .get("events").get(0);
        assertTrue(retry.get("nextDeliveryTime").asLong() - retry.get("time").asLong() < 1_000, retry.toString());
    }

    @Test
    void callbacksCarryQStashsDocumentedJsonAndTheirOwnHeadersAndOptions() throws Exception {
        try (Destination callbacks = new Destination()) {
            app.reply(d -> new Destination.Reply(500, Map.of("x-reply-id", "r-1"), "failed here"));
            String url = app.url("/both");
            String id = Api.publish(sim, url, "{\"n\":1}", "Content-Type", "application/json",
                    "Upstash-Forward-X-Custom", "custom", "Upstash-Retries", "0", "Upstash-Method", "PUT",
                    "Upstash-Callback", callbacks.url("/cb"), "Upstash-Callback-Forward-X-Callback-Secret", "cb-1",
                    "Upstash-Failure-Callback", callbacks.url("/failed"), "Upstash-Failure-Callback-Method", "PATCH")
                    .json().get("messageId").asText();
            app.next(WAIT);
            Destination.Delivery one = callbacks.next(WAIT);
            Destination.Delivery two = callbacks.next(WAIT);
            Destination.Delivery callback = one.path().equals("/cb") ? one : two;
            Destination.Delivery failure = one.path().equals("/cb") ? two : one;
            assertEquals("/failed", failure.path());

            // both are signed QStash messages to their own URL, in JSON
            QStashReceiver receiver = QStashReceiver.withKeys(sim.currentSigningKey(), sim.nextSigningKey(),
                    Clock.systemUTC(), 0);
            receiver.verify(callback.header("Upstash-Signature"), callback.body(), null, callbacks.url("/cb"));
            receiver.verify(failure.header("Upstash-Signature"), failure.body(), null, callbacks.url("/failed"));
            assertEquals("application/json", callback.header("Content-Type"));
            assertEquals("cb-1", callback.header("X-Callback-Secret"), "Upstash-Callback-Forward-* is forwarded");
            assertEquals("POST", callback.method());
            assertEquals("PATCH", failure.method(), "Upstash-Failure-Callback-Method");

            JsonNode cb = Api.JSON.readTree(callback.body());
            assertEquals(CALLBACK_FIELDS, fields(cb));
            List<String> withDlqId = new ArrayList<>(CALLBACK_FIELDS);
            withDlqId.add("dlqId");
            JsonNode fc = Api.JSON.readTree(failure.body());
            assertEquals(withDlqId, fields(fc));
            for (JsonNode json : List.of(cb, fc)) {
                assertEquals(500, json.get("status").asInt());
                assertEquals("r-1", json.get("header").get("X-Reply-Id").get(0).asText(), json.toString());
                assertEquals("failed here", new String(Base64.getDecoder().decode(json.get("body").asText())));
                assertEquals(0, json.get("retried").asInt());
                assertEquals(0, json.get("maxRetries").asInt());
                assertEquals(id, json.get("sourceMessageId").asText());
                assertEquals("", json.get("topicName").asText());
                assertEquals("", json.get("endpointName").asText());
                assertEquals(url, json.get("url").asText());
                assertEquals("PUT", json.get("method").asText());
                assertEquals("custom", json.get("sourceHeader").get("X-Custom").get(0).asText());
                assertEquals("application/json", json.get("sourceHeader").get("Content-Type").get(0).asText());
                assertEquals("{\"n\":1}", new String(Base64.getDecoder().decode(json.get("sourceBody").asText())));
                assertTrue(json.get("createdAt").asLong() > 0);
                assertTrue(json.get("notBefore").asLong() >= json.get("createdAt").asLong());
                assertEquals("", json.get("scheduleId").asText());
                assertEquals("127.0.0.1", json.get("callerIP").asText());
            }
            assertEquals(dlq().get(0).get("dlqId").asText(), fc.get("dlqId").asText());
        }
    }

    @Test
    void aScheduledMessagesCallbackNamesItsSchedule() throws Exception {
        try (Destination callbacks = new Destination()) {
            String scheduleId = Api.call(sim, "POST", "/v2/schedules/" + app.url("/cron"), "tick".getBytes(),
                    "Upstash-Cron", "* * * * *", "Upstash-Callback", callbacks.url("/cb")).json().get("scheduleId")
                    .asText();
            sim.advanceClock(Duration.ofMinutes(1));
            assertEquals(scheduleId, app.next(WAIT).header("Upstash-Schedule-Id"));
            JsonNode cb = Api.JSON.readTree(callbacks.next(WAIT).body());
            assertEquals(scheduleId, cb.get("scheduleId").asText());
        }
    }

    @Test
    void anInvalidCallbackOptionIsRefusedAtPublish() throws Exception {
        Api.Answer answer = Api.publish(sim, app.url("/x"), "x", "Upstash-Callback", app.url("/cb"),
                "Upstash-Callback-Retries", "many");
        assertEquals(400, answer.status());
        assertTrue(answer.json().get("error").asText().contains("upstash-callback-"), answer.text());
        app.expectNothing(Duration.ofMillis(200));
    }
}
