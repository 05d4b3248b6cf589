package dev.qstash.jakarta.impl.jaxrs;

import static dev.qstash.jakarta.impl.testing.Tokens.CURRENT;
import static dev.qstash.jakarta.impl.testing.Tokens.NEXT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.enterprise.inject.spi.CDI;
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

        /** Reports how many spooled bodies are open while the resource runs, and the body's hash. */
        @POST
        @Path("verified/stream")
        @VerifyQStash
        @Consumes(MediaType.WILDCARD)
        public String stream(InputStream body) throws Exception {
            CALLS.incrementAndGet();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long length = 0;
            byte[] chunk = new byte[7];
            for (int n; (n = body.read(chunk)) >= 0;) {
                sha256.update(chunk, 0, n);
                length += n;
            }
            return openSpools() + " " + length + " " + HexFormat.of().formatHex(sha256.digest());
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

    /** Shows what the application sees of the delivery: the request's {@code QStashDelivery}, as a header. */
    @Provider
    public static class DeliveryEcho implements ContainerResponseFilter {

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (request.getUriInfo().getPath().contains("verified") && response.getStatus() == 200) {
                QStashDelivery delivery = CDI.current().select(QStashDelivery.class).get();
                response.getHeaders().putSingle("X-Delivery", delivery.messageId() + " " + delivery.retried() + " "
                        + delivery.signingKey() + " " + delivery.subject());
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new JaxrsServer(Map.of("QSTASH_CURRENT_SIGNING_KEY", CURRENT, "QSTASH_NEXT_SIGNING_KEY", NEXT,
                "QSTASH_VERIFY_MAX_BODY_SIZE", "1024", "QSTASH_VERIFY_MEMORY_THRESHOLD", "100"),
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
    void aBodyAboveTheMemoryThresholdIsSpooledAndReleasedWhenTheRequestEnds() throws Exception {
        byte[] body = new byte[1000];
        new Random(7).nextBytes(body);
        HttpResponse<byte[]> response = server.post("/verified/stream", body, "Upstash-Signature",
                Tokens.sign(Tokens.claims("https://app.example.com/verified/stream", body,
                        System.currentTimeMillis() / 1000), CURRENT));
        assertEquals(200, response.statusCode());
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        assertEquals("1 1000 " + hash, new String(response.body(), StandardCharsets.UTF_8),
                "one spooled body open while the resource ran, and the bytes intact");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (openSpools() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, openSpools(), "the temporary file is released when the request ends");
        byte[] small = "{}".getBytes(StandardCharsets.UTF_8);
        response = server.post("/verified/stream", small, "Upstash-Signature", Tokens.sign(Tokens.claims(
                "https://app.example.com/verified/stream", small, System.currentTimeMillis() / 1000), CURRENT));
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).startsWith("0 2 "), "kept in memory");
    }

    @Test
    void aTokenThatFailsOnItsOwnIsRefusedBeforeTheBodyIsRead() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String forged = sign(body, "sig_attackerKey00000000000000000");
        // the headers announce 1000 bytes that never come: only a filter that refuses first can answer
        assertEquals(401, statusWithoutBody("/verified", 1000, forged));
        String expired = Tokens.sign(Tokens.claims("https://app.example.com/verified", body,
                System.currentTimeMillis() / 1000 - 3600), CURRENT);
        assertEquals(401, statusWithoutBody("/verified", 1000, expired));
        assertEquals(413, statusWithoutBody("/verified", 1025, sign(body, CURRENT)),
                "a genuine token with a declared body above the limit: 413, unread");
        assertEquals(0, CALLS.get());
    }

    /** Sends only the request head over a raw socket and reads the status line, within five seconds. */
    private static int statusWithoutBody(String path, int contentLength, String token) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.uri("/").getPort())) {
            socket.setSoTimeout(5000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\nUpstash-Signature: " + token + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    /** Open file descriptors of this JVM on spooled bodies (Linux's /proc; the build runs on Linux). */
    static long openSpools() throws IOException {
        try (Stream<java.nio.file.Path> fds = Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains("qstash-body-");
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }

    @Test
    void onlyBoundResourcesAreFiltered() throws Exception {
        assertEquals(200, server.post("/open", "x".getBytes()).statusCode());
        assertEquals(1, CALLS.get());
        assertEquals(401, server.post("/guarded", "x".getBytes()).statusCode());
        assertEquals(1, CALLS.get());
    }
}
