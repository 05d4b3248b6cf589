package dev.qstash.jakarta.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Everything one simulated region holds: live messages, URL groups, the deduplication index, the DLQ, the logs, and
 * the order of each queue. One lock guards it all; every method is short.
 */
final class SimulatorState {

    record Endpoint(String name, String url) {
    }

    static final class UrlGroup {

        final String name;
        final long createdAt;
        long updatedAt;
        final List<Endpoint> endpoints = new ArrayList<>();

        UrlGroup(String name, long now) {
            this.name = name;
            this.createdAt = now;
            this.updatedAt = now;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("createdAt", createdAt);
            json.put("updatedAt", updatedAt);
            json.put("name", name);
            List<Map<String, Object>> list = new ArrayList<>();
            for (Endpoint e : endpoints) {
                Map<String, Object> endpoint = new LinkedHashMap<>();
                if (e.name() != null) {
                    endpoint.put("name", e.name());
                }
                endpoint.put("url", e.url());
                list.add(endpoint);
            }
            json.put("endpoints", list);
            return json;
        }
    }

    record DlqEntry(String dlqId, SimMessage message, int responseStatus, Map<String, List<String>> responseHeaders,
            byte[] responseBody, long createdAt) {
    }

    /** What a deduplicated publish answers again. */
    record Published(String messageId, String url) {
    }

    private record Dedup(List<Published> published, long expiresAt) {
    }

    private final Map<String, SimMessage> messages = new LinkedHashMap<>();
    private final Map<String, UrlGroup> groups = new TreeMap<>();
    private final Map<String, Dedup> dedup = new HashMap<>();
    private final Map<String, DlqEntry> dlq = new LinkedHashMap<>();
    private final List<Map<String, Object>> logs = new ArrayList<>();
    private final Map<String, SimQueue> queues = new TreeMap<>();
    private final Map<String, SimSchedule> schedules = new TreeMap<>();
    private final Map<String, SimFlowControl> flowControl = new TreeMap<>();
    private final Duration dedupWindow;
    private final SimClock clock;

    SimulatorState(Duration dedupWindow, SimClock clock) {
        this.dedupWindow = dedupWindow;
        this.clock = clock;
    }

    SimClock clock() {
        return clock;
    }

    // ---- messages ----

    synchronized void add(SimMessage message) {
        messages.put(message.id, message);
        if (message.options.flowControlKey != null) {
            flowControl(message.options.flowControlKey).learn(message.options);
        }
        log(message, "CREATED", null);
    }

    synchronized SimMessage message(String id) {
        return messages.get(id);
    }

    /** The message as {@code GET /v2/messages/{id}} and the DLQ show it. */
    synchronized Map<String, Object> messageJson(SimMessage message) {
        return message.toJson();
    }

    synchronized List<SimMessage> messages(Predicate<SimMessage> filter) {
        return messages.values().stream().filter(filter).toList();
    }

    /** A message reached a final state: it leaves the live set, as QStash forgets delivered messages. */
    synchronized void finish(SimMessage message, SimMessage.State state) {
        message.state = state;
        messages.remove(message.id);
    }

    // ---- deduplication ----

    synchronized List<Published> duplicate(String key, long now) {
        Dedup found = dedup.get(key);
        if (found == null || found.expiresAt() <= now) {
            dedup.remove(key);
            return null;
        }
        return found.published();
    }

    synchronized void remember(String key, List<Published> published, long now) {
        dedup.put(key, new Dedup(List.copyOf(published), now + dedupWindow.toMillis()));
    }

    // ---- queues: at most `parallelism` deliveries in flight per queue, in publish order; none while paused ----

    /** A queue; created by its first enqueue (parallelism 1) or by an upsert. */
    static final class SimQueue {

        final String name;
        final long createdAt;
        long updatedAt;
        int parallelism = 1;
        boolean paused;
        int inFlight;
        final Deque<SimMessage> waiting = new ArrayDeque<>();

        SimQueue(String name, long now) {
            this.name = name;
            this.createdAt = now;
            this.updatedAt = now;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", name);
            json.put("createdAt", createdAt);
            json.put("updatedAt", updatedAt);
            json.put("parallelism", parallelism);
            json.put("lag", waiting.size());
            json.put("paused", paused);
            return json;
        }
    }

