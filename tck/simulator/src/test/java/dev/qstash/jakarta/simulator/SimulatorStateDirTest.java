package dev.qstash.jakarta.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.QStashRegion;

/** {@code --state-dir}: queues, schedules, URL groups, DLQ, logs, token and keys survive a restart. */
class SimulatorStateDirTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private JsonNode get(QStashSimulator sim, String path) throws Exception {
        Api.Answer answer = Api.call(sim, "GET", path, null);
        assertEquals(200, answer.status(), path + ": " + answer.text());
        return answer.json();
    }

    @Test
    void whatARegionHoldsSurvivesARestart() throws Exception {
        String token;
        String current;
        String next;
        String scheduleId;
        String deadId;
        String dlqId;
        try (Destination app = new Destination()) {
            app.reply(d -> d.path().equals("/dead")
                    ? new Destination.Reply(500, Map.of("X-Why", "broken"), "broken")
                    : Destination.Reply.ok());
            try (QStashSimulator sim = QStashSimulator.builder().region(QStashRegion.US_EAST_1).stateDir(dir)
                    .start()) {
                token = sim.token();
                current = sim.currentSigningKey();
                next = sim.nextSigningKey();
                assertEquals(200, Api.call(sim, "POST", "/v2/queues", "{\"queueName\":\"orders\",\"parallelism\":3}"
                        .getBytes(StandardCharsets.UTF_8)).status());
                assertEquals(200, Api.call(sim, "POST", "/v2/topics/team/endpoints", ("{\"endpoints\":[{\"name\":"
                        + "\"a\",\"url\":\"" + app.url("/a") + "\"}]}").getBytes(StandardCharsets.UTF_8)).status());
                scheduleId = Api.call(sim, "POST", "/v2/schedules/" + app.url("/cron"), "tick".getBytes(),
                        "Upstash-Cron", "*/5 * * * *", "Upstash-Retries", "1").json().get("scheduleId").asText();
                deadId = Api.publish(sim, app.url("/dead"), "lost", "Upstash-Retries", "0").json().get("messageId")
                        .asText();
                app.next(WAIT);
                dlqId = waitForDlq(sim).get("dlqId").asText();
            }
            assertTrue(Files.isRegularFile(dir.resolve("US_EAST_1.json")));
            assertFalse(Files.readString(dir.resolve("US_EAST_1.json")).contains("Bearer "),
                    "no request credentials in the state file");

            try (QStashSimulator sim = QStashSimulator.builder().region(QStashRegion.US_EAST_1).stateDir(dir)
                    .start()) {
                assertEquals(token, sim.token());
                assertEquals(current, sim.currentSigningKey());
                assertEquals(next, sim.nextSigningKey());
                JsonNode queue = get(sim, "/v2/queues/orders");
                assertEquals(3, queue.get("parallelism").asInt());
                assertEquals(app.url("/a"), get(sim, "/v2/topics/team").get("endpoints").get(0).get("url").asText());
                JsonNode schedule = get(sim, "/v2/schedules/" + scheduleId);
                assertEquals("*/5 * * * *", schedule.get("cron").asText());
                assertEquals(1, schedule.get("retries").asInt());
                JsonNode dead = get(sim, "/v2/dlq/" + dlqId);
                assertEquals(deadId, dead.get("messageId").asText());
                assertEquals(500, dead.get("responseStatus").asInt());
                assertEquals("broken", dead.get("responseBody").asText());
                assertEquals("lost", dead.get("body").asText());
                JsonNode events = get(sim, "/v2/events?messageId=" + deadId).get("events");
                assertEquals("FAILED", events.get(0).get("state").asText(), events.toString());

                // and it works on: the schedule fires, the DLQ entry is retried
                sim.advanceClock(Duration.ofMinutes(5));
                assertEquals("/cron", app.next(WAIT).path());
                app.reply(d -> Destination.Reply.ok());
                assertEquals(201, Api.call(sim, "POST", "/v2/dlq/retry/" + dlqId, null).status());
                assertEquals("/dead", app.next(WAIT).path());
            }
        }
    }

    @Test
    void withoutAStateDirNothingIsWrittenOrKept() throws Exception {
        try (QStashSimulator sim = QStashSimulator.builder().start()) {
            Api.call(sim, "POST", "/v2/queues", "{\"queueName\":\"gone\"}".getBytes(StandardCharsets.UTF_8));
        }
        try (QStashSimulator sim = QStashSimulator.builder().start()) {
            assertEquals(0, get(sim, "/v2/queues").size());
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anUnreadableStateFileIsAClearError() throws Exception {
        Files.writeString(dir.resolve("EU_CENTRAL_1.json"), "{not json");
        java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.io.UncheckedIOException.class, () -> QStashSimulator.builder().stateDir(dir).start());
        assertTrue(e.getMessage().contains("EU_CENTRAL_1.json cannot be read"), e.getMessage());
    }

    private static JsonNode waitForDlq(QStashSimulator sim) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        JsonNode messages = Api.call(sim, "GET", "/v2/dlq", null).json().get("messages");
        while (messages.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            messages = Api.call(sim, "GET", "/v2/dlq", null).json().get("messages");
        }
        return messages.get(0);
    }
}
