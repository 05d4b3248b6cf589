package dev.qstash.jakarta.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/**
 * The DLQ, {@code /v2/dlq}: list with filters and cursor, get, delete, retry; bulk calls work {@code count} at a time
 * and answer a cursor while more remain.
 */
final class DlqApi {

    /** Bulk DLQ calls that stop early answer with a fresh cursor each time. */
    private final AtomicLong bulkCursors = new AtomicLong();

    private final SimulatorState state;
    private final DeliveryEngine engine;

    DlqApi(SimulatorState state, DeliveryEngine engine) {
        this.state = state;
        this.engine = engine;
    }

    Answer handle(ApiRequest r) {
        if (r.is("GET", 2)) {
            ApiRequest.Page<SimulatorState.DlqEntry> page = r.page(state.dlq(filter(r)));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("messages", page.items().stream().map(this::json).toList());
            page.cursor().ifPresent(c -> json.put("cursor", c));
            return new Answer(200, json);
        }
        if (r.is("GET", 3)) {
            return new Answer(200, json(state.dlqEntry(r.segment(2))));
        }
        if (r.is("DELETE", 3)) {
            state.removeDlq(r.segment(2));
            return Answer.ok();
        }
        if (r.is("DELETE", 2)) {
            Bulk bulk = bulk(r);
            bulk.entries().forEach(e -> state.removeDlq(e.dlqId()));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("deleted", bulk.entries().size());
            json.put("cursor", bulk.cursor());
            return new Answer(200, json);
        }
        if (r.path().size() >= 3 && r.segment(2).equals("retry") && r.method().equals("POST")) {
            boolean one = r.path().size() == 4;
            Bulk bulk = one ? new Bulk(List.of(state.dlqEntry(r.segment(3))), "") : bulk(r);
            List<Map<String, Object>> responses = new ArrayList<>();
            for (SimulatorState.DlqEntry entry : bulk.entries()) {
                responses.add(Map.of("messageId", retry(entry)));
            }
            return new Answer(201, one ? responses.get(0) : Map.of("responses", responses, "cursor", bulk.cursor()));
        }
        throw r.notFound();
    }

    /** What one bulk delete or retry works on: ids all at once, a filter {@code count} at a time. */
    private record Bulk(List<SimulatorState.DlqEntry> entries, String cursor) {
    }

    private Bulk bulk(ApiRequest r) {
        List<SimulatorState.DlqEntry> all = state.dlq(filter(r));
        if (r.query().containsKey("dlqIds")) {
            return new Bulk(all, "");
        }
        int count = (int) Math.min(ApiRequest.MAX_PAGE, Math.max(1, r.number("count", ApiRequest.MAX_PAGE)));
        return all.size() <= count
                ? new Bulk(all, "")
                : new Bulk(List.copyOf(all.subList(0, count)), "bulk-" + bulkCursors.incrementAndGet());
    }

    private String retry(SimulatorState.DlqEntry entry) {
        state.removeDlq(entry.dlqId());
        SimMessage old = entry.message();
        SimMessage message = new SimMessage("msg_" + QStashTokens.random(26), old.url, old.urlGroup, old.endpointName,
                old.queue, old.options, old.body, state.clock().millis(), old.isCallback);
        state.add(message);
        engine.submit(message);
        return message.id;
    }

    private static Predicate<SimulatorState.DlqEntry> filter(ApiRequest r) {
        List<String> ids = r.query().get("dlqIds");
        if (ids != null) {
            return e -> ids.contains(e.dlqId());
        }
        return e -> r.matches("messageId", e.message().id) && r.matches("url", e.message().url)
                && r.matches("topicName", e.message().urlGroup) && r.matches("queueName", e.message().queue)
                && r.matches("responseStatus", Integer.toString(e.responseStatus()))
                && r.labelMatches(e.message().options.labels);
    }

    private Map<String, Object> json(SimulatorState.DlqEntry entry) {
        Map<String, Object> json = state.messageJson(entry.message());
        json.put("dlqId", entry.dlqId());
        json.put("responseStatus", entry.responseStatus());
        json.put("responseHeader", entry.responseHeaders());
        if (Destinations.isUtf8(entry.responseBody())) {
            json.put("responseBody", new String(entry.responseBody(), StandardCharsets.UTF_8));
        } else {
            json.put("responseBodyBase64", Base64.getEncoder().encodeToString(entry.responseBody()));
        }
        return json;
    }
}