    synchronized SimQueue queue(String name) {
        return queues.computeIfAbsent(name, n -> new SimQueue(n, clock.millis()));
    }

    private SimQueue existingQueue(String name) {
        SimQueue queue = queues.get(name);
        if (queue == null) {
            throw new ApiError(404, "queue " + name + " not found");
        }
        return queue;
    }

    synchronized List<Map<String, Object>> queuesJson() {
        return queues.values().stream().map(SimQueue::toJson).toList();
    }

    synchronized Map<String, Object> queueJson(String name) {
        return existingQueue(name).toJson();
    }

    /** Creates or updates a queue; returns the waiting messages that may start now. */
    synchronized List<SimMessage> upsertQueue(String name, int parallelism, boolean paused) {
        SimQueue queue = queue(name);
        queue.parallelism = parallelism;
        queue.paused = paused;
        queue.updatedAt = clock.millis();
        return startable(queue);
    }

    /** Pauses or resumes a queue; returns the waiting messages that may start now. */
    synchronized List<SimMessage> pauseQueue(String name, boolean paused) {
        SimQueue queue = existingQueue(name);
        queue.paused = paused;
        queue.updatedAt = clock.millis();
        return startable(queue);
    }

    synchronized void deleteQueue(String name) {
        if (queues.remove(name) == null) {
            throw new ApiError(404, "queue " + name + " not found");
        }
    }

    /** Whether the message may be delivered now; otherwise it waits its turn. */
    synchronized boolean claimTurn(SimMessage message) {
        if (message.queue == null) {
            return true;
        }
        SimQueue queue = queue(message.queue);
        if (!queue.paused && queue.inFlight < queue.parallelism && queue.waiting.isEmpty()) {
            queue.inFlight++;
            message.holdsTurn = true;
            return true;
        }
        queue.waiting.add(message);
        return false;
    }

    /** The finished message's queue moves on; returns the messages that may start now. */
    synchronized List<SimMessage> releaseTurn(SimMessage finished) {
        if (finished.queue == null) {
            return List.of();
        }
        SimQueue queue = queue(finished.queue);
        if (finished.holdsTurn) {
            finished.holdsTurn = false;
            queue.inFlight = Math.max(0, queue.inFlight - 1);
        } else {
            queue.waiting.remove(finished); // cancelled while waiting
        }
        return startable(queue);
    }

    /** After a resume or a larger parallelism: the waiting messages that may start now. */
    synchronized List<SimMessage> startable(SimQueue queue) {
        List<SimMessage> start = new ArrayList<>();
        while (!queue.paused && queue.inFlight < queue.parallelism && !queue.waiting.isEmpty()) {
            SimMessage next = queue.waiting.poll();
            if (!next.isFinal()) {
                queue.inFlight++;
                next.holdsTurn = true;
                start.add(next);
            }
        }
        return start;
    }

    // ---- schedules ----

    synchronized void putSchedule(SimSchedule schedule) {
        schedules.put(schedule.id, schedule);
    }

    synchronized SimSchedule schedule(String id) {
        SimSchedule schedule = schedules.get(id);
        if (schedule == null) {
            throw new ApiError(404, "schedule " + id + " not found");
        }
        return schedule;
    }

    synchronized List<Map<String, Object>> schedulesJson() {
        return schedules.values().stream().map(SimSchedule::toJson).toList();
    }

    synchronized Map<String, Object> scheduleJson(String id) {
        return schedule(id).toJson();
    }

    /** Pauses or resumes a schedule; a resumed one next fires at its first match from now. */
    synchronized void pauseSchedule(String id, boolean paused) {
        SimSchedule schedule = schedule(id);
        schedule.paused = paused;
        if (!paused) {
            schedule.nextFire = schedule.next(clock.millis());
        }
    }

    /** The schedules due at {@code now}, each moved on to its next match (so that it fires once). */
    synchronized List<SimSchedule> dueSchedules(long now) {
        List<SimSchedule> due = new ArrayList<>();
        for (SimSchedule schedule : schedules.values()) {
            if (!schedule.paused && schedule.nextFire <= now) {
                schedule.lastFire = now;
                schedule.nextFire = schedule.next(now);
                due.add(schedule);
            }
        }
        return due;
    }

