package dev.qstash.jakarta.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import dev.qstash.jakarta.simulator.ApiRequest.Answer;

/**
 * The QStash REST API of one region (as the project README's "The QStash simulator" lists it, and as the official
 * SDK's recorded requests, {@code impl/src/test/resources/vectors/requests.json}, use it), behind the bearer token,
 * answering errors as {@code {"error": "..."}}. This class reads the request, plays injected faults, checks the token
 * and routes; each area is a class of its own, as in the management API: {@link PublishApi} (publish, enqueue,
 * batch), {@link QueuesApi}, {@link SchedulesApi}, {@link UrlGroupsApi}, {@link MessagesApi}, {@link DlqApi},
 * {@link EventsApi} (logs), {@link FlowControlApi}, signing keys here, and {@link ClockApi} (the simulator's own
 * clock). State changes live in {@link SimulatorState}.
 */
final class SimulatorApi implements HttpHandler {

    private final QStashSimulator simulator;
    private final SimClock clock;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final PublishApi publishing;
    private final QueuesApi queues;
    private final SchedulesApi schedules;
    private final UrlGroupsApi urlGroups;
    private final MessagesApi messages;
    private final DlqApi dlq;
    private final EventsApi events;
    private final FlowControlApi flowControl;
    private final ClockApi clockApi;

    SimulatorApi(QStashSimulator simulator, SimulatorState state, DeliveryEngine engine) {
        this.simulator = simulator;
        this.clock = state.clock();
        this.publishing = new PublishApi(state, engine);
        this.queues = new QueuesApi(state, engine);
        this.schedules = new SchedulesApi(state, publishing);
        this.urlGroups = new UrlGroupsApi(state);
        this.messages = new MessagesApi(state, engine);
        this.dlq = new DlqApi(state, engine);
        this.events = new EventsApi(state);
        this.flowControl = new FlowControlApi(state, engine);
        this.clockApi = new ClockApi(clock);
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
                    rawPath + (rawQuery == null ? "" : "?" + rawQuery), headers, body, clock.now());
            requests.add(request);

            Fault fault = faults.poll();
            if (fault != null && fault.kind == Fault.Kind.DROP_CONNECTION) {
                return; // closing an exchange before answering closes the connection
            }
            boolean afterHandling = fault != null && fault.kind.afterHandling();
            if (fault != null && !afterHandling && !playFault(exchange, fault)) {
                return;
            }
            try {
                authorize(headers, rawQuery);
                Answer answer = route(ApiRequest.of(exchange.getRequestMethod(), rawPath, rawQuery, headers, body));
                if (afterHandling) {
                    playAfterHandling(exchange, fault);
                    return;
                }
                send(exchange, answer.status(), answer.json(), Map.of());
            } catch (ApiError e) {
                send(exchange, e.status, Map.of("error", e.getMessage()), Map.of());
            } catch (RuntimeException e) {
                send(exchange, 500, Map.of("error", "simulator failure: " + e), Map.of());
            }
        }
    }

    /** The failure of a request that was handled: its answer is replaced by a 500, or lost with the connection. */
    private void playAfterHandling(HttpExchange exchange, Fault fault) throws IOException {
        if (fault.kind == Fault.Kind.SERVER_ERROR_AFTER_HANDLING) {
            send(exchange, 500, Map.of("error", "internal server error"), Map.of());
        }
        // DROP_CONNECTION_AFTER_HANDLING: closing the exchange before answering closes the connection
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
        if (ApiRequest.query(rawQuery).getOrDefault("qstash_token", List.of()).contains(simulator.token())) {
            return;
        }
        throw new ApiError(401, authorization.isEmpty() ? "authorization header is missing" : "invalid token");
    }

    /** Publishes the message of every schedule due at {@code now} (the simulator's clock), once per match. */
    void fireDueSchedules(long now) {
        schedules.fireDue(now);
    }

    private Answer route(ApiRequest r) {
        String path = r.rawPath();
        if (r.method().equals("POST") && path.startsWith("/v2/publish/")) {
            return publishing.publish(r);
        }
        if (r.method().equals("POST") && path.startsWith("/v2/enqueue/")) {
            return publishing.enqueue(r);
        }
        if (r.method().equals("POST") && path.equals("/v2/batch")) {
            return publishing.batch(r);
        }
        if (r.method().equals("POST") && path.startsWith("/v2/schedules/")) {
            return schedules.create(r);
        }
        List<String> p = r.path();
        if (!p.isEmpty() && p.get(0).equals("simulator")) {
            return clockApi.handle(r);
        }
        if (p.size() >= 2 && p.get(0).equals("v2")) {
            switch (p.get(1)) {
                case "topics" -> {
                    return urlGroups.handle(r);
                }
                case "queues" -> {
                    return queues.handle(r);
                }
                case "schedules" -> {
                    return schedules.handle(r);
                }
                case "flowControl" -> {
                    return flowControl.handle(r);
                }
                case "globalParallelism" -> {
                    return flowControl.globalParallelism(r);
                }
                case "messages" -> {
                    return messages.handle(r);
                }
                case "dlq" -> {
                    return dlq.handle(r);
                }
                case "events" -> {
                    return events.handle(r);
                }
                case "keys" -> {
                    return keys(r);
                }
                default -> {
                }
            }
        }
        throw r.notFound();
    }

    /** Signing keys: {@code GET /v2/keys}, {@code POST /v2/keys/rotate}. */
    private Answer keys(ApiRequest r) {
        if (r.is("POST", 3) && r.segment(2).equals("rotate")) {
            simulator.rotateSigningKeys();
        } else if (!r.is("GET", 2)) {
            throw r.notFound();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("current", simulator.currentSigningKey());
        json.put("next", simulator.nextSigningKey());
        return new Answer(200, json);
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
