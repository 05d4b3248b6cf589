package dev.qstash.jakarta.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code Upstash-Retry-Delay}: QStash's expressions, evaluated; an invalid one refused at publish. */
class RetryDelayTest {

    private static long millis(String expression, int retried) {
        return RetryDelay.parse(expression).after(retried).toMillis();
    }

    @Test
    void theDocumentedFunctionsAndArithmeticAreEvaluatedOverRetried() {
        assertEquals(1000, millis("1000", 3));
        assertEquals(3000, millis("1000 * (1 + retried)", 2));
        assertEquals(8000, millis("pow(2, retried) * 1000", 3));
        assertEquals(Math.round(Math.exp(2) * 100), millis("round(exp(retried) * 100)", 2));
        assertEquals(3000, millis("sqrt(9) * 1000", 0));
        assertEquals(500, millis("abs(-500)", 0));
        assertEquals(1500, millis("floor(1500.9)", 0) + millis("ceil(-0.5)", 0));
        assertEquals(2000, millis("min(2000, 1000 * pow(2, retried))", 5));
        assertEquals(1000, millis("max(1000, 10 * retried)", 4));
        assertEquals(250, millis("1000 / 4 - retried % 1", 7));
        assertEquals(0, millis("-5000", 0), "a negative result is no wait");
    }

    @Test
    void anInvalidExpressionIsA400ThatSaysWhy() {
        for (String bad : new String[]{"1000 *", "pow(2)", "unknownFn(1)", "retries * 1000", "(1", ""}) {
            ApiError e = assertThrows(ApiError.class, () -> RetryDelay.parse(bad), bad);
            assertEquals(400, e.status);
            assertTrue(e.getMessage().startsWith("invalid Upstash-Retry-Delay expression \"" + bad + "\": "),
                    e.getMessage());
        }
    }

    @Test
    void retriesWaitWhatTheExpressionSaysOnTheSimulatorsClock() throws Exception {
        try (QStashSimulator sim = QStashSimulator.builder().retryBackoff(n -> Duration.ofMillis(5)).start();
                Destination app = new Destination()) {
            app.reply(d -> d.header("Upstash-Retried").equals("2")
                    ? Destination.Reply.ok()
                    : new Destination.Reply(500, Map.of(), "again"));
            String id = Api.publish(sim, app.url("/delayed-retries"), "x", "Upstash-Retry-Delay",
                    "3600000 * (1 + retried)").json().get("messageId").asText();
            assertEquals("3600000 * (1 + retried)", Api.call(sim, "GET", "/v2/messages/" + id, null).json()
                    .get("retryDelayExpression").asText());
            Duration quiet = Duration.ofMillis(400);
            assertEquals("0", app.next(Duration.ofSeconds(10)).header("Upstash-Retried"));
            Api.awaitEvents(sim, id, "RETRY", 1);
            app.expectNothing(quiet); // not the 5 ms backoff
            sim.advanceClock(Duration.ofHours(1)); // 1 h after the first attempt
            assertEquals("1", app.next(Duration.ofSeconds(10)).header("Upstash-Retried"));
            Api.awaitEvents(sim, id, "RETRY", 2);
            sim.advanceClock(Duration.ofHours(1));
            app.expectNothing(quiet); // 2 h after the second attempt
            sim.advanceClock(Duration.ofHours(1));
            assertEquals("2", app.next(Duration.ofSeconds(10)).header("Upstash-Retried"));
        }
    }

    @Test
    void anInvalidExpressionIsRefusedAtPublishAndNothingIsDelivered() throws Exception {
        try (QStashSimulator sim = QStashSimulator.builder().start(); Destination app = new Destination()) {
            Api.Answer answer = Api.publish(sim, app.url("/never"), "x", "Upstash-Retry-Delay", "pow(2, retried");
            assertEquals(400, answer.status());
            JsonNode error = answer.json().get("error");
            assertTrue(error.asText().startsWith("invalid Upstash-Retry-Delay expression \"pow(2, retried\": "),
                    answer.text());
            Api.Answer callback = Api.publish(sim, app.url("/never"), "x", "Upstash-Callback", app.url("/cb"),
                    "Upstash-Callback-Retry-Delay", "1000 +");
            assertEquals(400, callback.status(), callback.text());
            app.expectNothing(Duration.ofMillis(300));
        }
    }
}
