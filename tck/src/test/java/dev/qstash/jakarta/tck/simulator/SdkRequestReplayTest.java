package dev.qstash.jakarta.tck.simulator;

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
 * The exact requests the official SDK 2.12.0 sent for publish, enqueue, batch and URL-group operations
 * ({@code requests.json}), replayed byte for byte at a fresh simulator (with its token): each is accepted, and the
 * answer has the shape the SDK parsed from QStash (an object with {@code messageId}, an array per URL group, a batch
 * array of either). Destinations off this machine are never contacted.
 */
class SdkRequestReplayTest {

    private static final Set<String> OPERATIONS = Set.of("publish", "publishJSON", "queue.enqueue",
            "queue.enqueueJSON", "batch", "batchJSON", "urlGroups.addEndpoints", "urlGroups.removeEndpoints",
            "urlGroups.get", "urlGroups.list", "urlGroups.delete");
    private static final Set<String> NOT_SENT = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static List<JsonNode> replayed() throws Exception {
        JsonNode file;
        try (InputStream in = SdkRequestReplayTest.class.getResourceAsStream("/vectors/requests.json")) {
            file = Api.JSON.readTree(in);
        }
        List<JsonNode> ops = new ArrayList<>();
        for (JsonNode op : file.get("operations")) {
            if (OPERATIONS.contains(op.get("operation").asText()) && op.get("requests").size() > 0) {
                ops.add(op);
            }
        }
        return ops;
    }

    static Stream<Arguments> operations() throws Exception {
        return replayed().stream().map(op -> Arguments.of(op.get("id").asText(), op));
    }

    @Test
    void theWholeFamilyIsReplayed() throws Exception {
        assertEquals(28, replayed().size());
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
            assertTrue(response.statusCode() >= 200 && response.statusCode() < 300,
                    () -> response.statusCode() + " " + response.body());
            JsonNode expected = recorded.get("response").get("body");
            JsonNode actual = response.body().isEmpty() ? null : Api.JSON.readTree(response.body());
            assertSameShape(expected, actual, id, op.get("operation").asText().startsWith("batch"));
            assertEquals(recorded.get("path").asText(), sim.requests().get(sim.requests().size() - 1).path());
        }
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
            if (expected.size() > 0 && expected.get(0).has("name")) {
                return; // a list of URL groups: ours holds the groups this test made
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
    }
}
