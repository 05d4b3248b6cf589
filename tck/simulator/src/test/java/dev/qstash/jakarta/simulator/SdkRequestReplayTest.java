package dev.qstash.jakarta.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every request the official SDK 2.12.0 was recorded sending ({@code requests.json}), replayed byte for byte at a fresh
 * simulator (with its token) that holds the URL groups, queue, schedule and flow-control key the requests name: each
 * is accepted, and the answer has the shape the SDK parsed from QStash (an object with {@code messageId}, an array
 * per URL group, a batch array of either, and every field the protocol does not mark optional). The recorded
 * message and DLQ ids ({@code msg_123}, {@code dlq_1}) cannot exist in a simulator, which mints its own: those
 * requests must reach their endpoint and be answered 404 "not found", as QStash answers an unknown id. Destinations
 * off this machine are never contacted.
 */
class SdkRequestReplayTest {

    /** Recorded with a custom base URL path, which the simulator does not have. */
    private static final Set<String> NOT_REPLAYED = Set.of("client-base-url-trailing-slash");
    /** Fields QStash always sends in these answers (protocol §2.2); the recorder's optional ones are not required. */
    private static final Set<String> REQUIRED = Set.of("messageId", "scheduleId", "name", "createdAt", "updatedAt",
            "parallelism", "lag", "paused", "cron", "destination", "method", "header", "retries", "isPaused",
            "endpoints", "cancelled", "deleted", "responses", "messages", "events", "time", "state", "url",
            "flowControlKey", "waitListSize", "parallelismMax", "parallelismCount", "rateMax", "rateCount",
            "ratePeriod", "ratePeriodStart", "isPinnedParallelism", "isPinnedRate");
    private static final Set<String> NOT_SENT = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static List<JsonNode> replayed() throws Exception {
        JsonNode file;
        try (InputStream in = SdkRequestReplayTest.class.getResourceAsStream("/vectors/requests.json")) {
            file = Api.JSON.readTree(in);
        }
        List<JsonNode> ops = new ArrayList<>();
        for (JsonNode op : file.get("operations")) {
            if (!NOT_REPLAYED.contains(op.get("id").asText()) && op.get("requests").size() > 0) {
                ops.add(op);
            }
        }
        return ops;
    }

    static Stream<Arguments> operations() throws Exception {
        return replayed().stream().map(op -> Arguments.of(op.get("id").asText(), op));
    }

    @Test
    void everyRecordedRequestIsReplayed() throws Exception {
        assertEquals(75, replayed().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void acceptedWithTheDocumentedShape(String id, JsonNode op) throws Exception {
        try (QStashSimulator sim = QStashSimulator.builder().retryBackoff(n -> Duration.ofMillis(1)).start();
                Destination app = new Destination()) {
            for (String group : List.of("my-url-group", "legacy-topic")) {
                String endpoints = "{\"endpoints\":[{\"url\":\"" + app.url("/one") + "\"},{\"url\":\""
                        + app.url("/two") + "\"}]}";
                assertEquals(200, Api.call(sim, "POST", "/v2/topics/" + group + "/endpoints",
                        endpoints.getBytes(StandardCharsets.UTF_8)).status());
            }
            fixtures(sim, app);
            JsonNode recorded = op.get("requests").get(0);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.url() + recorded.get("path").asText()));
            for (String group : List.of("headers", "telemetryHeaders")) {
                recorded.path(group).fields().forEachRemaining(h -> {
                    if (!NOT_SENT.contains(h.getKey())) {
                        String value = h.getKey().equals("authorization")
                                ? "Bearer " + sim.token()
                                : h.getValue().asText();
                        request.header(h.getKey(), value);
                    }
                });
            }
            JsonNode body = recorded.get("body");
            byte[] bytes = body.isNull()
                    ? new byte[0]
                    : "base64".equals(recorded.path("bodyEncoding").asText())
                            ? Base64.getDecoder().decode(body.asText())
                            : body.asText().getBytes(StandardCharsets.UTF_8);
            request.method(recorded.get("method").asText(), bytes.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(bytes));

            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (recorded.get("method").asText().equals("GET")
                    && recorded.get("path").asText().contains("cursor=cursor-")) {
                // a listing cursor the recorder made up; the simulator's own are offsets (bulk calls need none)
                assertEquals(400, response.statusCode(), response.body());
                assertTrue(response.body().contains("invalid cursor"), response.body());
                return;
            }
            if (recorded.get("path").asText().matches("/v2/(messages|dlq)/(msg_123|dlq_1)")) {
                assertEquals(404, response.statusCode(), response.body());
                assertTrue(Api.JSON.readTree(response.body()).get("error").asText().endsWith("not found"),
                        response.body());
                return;
            }
            assertTrue(response.statusCode() >= 200 && response.statusCode() < 300,
                    () -> response.statusCode() + " " + response.body());
            JsonNode expected = recorded.get("response").get("body");
            JsonNode actual = response.body().isEmpty() ? null : Api.JSON.readTree(response.body());
            assertSameShape(expected, actual, id, op.get("operation").asText().startsWith("batch"));
            assertEquals(recorded.get("path").asText(), sim.requests().get(sim.requests().size() - 1).path());
        }
    }

