package dev.qstash.jakarta.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/** Logs, {@code GET /v2/events}: filters and cursor, newest first. */
final class EventsApi {

    private final SimulatorState state;

    EventsApi(SimulatorState state) {
        this.state = state;
    }

    Answer handle(ApiRequest r) {
        if (!r.is("GET", 2)) {
            throw r.notFound();
        }
        List<String> ids = r.query().get("messageIds");
        Predicate<Map<String, Object>> filter = e -> (ids == null || ids.contains(e.get("messageId")))
                && r.matches("messageId", (String) e.get("messageId")) && r.matches("state", (String) e.get("state"))
                && r.matches("url", (String) e.get("url")) && r.matches("topicName", (String) e.get("topicName"))
                && r.matches("queueName", (String) e.get("queueName"));
        ApiRequest.Page<Map<String, Object>> page = r.page(state.logs(filter));
        Map<String, Object> json = new LinkedHashMap<>();
        page.cursor().ifPresent(c -> json.put("cursor", c));
        json.put("events", page.items());
        return new Answer(200, json);
    }
}
