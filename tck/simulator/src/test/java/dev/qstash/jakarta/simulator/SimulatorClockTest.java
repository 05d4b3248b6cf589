package dev.qstash.jakarta.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** One clock: advancing it moves delays, retries, Retry-After, deduplication, flow-control rates and timestamps. */
class SimulatorClockTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough for anything wrongly due to arrive. */
    private static final Duration QUIET = Duration.ofMillis(400);

    private QStashSimulator sim;
    private Destination app;

    @BeforeEach
    void start() throws Exception {
        sim = QStashSimulator.builder().retryBackoff(n -> Duration.ofHours(1)).start();
        app = new Destination();
    }

    @AfterEach
    void stop() {
        sim.close();
        app.close();
    }

    private static Api.Answer advance(QStashSimulator sim, String by) throws Exception {
        return Api.call(sim, "POST", "/simulator/clock/advance?by=" + by, null);
    }

    @Test
    void aDelayedMessageIsDeliveredWhenTheClockReachesItsTimeThroughTheAdminEndpoint() throws Exception {
        long before = Api.call(sim, "GET", "/simulator/clock", null).json().get("now").asLong();
        Api.publish(sim, app.url("/later"), "x", "Upstash-Delay", "2h");
        app.expectNothing(QUIET);
        assertEquals(200, advance(sim, "1h").status());
        app.expectNothing(QUIET);
        JsonNode now = advance(sim, "1h").json();
        assertEquals("/later", app.next(WAIT).path());
        assertTrue(now.get("now").asLong() - before >= Duration.ofHours(2).toMillis(), now.toString());
    }

    @Test
    void notBeforeIsReadOnTheSimulatorsClock() throws Exception {
        long inADay = sim.now().plus(Duration.ofDays(1)).getEpochSecond();
        Api.publish(sim, app.url("/tomorrow"), "x", "Upstash-Not-Before", Long.toString(inADay));
        app.expectNothing(QUIET);
        sim.advanceClock(Duration.ofDays(1));
        assertEquals("/tomorrow", app.next(WAIT).path());
    }

    @Test
    void retriesWaitTheBackoffOnTheSimulatorsClockAndSoDoesRetryAfter() throws Exception {
        app.reply(d -> switch (d.header("Upstash-Retried")) {
            case "0" -> new Destination.Reply(500, Map.of(), "fails");
            case "1" -> new Destination.Reply(503, Map.of("Retry-After", "7200"), "busy for two hours");
            default -> Destination.Reply.ok();
        });
        String id = Api.publish(sim, app.url("/retried"), "x").json().get("messageId").asText();
        assertEquals("0", app.next(WAIT).header("Upstash-Retried"));
        Api.awaitEvents(sim, id, "RETRY", 1);
        app.expectNothing(QUIET);
        sim.advanceClock(Duration.ofHours(1)); // the backoff
        assertEquals("1", app.next(WAIT).header("Upstash-Retried"));
        Api.awaitEvents(sim, id, "RETRY", 2);
        sim.advanceClock(Duration.ofHours(1));
        app.expectNothing(QUIET); // Retry-After asked for two hours, not the one-hour backoff
        sim.advanceClock(Duration.ofHours(1));
        assertEquals("2", app.next(WAIT).header("Upstash-Retried"));
    }

    @Test
    void theDeduplicationWindowRunsOnTheSimulatorsClock() throws Exception {
        assertEquals(201, Api.publish(sim, app.url("/d"), "x", "Upstash-Deduplication-Id", "k").status());
        sim.advanceClock(Duration.ofMinutes(9));
        assertEquals(202, Api.publish(sim, app.url("/d"), "x", "Upstash-Deduplication-Id", "k").status());
        sim.advanceClock(Duration.ofMinutes(2));
        assertEquals(201, Api.publish(sim, app.url("/d"), "x", "Upstash-Deduplication-Id", "k").status());
    }

    @Test
    void logsDlqEntriesAndMessagesAreStampedWithTheSimulatorsTime() throws Exception {
        sim.advanceClock(Duration.ofDays(3));
        long simulated = sim.now().toEpochMilli();
        app.reply(d -> new Destination.Reply(500, Map.of(), "no"));
        String id = Api.publish(sim, app.url("/dead"), "x", "Upstash-Retries", "0").json().get("messageId")
                .asText();
        app.next(WAIT);
        JsonNode dlq = waitForDlq();
        assertTrue(dlq.get("createdAt").asLong() >= simulated, dlq.toString());
        JsonNode events = Api.call(sim, "GET", "/v2/events?messageId=" + id, null).json().get("events");
        assertTrue(events.size() >= 2, events.toString());
        events.forEach(e -> assertTrue(e.get("time").asLong() >= simulated, e.toString()));
        assertTrue(sim.requests().get(0).receivedAt().toEpochMilli() >= simulated, "the API request log too");
    }

    private JsonNode waitForDlq() throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        JsonNode messages = Api.call(sim, "GET", "/v2/dlq", null).json().get("messages");
        while (messages.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            messages = Api.call(sim, "GET", "/v2/dlq", null).json().get("messages");
        }
        return messages.get(0);
    }

    @Test
    void aFlowControlRateHoldsDeliveriesUntilThePeriodEnds() throws Exception {
        for (int i = 0; i < 3; i++) {
            Api.publish(sim, app.url("/rated/" + i), "x", "Upstash-Flow-Control-Key", "fc",
                    "Upstash-Flow-Control-Value", "rate=2, period=1h");
        }
        Destination.Delivery one = app.next(WAIT);
        Destination.Delivery two = app.next(WAIT);
        app.expectNothing(QUIET); // two per hour
        JsonNode flow = Api.call(sim, "GET", "/v2/flowControl/fc", null).json();
        assertEquals(2, flow.get("rateCount").asInt(), flow.toString());
        assertEquals(1, flow.get("waitListSize").asInt(), flow.toString());
        advance(sim, "1h");
        Destination.Delivery three = app.next(WAIT);
        assertEquals(java.util.Set.of("/rated/0", "/rated/1", "/rated/2"),
                java.util.Set.of(one.path(), two.path(), three.path()));
    }

    @Test
    void aFlowControlRateWithAShortPeriodLetsTheNextGoOnTheRealClockToo() throws Exception {
        for (int i = 0; i < 2; i++) {
            Api.publish(sim, app.url("/second/" + i), "x", "Upstash-Flow-Control-Key", "per-second",
                    "Upstash-Flow-Control-Value", "rate=1, period=1s");
        }
        long first = app.next(WAIT).at();
        long second = app.next(WAIT).at();
        assertTrue(second - first >= 300, "the second came " + (second - first) + " ms after the first");
    }

    @Test
    void theClockEndpointRefusesNonsenseAndStrangers() throws Exception {
        assertEquals(400, advance(sim, "soon").status());
        assertEquals(400, Api.call(sim, "POST", "/simulator/clock/advance", null).status());
        assertEquals(200, advance(sim, "PT1H").status());
        assertEquals(401, Api.call(sim, "POST", "/simulator/clock/advance?by=1h", null, "Authorization",
                "Bearer wrong").status());
    }
}
