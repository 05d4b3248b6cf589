package dev.qstash.jakarta.impl.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.impl.testing.RecordingServer;
import dev.qstash.jakarta.impl.testing.RecordingServer.Answer;
import dev.qstash.jakarta.impl.testing.RecordingServer.Recorded;
import dev.qstash.jakarta.impl.testing.Vectors;

/**
 * For every publish-family operation the official SDK 2.12.0 was recorded doing ({@code requests.json}), the
 * equivalent Java call is made against a real HTTP server on loopback, and the request that arrives must equal the
 * recorded one: method, path and query, every header but the transport and telemetry ones, and the body. The
 * server answers what the recorder answered, and the Java result must equal the SDK's.
 */
class SdkWireFormatTest {

    private static final JsonNode FILE = Vectors.load("requests.json");
    private static final String TOKEN = "qstash_test_token_Zm9vYmFy";

    /** Operations of the publish family this issue covers. */
    private static final Set<String> OPERATIONS = Set.of("publish", "publishJSON", "queue.enqueue",
            "queue.enqueueJSON", "batch", "batchJSON");

    /** Recorded calls of those operations that use SDK features outside our API, each for a stated reason. */
    private static final Map<String, String> NOT_COVERED = Map.of(
            "publish-email-api", "the SDK's Resend 'api' provider integration",
            "publishJSON-email-api-batch", "the SDK's Resend 'api' provider integration");

    private RecordingServer server;
    private QStashPublisher publisher;

    static Stream<Arguments> operations() {
        return covered().stream().map(op -> Arguments.of(op.get("id").asText(), op));
    }

