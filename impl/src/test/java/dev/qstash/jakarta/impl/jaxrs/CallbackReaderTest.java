package dev.qstash.jakarta.impl.jaxrs;

import static dev.qstash.jakarta.impl.testing.Tokens.CURRENT;
import static dev.qstash.jakarta.impl.testing.Tokens.NEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.QStashCallback;
import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.testing.JaxrsServer;
import dev.qstash.jakarta.impl.testing.Tokens;

/** A typed callback in a real JAX-RS runtime: QStash's JSON in, the record out, 400 with the reason when malformed. */
class CallbackReaderTest {

    private static final AtomicReference<QStashCallback> RECEIVED = new AtomicReference<>();
    private static JaxrsServer server;

    /** QStash's failure callback, as features/callbacks documents it, plus a field QStash may add some day. */
    static final String FAILURE = """
            {"status":500,"header":{"Content-Type":["text/plain"],"X-Trace":["a","b"]},"body":"Ym9vbQ==",
             "retried":3,"maxRetries":3,"sourceMessageId":"msg_123","topicName":"","endpointName":"",
             "url":"https://app.example.com/orders","method":"POST","sourceHeader":{"Upstash-Forward-X":["1"]},
             "sourceBody":"eyJvcmRlcklkIjo0Mn0=","notBefore":1767225600000,"createdAt":1767225500000,
             "scheduleId":"","callerIP":"203.0.113.7","dlqId":"1767225700000-0","someFutureField":{"x":1}}
            """;

    @Path("/")
    public static class Resources {

        @POST
        @Path("callback")
        @VerifyQStash
        @Consumes(MediaType.WILDCARD)
        public String callback(QStashCallback callback) {
            RECEIVED.set(callback);
            return callback.sourceMessageId();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new JaxrsServer(Map.of("QSTASH_CURRENT_SIGNING_KEY", CURRENT, "QSTASH_NEXT_SIGNING_KEY", NEXT),
                List.of(Resources.class), List.of(QStashSignatureFilter.class, CallbackReader.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> post(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return server.post("/callback", body, "Upstash-Signature", Tokens.sign(Tokens.claims(
                "https://app.example.com/callback", body, System.currentTimeMillis() / 1000), CURRENT),
                "Content-Type", "application/json");
    }

    @Test
    void aFailureCallbackIsReadIntoTheRecord() throws Exception {
        RECEIVED.set(null);
        HttpResponse<byte[]> answer = post(FAILURE);
        assertEquals(200, answer.statusCode(), new String(answer.body()));
        QStashCallback callback = RECEIVED.get();
        assertEquals(500, callback.status());
        assertEquals(Map.of("Content-Type", List.of("text/plain"), "X-Trace", List.of("a", "b")), callback.headers());
        assertEquals("boom", callback.bodyText());
        assertEquals(3, callback.retried());
        assertEquals(3, callback.maxRetries());
        assertEquals("msg_123", callback.sourceMessageId());
        assertEquals(Optional.empty(), callback.urlGroup());
        assertEquals("https://app.example.com/orders", callback.url());
        assertEquals("POST", callback.method());
        assertEquals(Map.of("Upstash-Forward-X", List.of("1")), callback.sourceHeaders());
        assertArrayEquals("{\"orderId\":42}".getBytes(), callback.sourceBody());
        assertEquals(Optional.of(Instant.ofEpochMilli(1767225600000L)), callback.notBefore());
        assertEquals(Optional.of(Instant.ofEpochMilli(1767225500000L)), callback.createdAt());
        assertEquals(Optional.empty(), callback.scheduleId());
        assertEquals(Optional.of("203.0.113.7"), callback.callerIp());
        assertEquals(Optional.of("1767225700000-0"), callback.dlqId());
        assertTrue(callback.isFailure());
        assertFalse(callback.succeeded());
        assertFalse(callback.toString().contains("boom"), "no body in toString");
    }

    @Test
    void aCallbackWithoutDlqIdIsNotAFailure() throws Exception {
        RECEIVED.set(null);
        assertEquals(200, post("{\"status\":200,\"body\":\"\",\"sourceMessageId\":\"msg_9\"}").statusCode());
        assertFalse(RECEIVED.get().isFailure());
        assertTrue(RECEIVED.get().succeeded());
        assertEquals(0, RECEIVED.get().retried());
    }

    @Test
    void aMalformedCallbackIs400WithTheReasonAndTheMethodDoesNotRun() throws Exception {
        Map<String, String> cases = Map.of(
                "not json", "the body is not JSON",
                "[1,2]", "the body is not a JSON object",
                "{\"status\":\"500\"}", "\"status\" must be an integer",
                "{\"body\":\"***\"}", "\"body\" is not base64",
                "{\"header\":[1]}", "\"header\" must be an object",
                "{\"createdAt\":\"yesterday\"}", "\"createdAt\" must be epoch milliseconds");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            RECEIVED.set(null);
            HttpResponse<byte[]> answer = post(c.getKey());
            String text = new String(answer.body(), StandardCharsets.UTF_8);
            assertEquals(400, answer.statusCode(), c.getKey() + ": " + text);
            assertTrue(text.startsWith("Malformed QStash callback: ") && text.contains(c.getValue()),
                    c.getKey() + ": " + text);
            assertFalse(text.contains("at dev.") || text.contains("Exception"), "no stack trace: " + text);
            assertEquals(null, RECEIVED.get());
        }
    }
}