    /** What the recorded requests name: a queue, a schedule with flow control, a flow-control key, a message. */
    private static void fixtures(QStashSimulator sim, Destination app) throws Exception {
        byte[] queue = "{\"queueName\":\"my-queue\",\"parallelism\":2}".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, Api.call(sim, "POST", "/v2/queues", queue).status());
        assertEquals(200, Api.call(sim, "POST", "/v2/schedules/" + app.url("/cron"),
                "{}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json", "Upstash-Cron",
                "*/5 * * * *", "Upstash-Schedule-Id", "scd_0001", "Upstash-Flow-Control-Key", "fc",
                "Upstash-Flow-Control-Value", "parallelism=1, rate=5, period=60").status());
        assertEquals(200, Api.call(sim, "POST", "/v2/flowControl/fc-key/pin?parallelism=5&rate=10&period=60", null)
                .status());
        assertEquals(201, Api.call(sim, "POST", "/v2/publish/" + app.url("/later"),
                "x".getBytes(StandardCharsets.UTF_8), "Upstash-Delay", "1h").status());
    }

    /**
     * Objects with a messageId; a batch array as long as the recorded one; a URL group's array with one entry per
     * endpoint of the group (2 here: the recorder's answer was only plausible); URL-group objects with endpoints.
     */
    private static void assertSameShape(JsonNode expected, JsonNode actual, String where, boolean batch) {
        if (expected == null || expected.isNull() || (expected.isObject() && expected.isEmpty())
                || (expected.isTextual() && expected.asText().isEmpty())) {
            return; // QStash answers these with an empty or free-form body
        }
        if (expected.isArray()) {
            assertTrue(actual != null && actual.isArray(), where + ": expected an array, got " + actual);
            if (expected.size() > 0 && (expected.get(0).has("name") || expected.get(0).has("scheduleId"))) {
                // a list of queues, URL groups or schedules: ours holds what this test made
                assertTrue(actual.size() > 0, where + ": " + actual);
                assertSameShape(expected.get(0), actual.get(0), where + "[0]", false);
                return;
            }
            if (batch) {
                assertEquals(expected.size(), actual.size(), where + ": " + actual);
                for (int i = 0; i < expected.size(); i++) {
                    assertSameShape(expected.get(i), actual.get(i), where + "[" + i + "]", false);
                }
            } else {
                assertEquals(2, actual.size(), where + ": one answer per endpoint of the group: " + actual);
                for (int i = 0; i < actual.size(); i++) {
                    assertSameShape(expected.get(0), actual.get(i), where + "[" + i + "]", false);
                }
            }
            return;
        }
        if (expected.has("messageId")) {
            assertTrue(actual != null && actual.path("messageId").asText().startsWith("msg_"), where + ": " + actual);
            if (expected.has("url")) {
                assertTrue(actual.hasNonNull("url"), where + ": " + actual);
            }
            return;
        }
        if (expected.has("endpoints")) {
            assertTrue(actual != null && actual.get("endpoints").isArray() && actual.has("name"), where + ": "
                    + actual);
        }
        if (expected.isObject()) {
            assertTrue(actual != null && actual.isObject(), where + ": expected an object, got " + actual);
            expected.fieldNames().forEachRemaining(field -> {
                if (REQUIRED.contains(field)) {
                    assertTrue(actual.has(field), where + ": no " + field + " in " + actual);
                    JsonNode inner = expected.get(field);
                    if ((field.equals("messages") || field.equals("events")) && inner.size() > 0
                            && actual.get(field).size() > 0) {
                        assertSameShape(inner.get(0), actual.get(field).get(0), where + "." + field, false);
                    }
                }
            });
        }
    }
}