    static List<JsonNode> covered() {
        List<JsonNode> covered = new ArrayList<>();
        for (JsonNode op : FILE.get("operations")) {
            if (OPERATIONS.contains(op.get("operation").asText()) && !NOT_COVERED.containsKey(op.get("id").asText())
                    && !op.has("sdkError")) {
                covered.add(op);
            }
        }
        return covered;
    }

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        publisher = QStashPublisher.builder().baseUrl(server.baseUrl()).token(TOKEN).build();
    }

    /** The SDK's client options, on our builder: {@code headers} are our default headers. */
    static QStashPublisher.Builder configured(QStashPublisher.Builder builder, JsonNode clientConfig) {
        if (clientConfig != null && clientConfig.has("headers")) {
            clientConfig.get("headers").fields().forEachRemaining(h -> builder.defaultHeader(h.getKey(),
                    h.getValue().asText()));
        }
        return builder;
    }

    @AfterEach
    void stop() {
        publisher.close();
        server.close();
    }

    @Test
    void everyRecordedPublishOperationIsCovered() {
        assertEquals(21, covered().size());
        for (String id : NOT_COVERED.keySet()) {
            assertTrue(Vectors.list(FILE.get("operations")).stream().anyMatch(op -> op.get("id").asText().equals(id)),
                    id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void sameRequestAsTheOfficialSdk(String id, JsonNode op) throws Exception {
        JsonNode recorded = op.get("requests").get(0);
        JsonNode response = recorded.get("response");
        server.answer(r -> Answer.json(response.get("status").asInt(), response.get("body").toString()));
        if (op.has("clientConfig") && op.get("clientConfig").has("headers")) {
            publisher.close();
            publisher = configured(QStashPublisher.builder().baseUrl(server.baseUrl()).token(TOKEN),
                    op.get("clientConfig")).build();
        }

        Object result = call(op);

        Recorded actual = server.only();
        assertEquals(recorded.get("method").asText(), actual.method(), "method");
        assertEquals(recorded.get("path").asText(), actual.pathAndQuery(), "path and query");
        assertEquals(expectedHeaders(recorded), sdkHeaders(actual), "headers");
        assertBody(recorded, actual);
        assertEquals(Vectors.MAPPER.valueToTree(sdkResult(op.get("operation").asText(), op.get("sdkResult"))),
                Vectors.MAPPER.valueToTree(result),
                "result");
    }

    @Test
    void flowControlWithoutLimitsIsRefusedBeforeAnythingIsSent() {
        JsonNode op = Vectors.list(FILE.get("operations")).stream()
                .filter(o -> o.get("id").asText().equals("publish-flow-control-without-values")).findFirst().get();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> publisher.publish(SdkArgs.request(op.get("args"), false)));
        assertTrue(e.getMessage().contains("needs at least one of parallelism, rate or period"), e.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void enqueueAsyncSendsExactlyWhatEnqueueSends() throws Exception {
        PublishRequest request = PublishRequest.toUrl("https://app.example.com/in").body("{\"a\":1}")
                .header("Content-Type", "application/json").retries(2).build();
        publisher.enqueue("orders", request);
        publisher.enqueueAsync("orders", request).toCompletableFuture().get();
        List<RecordingServer.Recorded> sent = server.requests();
        assertEquals(2, sent.size());
        assertEquals("/v2/enqueue/orders/https://app.example.com/in", sent.get(0).pathAndQuery());
        assertEquals(sent.get(0).pathAndQuery(), sent.get(1).pathAndQuery());
        assertEquals(sent.get(0).headers(), sent.get(1).headers());
        assertArrayEquals(sent.get(0).body(), sent.get(1).body());
    }

    private Object call(JsonNode op) {
        JsonNode args = op.get("args");
        String operation = op.get("operation").asText();
        switch (operation) {
            case "publish", "publishJSON" -> {
                PublishRequest request = SdkArgs.request(args, operation.equals("publishJSON"));
                return request.isUrlGroup() ? publisher.publishToUrlGroup(request) : publisher.publish(request);
            }
            case "queue.enqueue", "queue.enqueueJSON" -> {
                PublishRequest request = SdkArgs.request(args.get("request"), operation.endsWith("JSON"));
                String queue = args.get("queueName").asText();
                return request.isUrlGroup()
                        ? publisher.publishToUrlGroup(request.toBuilder().queue(queue).build())
                        : publisher.enqueue(queue, request);
            }
            case "batch", "batchJSON" -> {
                List<PublishRequest> requests = new ArrayList<>();
                args.forEach(a -> requests.add(SdkArgs.request(a, operation.equals("batchJSON"))));
                return publisher.batch(requests);
            }
            default -> throw new AssertionError(operation);
        }
    }

    /** The SDK's result in our shape: a batch gives one list per entry, a URL group a list, a URL one message. */
    private static Object sdkResult(String operation, JsonNode result) {
        if (operation.startsWith("batch")) {
            List<Object> entries = new ArrayList<>();
            result.forEach(entry -> entries.add(messages(entry)));
            return entries;
        }
        return result.isArray() ? messages(result) : message(result);
    }

    private static List<PublishResponse> messages(JsonNode node) {
        List<PublishResponse> list = new ArrayList<>();
        for (JsonNode r : node.isArray() ? node : List.of(node)) {
            list.add(message(r));
        }
        return list;
    }

    private static PublishResponse message(JsonNode r) {
        return new PublishResponse(r.get("messageId").asText(), r.has("url") ? r.get("url").asText() : null,
                r.path("deduplicated").asBoolean(false));
    }

    static Map<String, String> expectedHeaders(JsonNode recorded) {
        Map<String, String> headers = new TreeMap<>(Vectors.strings(recorded.get("headers")));
        return headers;
    }

    /** What we sent, less the headers the recording leaves out (added by the HTTP transport, or telemetry). */
    static Map<String, String> sdkHeaders(Recorded actual) {
        List<String> ignored = new ArrayList<>();
        FILE.get("meta").get("headerNotes").get("transportHeaderNames").forEach(n -> ignored.add(n.asText()));
        FILE.get("meta").get("headerNotes").get("telemetryHeaderNames").forEach(n -> ignored.add(n.asText()));
        Map<String, String> headers = new TreeMap<>();
        actual.headers().forEach((name, values) -> {
            if (!ignored.contains(name)) {
                assertEquals(1, values.size(), () -> "header " + name + " sent " + values.size() + " times");
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }

    static void assertBody(JsonNode recorded, Recorded actual) throws Exception {
        JsonNode body = recorded.get("body");
        if (body.isNull()) {
            assertEquals(0, actual.body().length, "no body");
            return;
        }
        if (recorded.has("bodyJson") && recorded.get("bodyJson").isArray()) {
            // a batch: the SDK also puts its telemetry headers inside each message
            JsonNode expected = recorded.get("bodyJson").deepCopy();
            for (JsonNode message : expected) {
                ((ObjectNode) message.get("headers")).remove(List.of("upstash-telemetry-runtime",
                        "upstash-telemetry-sdk", "upstash-telemetry-platform"));
            }
            assertEquals(expected, Vectors.MAPPER.readTree(actual.body()), "batch body");
            return;
        }
        byte[] expected = "base64".equals(recorded.path("bodyEncoding").asText())
                ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, actual.body(), () -> "body: " + new String(actual.body(), StandardCharsets.UTF_8));
    }
}
