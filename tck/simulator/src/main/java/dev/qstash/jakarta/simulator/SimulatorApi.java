package dev.qstash.jakarta.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The QStash REST API of one region (as the project README's "The QStash simulator" lists it, and as the official
 * SDK's recorded requests, {@code impl/src/test/resources/vectors/requests.json}, use it): publish, enqueue, batch,
 * queues, schedules, URL groups, messages, DLQ, logs, signing keys and flow control, behind the bearer token,
 * answering errors as {@code {"error": "..."}}.
 */
final class SimulatorApi implements HttpHandler {

    private static final int MAX_PAGE = 100;
    private static final int GLOBAL_PARALLELISM = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** Bulk DLQ calls that stop early answer with a fresh cursor each time. */
    private final AtomicLong bulkCursors = new AtomicLong();

    private final QStashSimulator simulator;
    private final SimulatorState state;
    private final DeliveryEngine engine;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();

    SimulatorApi(QStashSimulator simulator, SimulatorState state, DeliveryEngine engine) {
        this.simulator = simulator;
        this.state = state;
        this.engine = engine;
    }

    List<RecordedRequest> requests() {
        return requests;
    }

    void inject(int count, Fault fault) {
        for (int i = 0; i < count; i++) {
            faults.add(fault);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    List.copyOf(values)));
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                    rawPath + (rawQuery == null ? "" : "?" + rawQuery), headers, body, Instant.now());
            requests.add(request);

            Fault fault = faults.poll();
            if (fault != null && fault.kind == Fault.Kind.DROP_CONNECTION) {
                return; // closing an exchange before answering closes the connection
            }
            if (fault != null && !playFault(exchange, fault)) {
                return;
            }
            try {
                authorize(headers, rawQuery);
                Answer answer = route(exchange.getRequestMethod(), rawPath, rawQuery, headers, body);
                send(exchange, answer.status, answer.json, Map.of());
            } catch (ApiError e) {
                send(exchange, e.status, Map.of("error", e.getMessage()), Map.of());
            } catch (RuntimeException e) {
                send(exchange, 500, Map.of("error", "simulator failure: " + e), Map.of());
            }
        }
    }

    /** @return whether to go on handling the request normally */
    private boolean playFault(HttpExchange exchange, Fault fault) throws IOException {
        long now = System.currentTimeMillis() / 1000;
        switch (fault.kind) {
            case BURST_RATE_LIMIT -> send(exchange, 429, Map.of("error", "burst rate limit exceeded"), Map.of(
                    "Burst-RateLimit-Limit", "100", "Burst-RateLimit-Remaining", "0",
                    "Burst-RateLimit-Reset", Long.toString(now + 1)));
            case DAILY_RATE_LIMIT -> send(exchange, 429, Map.of("error", "daily message limit exceeded"), Map.of(
                    "RateLimit-Limit", "500", "RateLimit-Remaining", "0", "RateLimit-Reset",
                    Long.toString(LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toEpochSecond(
                            ZoneOffset.UTC))));
            case SERVER_ERROR -> send(exchange, 500, Map.of("error", "internal server error"), Map.of());
            case SLOW -> {
                try {
                    Thread.sleep(fault.delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }
            default -> throw new IllegalStateException(fault.toString());
        }
        return false;
    }

    private void authorize(Map<String, List<String>> headers, String rawQuery) {
        String expected = "Bearer " + simulator.token();
        List<String> authorization = headers.getOrDefault("authorization", List.of());
        if (authorization.contains(expected)) {
            return;
        }
        if (query(rawQuery).getOrDefault("qstash_token", List.of()).contains(simulator.token())) {
            return;
        }
        throw new ApiError(401, authorization.isEmpty() ? "authorization header is missing" : "invalid token");
    }

    private record Answer(int status, Object json) {
    }

    private Answer route(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> query = query(rawQuery);
        String suffixWithQuery = rawQuery == null ? "" : "?" + rawQuery;
        if (method.equals("POST") && path.startsWith("/v2/publish/")) {
            return published(publish(path.substring("/v2/publish/".length()) + suffixWithQuery, null, headers, body));
        }
        if (method.equals("POST") && path.startsWith("/v2/enqueue/")) {
            String rest = path.substring("/v2/enqueue/".length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                throw new ApiError(400, "enqueue needs /v2/enqueue/{queue}/{destination}");
            }
            return published(publish(rest.substring(slash + 1) + suffixWithQuery, rest.substring(0, slash), headers,
                    body));
        }
        if (method.equals("POST") && path.equals("/v2/batch")) {
            return batch(body);
        }
        if (method.equals("POST") && path.startsWith("/v2/schedules/")) {
            return createSchedule(path.substring("/v2/schedules/".length()) + suffixWithQuery, headers, body);
        }
        List<String> p = segments(path);
        if (p.size() >= 2 && p.get(0).equals("v2")) {
            switch (p.get(1)) {
                case "topics" -> {
                    return topics(method, p, body);
                }
                case "queues" -> {
                    return queues(method, p, body);
                }
                case "schedules" -> {
                    return schedules(method, p);
                }
                case "flowControl" -> {
                    return flowControl(method, p, query);
                }
                case "globalParallelism" -> {
                    if (method.equals("GET") && p.size() == 2) {
                        return new Answer(200, Map.of("parallelismMax", GLOBAL_PARALLELISM,
                                "parallelismCount", engine.inFlight()));
                    }
                }
                case "messages" -> {
                    return messages(method, p, query);
                }
                case "dlq" -> {
                    return dlq(method, p, query);
                }
                case "events" -> {
                    if (method.equals("GET") && p.size() == 2) {
                        return events(query);
                    }
                }
                case "keys" -> {
                    if (method.equals("GET") && p.size() == 2) {
                        return new Answer(200, keys());
                    }
                    if (method.equals("POST") && p.size() == 3 && p.get(2).equals("rotate")) {
                        simulator.rotateSigningKeys();
                        return new Answer(200, keys());
                    }
                }
                default -> {
                }
            }
        }
        throw new ApiError(404, "no such endpoint: " + method + " " + path);
    }

    // ---- publishing ----

    /** The outcome of one publish: the messages made (or found again), and whether the target was a URL group. */
    private record Publish(List<SimulatorState.Published> messages, boolean urlGroup, boolean deduplicated) {
    }

    private Answer published(Publish publish) {
        return new Answer(publish.deduplicated() ? 202 : 201, publishJson(publish));
    }

    private static Object publishJson(Publish publish) {
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

    /** A checked destination: a URL, or the endpoints of an existing URL group. */
    private record Target(String destination, boolean urlGroup, List<SimulatorState.Endpoint> endpoints) {
    }

    private Target resolve(String destination) {
        if (!Destinations.looksLikeUrl(destination)) {
            return new Target(destination, true, state.endpoints(destination));
        }
        if (!Destinations.isUrl(destination)) {
            throw new ApiError(400, "invalid destination url: endpoint has invalid scheme, add http:// or https://");
        }
        return new Target(destination, false, List.of(new SimulatorState.Endpoint(null, destination)));
    }

    private Publish publish(String destination, String queue, Map<String, List<String>> headers, byte[] body) {
        SimMessage.Options options = SimMessage.Options.parse(headers);
        return publish(resolve(destination), queue, options, body);
    }

    private Publish publish(Target target, String queue, SimMessage.Options options, byte[] body) {
        return publish(target, queue, options, body, null);
    }

    private Publish publish(Target target, String queue, SimMessage.Options options, byte[] body,
            String scheduleId) {
        long now = System.currentTimeMillis();
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
    private Answer batch(byte[] body) {
        JsonNode entries = readJson(body);
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
            entry.path("headers").fields().forEachRemaining(h -> {
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
            results.add(publishJson(publish(entry.target(), entry.queue(), entry.options(), entry.body())));
        }
        return new Answer(201, results);
    }

    // ---- URL groups ----

    private Answer topics(String method, List<String> p, byte[] body) {
        if (p.size() == 2 && method.equals("GET")) {
            return new Answer(200, state.groupsJson());
        }
        if (p.size() == 3 && method.equals("GET")) {
            return new Answer(200, state.groupJson(p.get(2)));
        }
        if (p.size() == 3 && method.equals("DELETE")) {
            state.deleteGroup(p.get(2));
            return new Answer(200, null);
        }
        if (p.size() == 4 && p.get(3).equals("endpoints") && (method.equals("POST") || method.equals("DELETE"))) {
            List<SimulatorState.Endpoint> endpoints = new ArrayList<>();
            for (JsonNode e : readJson(body).path("endpoints")) {
                String url = e.hasNonNull("url") ? e.get("url").asText() : null;
                String name = e.hasNonNull("name") ? e.get("name").asText() : null;
                if (method.equals("POST") && (url == null || !Destinations.isUrl(url))) {
                    throw new ApiError(400, "invalid endpoint url: " + url);
                }
                if (url == null && name == null) {
                    throw new ApiError(400, "an endpoint needs a url or a name");
                }
                endpoints.add(new SimulatorState.Endpoint(name, url));
            }
            if (endpoints.isEmpty()) {
                throw new ApiError(400, "endpoints must not be empty");
            }
            if (method.equals("POST")) {
                state.addEndpoints(p.get(2), endpoints, System.currentTimeMillis());
            } else {
                state.removeEndpoints(p.get(2), endpoints, System.currentTimeMillis());
            }
            return new Answer(200, null);
        }
        throw new ApiError(404, "no such endpoint: " + method + " /" + String.join("/", p));
    }

    // ---- queues ----

    private Answer queues(String method, List<String> p, byte[] body) {
        if (p.size() == 2 && method.equals("GET")) {
            return new Answer(200, state.queuesJson());
        }
        if (p.size() == 2 && method.equals("POST")) {
            JsonNode json = readJson(body);
            String name = json.path("queueName").asText("");
            if (!NAME.matcher(name).matches()) {
                throw new ApiError(400, "invalid queue name: only letters, digits, '.', '_' and '-' are allowed");
            }
            int parallelism = json.path("parallelism").asInt(1);
            if (parallelism < 1) {
                throw new ApiError(400, "parallelism must be at least 1");
            }
            List<SimMessage> start;
            synchronized (state) {
                SimulatorState.SimQueue queue = state.queue(name);
                queue.parallelism = parallelism;
                queue.paused = json.path("paused").asBoolean(false);
                queue.updatedAt = System.currentTimeMillis();
                start = state.startable(queue);
            }
            engine.start(start);
            return new Answer(200, null);
        }
        if (p.size() >= 3) {
            SimulatorState.SimQueue queue = state.existingQueue(p.get(2));
            if (queue == null) {
                throw new ApiError(404, "queue " + p.get(2) + " not found");
            }
            if (p.size() == 3 && method.equals("GET")) {
                synchronized (state) {
                    return new Answer(200, queue.toJson());
                }
            }
            if (p.size() == 3 && method.equals("DELETE")) {
                state.deleteQueue(queue.name);
                return new Answer(200, null);
            }
            if (p.size() == 4 && method.equals("POST") && (p.get(3).equals("pause") || p.get(3).equals("resume"))) {
                List<SimMessage> start;
                synchronized (state) {
                    queue.paused = p.get(3).equals("pause");
                    queue.updatedAt = System.currentTimeMillis();
                    start = state.startable(queue);
                }
                engine.start(start);
                return new Answer(200, null);
            }
        }
        throw new ApiError(404, "no such endpoint: " + method + " /" + String.join("/", p));
    }

    // ---- schedules ----

    private Answer createSchedule(String destination, Map<String, List<String>> headers, byte[] body) {
        String cron = first(headers, "Upstash-Cron");
        if (cron == null || cron.isBlank()) {
            throw new ApiError(400, "Upstash-Cron header is required");
        }
        resolve(destination);
        String id = first(headers, "Upstash-Schedule-Id");
        if (id == null) {
            id = "scd_" + QStashTokens.random(26);
        } else if (!NAME.matcher(id).matches()) {
            throw new ApiError(400, "invalid schedule id: only letters, digits, '.', '_' and '-' are allowed");
        }
        SimSchedule schedule = new SimSchedule(id, cron, destination, first(headers, "Upstash-Queue-Name"),
                SimMessage.Options.parse(headers), body, simulator.now().toEpochMilli());
        state.putSchedule(schedule);
        return new Answer(200, Map.of("scheduleId", id));
    }

    private Answer schedules(String method, List<String> p) {
        if (p.size() == 2 && method.equals("GET")) {
            synchronized (state) {
                return new Answer(200, state.schedules().stream().map(SimSchedule::toJson).toList());
            }
        }
        if (p.size() == 3 && method.equals("GET")) {
            synchronized (state) {
                return new Answer(200, state.schedule(p.get(2)).toJson());
            }
        }
        if (p.size() == 3 && method.equals("DELETE")) {
            state.deleteSchedule(p.get(2));
            return new Answer(200, null);
        }
        if (p.size() == 4 && method.equals("PATCH") && (p.get(3).equals("pause") || p.get(3).equals("resume"))) {
            synchronized (state) {
                SimSchedule schedule = state.schedule(p.get(2));
                schedule.paused = p.get(3).equals("pause");
                if (!schedule.paused) {
                    schedule.nextFire = schedule.next(simulator.now().toEpochMilli());
                }
            }
            return new Answer(200, null);
        }
        throw new ApiError(404, "no such endpoint: " + method + " /" + String.join("/", p));
    }

    /** Publishes the message of every schedule due at {@code now} (the simulator's clock), once per match. */
    void fireDueSchedules(long now) {
        for (SimSchedule schedule : state.schedules()) {
            synchronized (state) {
                if (schedule.paused || schedule.nextFire > now) {
                    continue;
                }
                schedule.lastFire = now;
                schedule.nextFire = schedule.next(now);
            }
            try {
                Publish publish = publish(resolve(schedule.destination), schedule.queue, schedule.options,
                        schedule.body, schedule.id);
                synchronized (state) {
                    schedule.lastStates.clear();
                    publish.messages().forEach(m -> schedule.lastStates.put(m.messageId(), "IN_PROGRESS"));
                }
            } catch (ApiError e) {
                synchronized (state) {
                    schedule.lastStates.clear();
                    schedule.lastStates.put("error", e.getMessage());
                }
            }
        }
    }

    // ---- flow control: state only ----

    private Answer flowControl(String method, List<String> p, Map<String, List<String>> query) {
        if (p.size() >= 3) {
            String key = p.get(2);
            if (p.size() == 3 && method.equals("GET")) {
                SimFlowControl flow = state.existingFlowControl(key);
                if (flow == null) {
                    throw new ApiError(404, "flow control key " + key + " not found");
                }
                synchronized (state) {
                    return new Answer(200, flow.toJson());
                }
            }
            if (p.size() == 4 && method.equals("POST")) {
                List<SimMessage> start;
                synchronized (state) {
                    SimFlowControl flow = state.flowControl(key);
                    switch (p.get(3)) {
                        case "pause" -> flow.paused = true;
                        case "resume" -> flow.paused = false;
                        case "resetRate" -> {
                            flow.rateCount = 0;
                            flow.ratePeriodStart = System.currentTimeMillis();
                        }
                        case "pin" -> {
                            if (query.containsKey("parallelism")) {
                                flow.parallelismMax = (int) number(query, "parallelism", 0);
                                flow.pinnedParallelism = true;
                            }
                            if (query.containsKey("rate")) {
                                flow.rateMax = (int) number(query, "rate", 0);
                                flow.pinnedRate = true;
                            }
                            if (query.containsKey("period")) {
                                flow.ratePeriodSeconds = number(query, "period", 1);
                            }
                            flow.rateCount = 0;
                            flow.ratePeriodStart = System.currentTimeMillis();
                        }
                        case "unpin" -> {
                            if ("true".equals(first(query, "parallelism"))) {
                                flow.pinnedParallelism = false;
                            }
                            if ("true".equals(first(query, "rate"))) {
                                flow.pinnedRate = false;
                            }
                        }
                        default -> throw new ApiError(404, "no such endpoint: POST /" + String.join("/", p));
                    }
                    start = flow.startable();
                }
                engine.resume(start);
                return new Answer(200, null);
            }
        }
        throw new ApiError(404, "no such endpoint: " + method + " /" + String.join("/", p));
    }

    private static String first(Map<String, List<String>> map, String name) {
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    // ---- messages ----

    private Answer messages(String method, List<String> p, Map<String, List<String>> query) {
        if (p.size() == 3) {
            SimMessage message = state.message(p.get(2));
            if (message == null) {
                throw new ApiError(404, "message " + p.get(2) + " not found");
            }
            if (method.equals("GET")) {
                return new Answer(200, message.toJson());
            }
            if (method.equals("DELETE")) {
                engine.cancel(message);
                return new Answer(200, Map.of("cancelled", 1));
            }
        }
        if (p.size() == 2 && method.equals("DELETE")) {
            List<String> ids = query.get("messageIds");
            Predicate<SimMessage> filter = ids != null
                    ? m -> ids.contains(m.id)
                    : m -> matches(query, "url", m.url) && matches(query, "topicName", m.urlGroup)
                            && matches(query, "queueName", m.queue) && labelMatches(query, m.options.labels);
            List<SimMessage> cancelled = state.messages(filter);
            cancelled.forEach(engine::cancel);
            return new Answer(200, Map.of("cancelled", cancelled.size()));
        }
        throw new ApiError(404, "no such endpoint: " + method + " /" + String.join("/", p));
    }

    // ---- DLQ ----

    private Answer dlq(String method, List<String> p, Map<String, List<String>> query) {
        if (p.size() == 2 && method.equals("GET")) {
            Page<SimulatorState.DlqEntry> page = page(state.dlq(dlqFilter(query)), query);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("messages", page.items().stream().map(SimulatorApi::dlqJson).toList());
            page.cursor().ifPresent(c -> json.put("cursor", c));
            return new Answer(200, json);
        }
        if (p.size() == 3 && method.equals("GET")) {
            return new Answer(200, dlqJson(state.dlqEntry(p.get(2))));
        }
        if (p.size() == 3 && method.equals("DELETE")) {
            state.removeDlq(p.get(2));
            return new Answer(200, null);
        }
        if (p.size() == 2 && method.equals("DELETE")) {
            Bulk bulk = bulk(query);
            bulk.entries().forEach(e -> state.removeDlq(e.dlqId()));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("deleted", bulk.entries().size());
            json.put("cursor", bulk.cursor());
            return new Answer(200, json);
        }
        if (p.size() >= 3 && p.get(2).equals("retry") && method.equals("POST")) {
            Bulk bulk = p.size() == 4 ? new Bulk(List.of(state.dlqEntry(p.get(3))), "") : bulk(query);
            List<Map<String, Object>> responses = new ArrayList<>();
            for (SimulatorState.DlqEntry entry : bulk.entries()) {
                responses.add(Map.of("messageId", retry(entry)));
            }
            return new Answer(201, p.size() == 4
                    ? responses.get(0)
                    : Map.of("responses", responses, "cursor", bulk.cursor()));
        }
        throw new ApiError(404, "no such endpoint: " + method + " /" + String.join("/", p));
    }

    /** What one bulk delete or retry works on: ids all at once, a filter {@code count} at a time. */
    private record Bulk(List<SimulatorState.DlqEntry> entries, String cursor) {
    }

    private Bulk bulk(Map<String, List<String>> query) {
        List<SimulatorState.DlqEntry> all = state.dlq(dlqFilter(query));
        if (query.containsKey("dlqIds")) {
            return new Bulk(all, "");
        }
        int count = (int) Math.min(MAX_PAGE, Math.max(1, number(query, "count", MAX_PAGE)));
        return all.size() <= count
                ? new Bulk(all, "")
                : new Bulk(List.copyOf(all.subList(0, count)), "bulk-" + bulkCursors.incrementAndGet());
    }

    private String retry(SimulatorState.DlqEntry entry) {
        state.removeDlq(entry.dlqId());
        SimMessage old = entry.message();
        SimMessage message = new SimMessage("msg_" + QStashTokens.random(26), old.url, old.urlGroup, old.endpointName,
                old.queue, old.options, old.body, System.currentTimeMillis(), old.isCallback);
        state.add(message);
        engine.submit(message);
        return message.id;
    }

    private static Predicate<SimulatorState.DlqEntry> dlqFilter(Map<String, List<String>> query) {
        List<String> ids = query.get("dlqIds");
        if (ids != null) {
            return e -> ids.contains(e.dlqId());
        }
        return e -> matches(query, "messageId", e.message().id) && matches(query, "url", e.message().url)
                && matches(query, "topicName", e.message().urlGroup) && matches(query, "queueName", e.message().queue)
                && matches(query, "responseStatus", Integer.toString(e.responseStatus()))
                && labelMatches(query, e.message().options.labels);
    }

    private static Map<String, Object> dlqJson(SimulatorState.DlqEntry entry) {
        Map<String, Object> json = entry.message().toJson();
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

    // ---- logs ----

    private Answer events(Map<String, List<String>> query) {
        List<String> ids = query.get("messageIds");
        Predicate<Map<String, Object>> filter = e -> (ids == null || ids.contains(e.get("messageId")))
                && matches(query, "messageId", (String) e.get("messageId"))
                && matches(query, "state", (String) e.get("state")) && matches(query, "url", (String) e.get("url"))
                && matches(query, "topicName", (String) e.get("topicName"))
                && matches(query, "queueName", (String) e.get("queueName"));
        Page<Map<String, Object>> page = page(state.logs(filter), query);
        Map<String, Object> json = new LinkedHashMap<>();
        page.cursor().ifPresent(c -> json.put("cursor", c));
        json.put("events", page.items());
        return new Answer(200, json);
    }

    // ---- helpers ----

    private Map<String, Object> keys() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("current", simulator.currentSigningKey());
        json.put("next", simulator.nextSigningKey());
        return json;
    }

    private record Page<T>(List<T> items, java.util.Optional<String> cursor) {
    }

    /** Offset cursors: {@code cursor} is where the page starts, {@code count} its size (at most 100). */
    private static <T> Page<T> page(List<T> all, Map<String, List<String>> query) {
        int start = (int) number(query, "cursor", 0);
        int count = (int) Math.min(MAX_PAGE, Math.max(1, number(query, "count", MAX_PAGE)));
        int end = Math.min(all.size(), start + count);
        List<T> items = start >= all.size() ? List.of() : all.subList(start, end);
        return new Page<>(List.copyOf(items), end < all.size()
                ? java.util.Optional.of(Integer.toString(end))
                : java.util.Optional.empty());
    }

    private static long number(Map<String, List<String>> query, String name, long otherwise) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(values.get(0));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "invalid " + name + ": " + values.get(0));
        }
    }

    /** Multi-value filters; the SDK repeats a parameter, the docs also allow commas. */
    private static boolean matches(Map<String, List<String>> query, String name, String value) {
        List<String> wanted = query.get(name);
        if (wanted == null) {
            return true;
        }
        for (String w : wanted) {
            for (String one : w.split(",")) {
                if (one.equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean labelMatches(Map<String, List<String>> query, List<String> labels) {
        return query.get("label") == null || labels.stream().anyMatch(l -> matches(query, "label", l));
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiError(400, "body is not valid JSON");
        }
    }

    private static void send(HttpExchange exchange, int status, Object json, Map<String, String> headers)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = json == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(json);
        if (json != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