    synchronized void scheduleFired(SimSchedule schedule, List<String> messageIds) {
        schedule.lastStates.clear();
        messageIds.forEach(id -> schedule.lastStates.put(id, "IN_PROGRESS"));
    }

    synchronized void scheduleFailed(SimSchedule schedule, String error) {
        schedule.lastStates.clear();
        schedule.lastStates.put("error", error);
    }

    synchronized void deleteSchedule(String id) {
        if (schedules.remove(id) == null) {
            throw new ApiError(404, "schedule " + id + " not found");
        }
    }

    // ---- flow control ----

    /** The key's state, created on first use. */
    synchronized SimFlowControl flowControl(String key) {
        return flowControl.computeIfAbsent(key, k -> new SimFlowControl(k, clock.millis()));
    }

    /** Every key's waiting messages that may start now (after the clock moved). */
    synchronized List<SimMessage> flowStartable() {
        List<SimMessage> start = new ArrayList<>();
        long now = clock.millis();
        flowControl.values().forEach(flow -> start.addAll(flow.startable(now)));
        return start;
    }

    /** The key's waiting messages that may start now. */
    synchronized List<SimMessage> flowStartable(String key) {
        SimFlowControl flow = flowControl.get(key);
        return flow == null ? List.of() : flow.startable(clock.millis());
    }

    /** When the message's key's rate period ends, if its rate is what holds the message; otherwise {@code null}. */
    synchronized Long flowRateWake(SimMessage message) {
        String key = message.options.flowControlKey;
        if (key == null) {
            return null;
        }
        SimFlowControl flow = flowControl(key);
        return flow.rateExhausted(clock.millis()) ? flow.ratePeriodEnd() : null;
    }

    synchronized Map<String, Object> flowControlJson(String key) {
        SimFlowControl flow = flowControl.get(key);
        if (flow == null) {
            throw new ApiError(404, "flow control key " + key + " not found");
        }
        flow.roll(clock.millis());
        return flow.toJson();
    }

    /** A change to one flow-control key, made under the state's lock. */
    interface FlowChange {

        void apply(SimFlowControl flow);
    }

    /** Changes the key (created on first use); returns its waiting messages that may start now. */
    synchronized List<SimMessage> changeFlowControl(String key, FlowChange change) {
        SimFlowControl flow = flowControl(key);
        change.apply(flow);
        return flow.startable(clock.millis());
    }

    /** Whether the message's attempt may start now; otherwise it waits for its key. */
    synchronized boolean claimFlowSlot(SimMessage message) {
        String key = message.options.flowControlKey;
        return key == null || flowControl(key).claim(message, clock.millis());
    }

    /** The message's attempt ended: its key's waiting messages that may start now. */
    synchronized List<SimMessage> releaseFlowSlot(SimMessage message) {
        String key = message.options.flowControlKey;
        return key == null ? List.of() : flowControl(key).release(message, clock.millis());
    }

    // ---- URL groups ----

    synchronized void addEndpoints(String name, List<Endpoint> endpoints, long now) {
        UrlGroup group = groups.computeIfAbsent(name, n -> new UrlGroup(n, now));
        for (Endpoint e : endpoints) {
            group.endpoints.removeIf(existing -> existing.url().equals(e.url()));
            group.endpoints.add(e);
        }
        group.updatedAt = now;
    }

    synchronized void removeEndpoints(String name, List<Endpoint> endpoints, long now) {
        UrlGroup group = groups.get(name);
        if (group == null) {
            throw new ApiError(404, "url group " + name + " not found");
        }
        for (Endpoint e : endpoints) {
            group.endpoints.removeIf(existing -> (e.url() != null && e.url().equals(existing.url()))
                    || (e.name() != null && e.name().equals(existing.name())));
        }
        group.updatedAt = now;
        if (group.endpoints.isEmpty()) {
            groups.remove(name);
        }
    }

    synchronized UrlGroup group(String name) {
        UrlGroup group = groups.get(name);
        if (group == null) {
            throw new ApiError(404, "url group " + name + " not found");
        }
        return group;
    }

    synchronized List<Endpoint> endpoints(String name) {
        return List.copyOf(group(name).endpoints);
    }

