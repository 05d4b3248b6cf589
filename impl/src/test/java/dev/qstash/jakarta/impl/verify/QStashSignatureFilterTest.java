package dev.qstash.jakarta.impl.verify;

import static dev.qstash.jakarta.impl.testing.Tokens.CURRENT;
import static dev.qstash.jakarta.impl.testing.Tokens.NEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.testing.JaxrsServer;
import dev.qstash.jakarta.impl.testing.LogCapture;
import dev.qstash.jakarta.impl.testing.Tokens;

/** The filter in a real JAX-RS runtime over real HTTP, with keys from config. */
class QStashSignatureFilterTest {

    private static final AtomicInteger CALLS = new AtomicInteger();
    private static JaxrsServer server;

    @Path("/")
    public static class Resources {

        @POST
        @Path("verified")
        @VerifyQStash
        @Consumes(MediaType.WILDCARD)
        public byte[] verified(byte[] body) {
            CALLS.incrementAndGet();
            return body;
        }

        @POST
        @Path("open")
        @Consumes(MediaType.WILDCARD)
        public byte[] open(byte[] body) {
            CALLS.incrementAndGet();
            return body;
        }
    }

    @Path("/guarded")
    @VerifyQStash
    public static class GuardedClass {

        @POST
        @Consumes(MediaType.WILDCARD)
        public String any(String body) {
            CALLS.incrementAndGet();
            return "ran";
        }
    }

    /** Shows what the filter left for the resource: the verified delivery, as a response header. */
    @Provider
    public static class DeliveryEcho implements ContainerResponseFilter {

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (request.getProperty(DeliveryImpl.ATTRIBUTE) instanceof QStashDelivery delivery) {
                response.getHeaders().putSingle("X-Delivery", delivery.messageId() + " " + delivery.retried() + " "
                        + delivery.signingKey() + " " + delivery.subject());
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new JaxrsServer(Map.of("QSTASH_CURRENT_SIGNING_KEY", CURRENT, "QSTASH_NEXT_SIGNING_KEY", NEXT,
                "QSTASH_VERIFY_MAX_BODY_SIZE", "1024"),
                List.of(Resources.class, GuardedClass.class),
                List.of(QStashSignatureFilter.class, DeliveryEcho.class));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        CALLS.set(0);
    }

    private static String sign(byte[] body, String key) {
        return Tokens.sign(Tokens.claims("https://app.example.com/verified", body,
                System.currentTimeMillis() / 1000), key);
    }

    @Test
    void aGenuineDeliveryReachesTheResourceWithItsBodyIntact() throws Exception {
        byte[] body = "{\"orderId\":42,\"note\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = server.post("/verified", body, "Upstash-Signature", sign(body, CURRENT),
                "Upstash-Message-Id", "msg_1", "Upstash-Retried", "2", "Content-Type", "application/json");
        assertEquals(200, response.statusCode());
        assertArrayEquals(body, response.body());
        assertEquals("msg_1 2 CURRENT https://app.example.com/verified",
                response.headers().firstValue("X-Delivery").orElse(""));
    }

    @Test
    void binaryAndEmptyBodiesAreVerifiedOverTheirRawBytes() throws Exception {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x41, 0x00, (byte) 0x80};
        HttpResponse<byte[]> response = server.post("/verified", binary, "Upstash-Signature", sign(binary, NEXT),
                "Content-Type", "application/octet-stream");
        assertEquals(200, response.statusCode());
        assertArrayEquals(binary, response.body());
        assertTrue(response.headers().firstValue("X-Delivery").orElse("").contains("NEXT"));
        assertEquals(200, server.post("/verified", new byte[0], "Upstash-Signature", sign(new byte[0], CURRENT))
                .statusCode());
    }

    @Test
    void rejectionsAre401WithNothingAnAttackerCouldUseAndTheResourceNeverRuns() throws Exception {
        byte[] body = "{\"orderId\":42}".getBytes(StandardCharsets.UTF_8);
        try (LogCapture log = new LogCapture()) {
            HttpResponse<byte[]> missing = server.post("/verified", body);
            HttpResponse<byte[]> tampered = server.post("/verified", "{\"orderId\":43}".getBytes(),
                    "Upstash-Signature", sign(body, CURRENT));
            String forged = sign(body, "sig_attackerKey00000000000000000");
            HttpResponse<byte[]> wrongKey = server.post("/verified", body, "Upstash-Signature", forged);
            for (HttpResponse<byte[]> response : List.of(missing, tampered, wrongKey)) {
                assertEquals(401, response.statusCode());
                assertEquals("Invalid or missing QStash signature", new String(response.body()));
            }
            assertEquals(0, CALLS.get());
            assertTrue(log.all().contains("body hash does not match"), log.all());
            assertFalse(log.all().contains(forged) || log.all().contains(CURRENT) || log.all().contains(NEXT));
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndNeverReachesTheResource() throws Exception {
        byte[] body = new byte[1025];
        HttpResponse<byte[]> response = server.post("/verified", body, "Upstash-Signature", sign(body, CURRENT));
        assertEquals(413, response.statusCode());
        assertEquals(0, CALLS.get());
        byte[] atLimit = new byte[1024];
        assertEquals(200, server.post("/verified", atLimit, "Upstash-Signature", sign(atLimit, CURRENT))
                .statusCode());
    }

    @Test
    void onlyBoundResourcesAreFiltered() throws Exception {
        assertEquals(200, server.post("/open", "x".getBytes()).statusCode());
        assertEquals(1, CALLS.get());
        assertEquals(401, server.post("/guarded", "x".getBytes()).statusCode());
        assertEquals(1, CALLS.get());
    }
}
