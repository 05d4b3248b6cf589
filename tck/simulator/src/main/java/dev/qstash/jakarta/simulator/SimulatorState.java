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

    SimulatorState(Duration dedupWindow) {
        this.dedupWindow = dedupWindow;
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
        return queues.computeIfAbsent(name, n -> new SimQueue(n, System.currentTimeMillis()));
    }

    synchronized SimQueue existingQueue(String name) {
        return queues.get(name);
    }

    synchronized List<Map<String, Object>> queuesJson() {
        return queues.values().stream().map(SimQueue::toJson).toList();
    }

    synchronized boolean deleteQueue(String name) {
        return queues.remove(name) != null;
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

    synchronized List<SimSchedule> schedules() {
        return List.copyOf(schedules.values());
    }

    synchronized void deleteSchedule(String id) {
        if (schedules.remove(id) == null) {
            throw new ApiError(404, "schedule " + id + " not found");
        }
    }

    // ---- flow control ----

    /** The key's state, created on first use. */
    synchronized SimFlowControl flowControl(String key) {
        return flowControl.computeIfAbsent(key, SimFlowControl::new);
    }

    synchronized SimFlowControl existingFlowControl(String key) {
        return flowControl.get(key);
    }

    /** Whether the message's attempt may start now; otherwise it waits for its key. */
    synchronized boolean claimFlowSlot(SimMessage message) {
        String key = message.options.flowControlKey;
        return key == null || flowControl(key).claim(message);
    }

    /** The message's attempt ended: its key's waiting messages that may start now. */
    synchronized List<SimMessage> releaseFlowSlot(SimMessage message) {
        String key = message.options.flowControlKey;
        return key == null ? List.of() : flowControl(key).release(message);
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
        entry.put("time", System.currentTimeMillis());
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
}