    synchronized List<Map<String, Object>> groupsJson() {
        return groups.values().stream().map(UrlGroup::toJson).toList();
    }

    synchronized Map<String, Object> groupJson(String name) {
        return group(name).toJson();
    }

    synchronized void deleteGroup(String name) {
        if (groups.remove(name) == null) {
            throw new ApiError(404, "url group " + name + " not found");
        }
    }

    // ---- DLQ ----

    synchronized DlqEntry toDlq(SimMessage message, int status, Map<String, List<String>> headers, byte[] body,
            long now) {
        DlqEntry entry = new DlqEntry("dlq_" + QStashTokens.random(24), message, status, headers, body, now);
        dlq.put(entry.dlqId(), entry);
        return entry;
    }

    synchronized List<DlqEntry> dlq(Predicate<DlqEntry> filter) {
        return dlq.values().stream().filter(filter).toList();
    }

    synchronized DlqEntry dlqEntry(String dlqId) {
        DlqEntry entry = dlq.get(dlqId);
        if (entry == null) {
            throw new ApiError(404, "dlq message " + dlqId + " not found");
        }
        return entry;
    }

    synchronized DlqEntry removeDlq(String dlqId) {
        DlqEntry entry = dlq.remove(dlqId);
        if (entry == null) {
            throw new ApiError(404, "dlq message " + dlqId + " not found");
        }
        return entry;
    }

    // ---- logs ----

