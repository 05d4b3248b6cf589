package dev.qstash.jakarta.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/**
 * Publishing: {@code POST /v2/publish/{destination}}, {@code /v2/enqueue/{queue}/{destination}} and
 * {@code /v2/batch} (all or nothing), with deduplication; also what a due schedule publishes.
 */
final class PublishApi {

    /** The outcome of one publish: the messages made (or found again), and whether the target was a URL group. */
    record Publish(List<SimulatorState.Published> messages, boolean urlGroup, boolean deduplicated) {
    }

    /** A checked destination: a URL, or the endpoints of an existing URL group. */
    record Target(String destination, boolean urlGroup, List<SimulatorState.Endpoint> endpoints) {
    }

    private final SimulatorState state;
    private final DeliveryEngine engine;

    PublishApi(SimulatorState state, DeliveryEngine engine) {
        this.state = state;
        this.engine = engine;
    }

    Answer publish(ApiRequest request) {
        return published(publish(request.destinationAfter("/v2/publish/"), null, request));
    }

    Answer enqueue(ApiRequest request) {
        String rest = request.destinationAfter("/v2/enqueue/");
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new ApiError(400, "enqueue needs /v2/enqueue/{queue}/{destination}");
        }
        return published(publish(rest.substring(slash + 1), rest.substring(0, slash), request));
    }

    private Publish publish(String destination, String queue, ApiRequest request) {
        SimMessage.Options options = SimMessage.Options.parse(request.headers());
        return publish(resolve(destination), queue, options, request.body(), null);
    }

    private static Answer published(Publish publish) {
        return new Answer(publish.deduplicated() ? 202 : 201, json(publish));
    }

    private static Object json(Publish publish) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SimulatorState.Published m : publish.messages()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("messageId", m.messageId());
            json.put("url", m.url());
            if (publish.deduplicated()) {
                json.put("deduplicated", true);
            }
            list.add(json);
        }
        return publish.urlGroup() ? list : list.get(0);
    }

    Target resolve(String destination) {
        if (!Destinations.looksLikeUrl(destination)) {
            return new Target(destination, true, state.endpoints(destination));
        }
        if (!Destinations.isUrl(destination)) {
            throw new ApiError(400, "invalid destination url: endpoint has invalid scheme, add http:// or https://");
        }
        return new Target(destination, false, List.of(new SimulatorState.Endpoint(null, destination)));
    }

    /** Makes the messages (one per endpoint) unless deduplicated, and hands them to the delivery engine. */
    Publish publish(Target target, String queue, SimMessage.Options options, byte[] body, String scheduleId) {
        long now = state.clock().millis();
        String dedupKey = dedupKey(target.destination(), options, body);
        if (dedupKey != null) {
            List<SimulatorState.Published> earlier = state.duplicate(dedupKey, now);
            if (earlier != null) {
                return new Publish(earlier, target.urlGroup(), true);
            }
        }
        List<SimulatorState.Published> published = new ArrayList<>();
        List<SimMessage> made = new ArrayList<>();
        for (SimulatorState.Endpoint endpoint : target.endpoints()) {
            SimMessage message = new SimMessage("msg_" + QStashTokens.random(26), endpoint.url(),
                    target.urlGroup() ? target.destination() : null, endpoint.name(), queue, options, body, now, false);
            made.add(message);
            published.add(new SimulatorState.Published(message.id, message.url));
        }
        if (dedupKey != null) {
            state.remember(dedupKey, published, now);
        }
        for (SimMessage message : made) {
            message.scheduleId = scheduleId;
            state.add(message);
            engine.submit(message);
        }
        return new Publish(published, target.urlGroup(), false);
    }

    private static String dedupKey(String destination, SimMessage.Options options, byte[] body) {
        if (options.deduplicationId != null) {
            return "id\n" + destination + "\n" + options.deduplicationId;
        }
        if (!options.contentBasedDeduplication) {
            return null;
        }
        StringBuilder content = new StringBuilder(destination).append('\n').append(options.contentType).append('\n');
        new TreeMap<>(options.forward).forEach((k, v) -> content.append(k).append(':').append(v).append('\n'));
        byte[] prefix = content.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return "content\n" + HexFormat.of().formatHex(QStashTokens.sha256(all));
    }

    /** All or nothing: every entry is checked before any message is made. */
    Answer batch(ApiRequest request) {
        JsonNode entries = request.json();
        if (!entries.isArray()) {
            throw new ApiError(400, "batch body must be a JSON array");
        }
        record Entry(Target target, String queue, SimMessage.Options options, byte[] body) {
        }
        List<Entry> checked = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode destination = entry.get("destination");
            if (destination == null || !destination.isTextual()) {
                throw new ApiError(400, "batch entry without destination");
            }
            Map<String, List<String>> headers = new TreeMap<>();
            entry.path("headers").properties().forEach(h -> {
                List<String> values = new ArrayList<>();
                if (h.getValue().isArray()) {
                    h.getValue().forEach(v -> values.add(v.asText())); // the Go SDK sends arrays
                } else {
                    values.add(h.getValue().asText());
                }
                headers.put(h.getKey().toLowerCase(Locale.ROOT), values);
            });
            String queue = entry.hasNonNull("queue") && !entry.get("queue").asText().isEmpty()
                    ? entry.get("queue").asText()
                    : null;
            byte[] messageBody = entry.hasNonNull("body")
                    ? entry.get("body").asText().getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            checked.add(new Entry(resolve(destination.asText()), queue, SimMessage.Options.parse(headers),
                    messageBody));
        }
        List<Object> results = new ArrayList<>();
        for (Entry entry : checked) {
            results.add(json(publish(entry.target(), entry.queue(), entry.options(), entry.body(), null)));
        }
        return new Answer(201, results);
    }
}