    synchronized void log(SimMessage message, String state, Map<String, Object> extra) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", clock.millis());
        entry.put("state", state);
        entry.put("messageId", message.id);
        entry.put("url", message.url);
        if (message.urlGroup != null) {
            entry.put("topicName", message.urlGroup);
        }
        if (message.endpointName != null) {
            entry.put("endpointName", message.endpointName);
        }
        if (message.queue != null) {
            entry.put("queueName", message.queue);
        }
        if (message.scheduleId != null) {
            entry.put("scheduleId", message.scheduleId);
        }
        if (!message.options.labels.isEmpty()) {
            entry.put("labels", message.options.labels);
        }
        if (extra != null) {
            entry.putAll(extra);
        }
        logs.add(entry);
    }

    /** Newest first. */
    synchronized List<Map<String, Object>> logs(Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = logs.size() - 1; i >= 0; i--) {
            if (filter.test(logs.get(i))) {
                result.add(logs.get(i));
            }
        }
        return result;
    }

    // ---- persistence (--state-dir): queues, schedules, URL groups, DLQ and logs; not the live messages ----

    /** What {@link StateFile} writes: everything kept across restarts, as JSON-ready maps. */
    synchronized Map<String, Object> snapshot() {
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> queueList = new ArrayList<>();
        for (SimQueue q : queues.values()) {
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("name", q.name);
            queue.put("createdAt", q.createdAt);
            queue.put("updatedAt", q.updatedAt);
            queue.put("parallelism", q.parallelism);
            queue.put("paused", q.paused);
            queueList.add(queue);
        }
        json.put("queues", queueList);
        json.put("urlGroups", groupsJson());
        List<Map<String, Object>> scheduleList = new ArrayList<>();
        for (SimSchedule sc : schedules.values()) {
            Map<String, Object> schedule = new LinkedHashMap<>();
            schedule.put("id", sc.id);
            schedule.put("cron", sc.cron);
            schedule.put("destination", sc.destination);
            schedule.put("queue", sc.queue);
            schedule.put("header", persistable(sc.options.header));
            schedule.put("body", java.util.Base64.getEncoder().encodeToString(sc.body));
            schedule.put("createdAt", sc.createdAt);
            schedule.put("paused", sc.paused);
            schedule.put("lastFire", sc.lastFire);
            schedule.put("lastStates", sc.lastStates);
            scheduleList.add(schedule);
        }
        json.put("schedules", scheduleList);
        List<Map<String, Object>> dlqList = new ArrayList<>();
        for (DlqEntry e : dlq.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dlqId", e.dlqId());
            entry.put("message", messageSnapshot(e.message()));
            entry.put("responseStatus", e.responseStatus());
            entry.put("responseHeaders", e.responseHeaders());
            entry.put("responseBody", java.util.Base64.getEncoder().encodeToString(e.responseBody()));
            entry.put("createdAt", e.createdAt());
            dlqList.add(entry);
        }
        json.put("dlq", dlqList);
        json.put("logs", new ArrayList<>(logs));
        return json;
    }

    private static Map<String, Object> messageSnapshot(SimMessage m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id);
        json.put("url", m.url);
        json.put("urlGroup", m.urlGroup);
        json.put("endpointName", m.endpointName);
        json.put("queue", m.queue);
        json.put("header", persistable(m.options.header));
        json.put("body", java.util.Base64.getEncoder().encodeToString(m.body));
        json.put("createdAt", m.createdAt);
        json.put("scheduleId", m.scheduleId);
        json.put("isCallback", m.isCallback);
        json.put("retried", m.retried);
        return json;
    }

    /** Takes back what {@link #snapshot()} wrote; schedules next fire at their first match from now. */
    synchronized void restore(com.fasterxml.jackson.databind.JsonNode json) {
        long now = clock.millis();
        for (com.fasterxml.jackson.databind.JsonNode q : json.path("queues")) {
            SimQueue queue = new SimQueue(q.path("name").asText(), q.path("createdAt").asLong());
            queue.updatedAt = q.path("updatedAt").asLong();
            queue.parallelism = q.path("parallelism").asInt(1);
            queue.paused = q.path("paused").asBoolean();
            queues.put(queue.name, queue);
        }
        for (com.fasterxml.jackson.databind.JsonNode g : json.path("urlGroups")) {
            UrlGroup group = new UrlGroup(g.path("name").asText(), g.path("createdAt").asLong());
            group.updatedAt = g.path("updatedAt").asLong();
            for (com.fasterxml.jackson.databind.JsonNode e : g.path("endpoints")) {
                group.endpoints.add(new Endpoint(text(e, "name"), text(e, "url")));
            }
            groups.put(group.name, group);
        }
        for (com.fasterxml.jackson.databind.JsonNode sc : json.path("schedules")) {
            SimSchedule schedule = new SimSchedule(sc.path("id").asText(), sc.path("cron").asText(),
                    sc.path("destination").asText(), text(sc, "queue"),
                    SimMessage.Options.parse(headers(sc.path("header"))),
                    bytes(sc, "body"), sc.path("createdAt").asLong());
            schedule.paused = sc.path("paused").asBoolean();
            schedule.lastFire = sc.path("lastFire").asLong();
            schedule.nextFire = schedule.next(now);
            sc.path("lastStates").properties().forEach(e -> schedule.lastStates.put(e.getKey(), e.getValue()
                    .asText()));
            schedules.put(schedule.id, schedule);
        }
        for (com.fasterxml.jackson.databind.JsonNode e : json.path("dlq")) {
            com.fasterxml.jackson.databind.JsonNode m = e.path("message");
            SimMessage message = new SimMessage(m.path("id").asText(), m.path("url").asText(), text(m, "urlGroup"),
                    text(m, "endpointName"), text(m, "queue"), SimMessage.Options.parse(headers(m.path("header"))),
                    bytes(m, "body"),
                    m.path("createdAt").asLong(), m.path("isCallback").asBoolean());
            message.scheduleId = text(m, "scheduleId");
            message.retried = m.path("retried").asInt();
            message.state = SimMessage.State.FAILED;
            DlqEntry entry = new DlqEntry(e.path("dlqId").asText(), message, e.path("responseStatus").asInt(),
                    headers(e.path("responseHeaders")), bytes(e, "responseBody"), e.path("createdAt").asLong());
            dlq.put(entry.dlqId(), entry);
        }
        for (com.fasterxml.jackson.databind.JsonNode l : json.path("logs")) {
            logs.add(Json.MAPPER.convertValue(l,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                    }));
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        com.fasterxml.jackson.databind.JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static byte[] bytes(com.fasterxml.jackson.databind.JsonNode node, String field) {
        return java.util.Base64.getDecoder().decode(node.path(field).asText(""));
    }

    /** The publish's headers without its credentials. */
    private static Map<String, List<String>> persistable(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(name -> name.equalsIgnoreCase("authorization"));
        return kept;
    }

    private static Map<String, List<String>> headers(com.fasterxml.jackson.databind.JsonNode header) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        header.properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            headers.put(e.getKey(), values);
        });
        return headers;
    }
}
