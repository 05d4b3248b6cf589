package dev.qstash.jakarta.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashConfigurationException;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRateLimitException;
import dev.qstash.jakarta.QStashRateLimitException.Kind;
import dev.qstash.jakarta.impl.testing.LogCapture;
import dev.qstash.jakarta.impl.testing.RecordingServer;
import dev.qstash.jakarta.impl.testing.RecordingServer.Answer;
import dev.qstash.jakarta.impl.testing.TestConfig;

class PublisherFailuresTest {

    private static final String TOKEN = "qstash_secret_token_value";
    private static final PublishRequest REQUEST = PublishRequest.toUrl("https://example.com/hook").body("x").build();

    private static QStashPublisher publisher(String baseUrl, int retries) {
        return QStashPublisher.builder().baseUrl(baseUrl).token(TOKEN).retries(retries)
                .backoff(n -> Duration.ofMillis(1)).build();
    }

    @Test
    void anErrorAnswerCarriesStatusAndQStashsErrorText() throws Exception {
        try (RecordingServer server = new RecordingServer().answer(r -> Answer.json(400,
                "{\"error\":\"invalid destination url: endpoint has invalid scheme, add http:// or https://\"}"));
                QStashPublisher publisher = publisher(server.baseUrl(), 5)) {
            QStashApiException e = assertThrows(QStashApiException.class, () -> publisher.publish(REQUEST));
            assertEquals(400, e.status());
            assertEquals("invalid destination url: endpoint has invalid scheme, add http:// or https://", e.error());
            assertEquals(1, server.requests().size(), "an answer is final: no retry");
        }
    }

    @Test
    void anEmptyOrNonJsonErrorBodyIsStillExplained() throws Exception {
        try (RecordingServer server = new RecordingServer();
                QStashPublisher publisher = publisher(server.baseUrl(), 5)) {
            server.answer(r -> new Answer(500, Map.of(), new byte[0]));
            assertEquals("Error: status=500", assertThrows(QStashApiException.class,
                    () -> publisher.publish(REQUEST)).error());
            server.answer(r -> new Answer(404, Map.of("Content-Type", "text/plain"),
                    "not here".getBytes(StandardCharsets.UTF_8)));
            assertEquals("not here", assertThrows(QStashApiException.class, () -> publisher.publish(REQUEST))
                    .error());
        }
    }

    @Test
    void rateLimitsTellBurstFromDailyAndAreNotRetried() throws Exception {
        try (RecordingServer server = new RecordingServer();
                QStashPublisher publisher = publisher(server.baseUrl(), 5)) {
            server.answer(r -> new Answer(429, Map.of("Burst-RateLimit-Limit", "100", "Burst-RateLimit-Remaining", "0",
                    "Burst-RateLimit-Reset", "1767225601"), "{\"error\":\"rate limit\"}".getBytes()));
            QStashRateLimitException burst = assertThrows(QStashRateLimitException.class,
                    () -> publisher.publish(REQUEST));
            assertEquals(Kind.BURST, burst.kind());
            assertEquals(OptionalLong.of(100), burst.limit());
            assertEquals(OptionalLong.of(0), burst.remaining());
            assertEquals(OptionalLong.of(1767225601), burst.reset());
            assertEquals(429, burst.status());

            server.answer(r -> new Answer(429, Map.of("RateLimit-Limit", "500", "RateLimit-Remaining", "0",
                    "RateLimit-Reset", "1767312000"), "{\"error\":\"daily quota\"}".getBytes()));
            QStashRateLimitException daily = assertThrows(QStashRateLimitException.class,
                    () -> publisher.publish(REQUEST));
            assertEquals(Kind.DAILY, daily.kind());
            assertEquals(OptionalLong.of(500), daily.limit());
            assertEquals("daily quota", daily.error());
            assertEquals(2, server.requests().size());
        }
    }

    @Test
    void asyncCallsFailTheStageWithTheSameException() throws Exception {
        try (RecordingServer server = new RecordingServer().answer(r -> Answer.json(401, "{\"error\":\"bad token\"}"));
                QStashPublisher publisher = publisher(server.baseUrl(), 5)) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> publisher.publishAsync(REQUEST).toCompletableFuture().join());
            assertInstanceOf(QStashApiException.class, e.getCause());
            assertEquals(401, ((QStashApiException) e.getCause()).status());
        }
    }

    /**
     * Over real sockets. The JDK's HttpURLConnection (under RESTEasy's URLConnection engine and Jersey's default
     * connector alike) itself resends a POST once when a connection drops before any answer
     * ({@code sun.net.http.retryPost}), so sockets count at least one per attempt; {@link RetrierTest} counts our
     * attempts exactly.
     */
    @Test
    void droppedConnectionsAreRetriedUntilQStashAnswers() throws Exception {
        try (FlakyServer server = new FlakyServer(3);
                QStashPublisher publisher = publisher(server.baseUrl(), 5);
                LogCapture log = new LogCapture()) {
            assertEquals("msg_after_retries", publisher.publish(REQUEST).messageId());
            assertEquals(4, server.connections.get(), "3 dropped connections, then the answer");
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("QSTASH020")), log.all());
            assertFalse(log.all().contains(TOKEN));
        }
    }

    @Test
    void networkFailuresGiveUpAfterTheConfiguredRetries() throws Exception {
        try (FlakyServer server = new FlakyServer(Integer.MAX_VALUE);
                QStashPublisher publisher = publisher(server.baseUrl(), 2)) {
            QStashException e = assertThrows(QStashException.class, () -> publisher.publish(REQUEST));
            assertFalse(e instanceof QStashApiException);
            assertTrue(
                    e.getMessage().startsWith("POST /v2/publish to " + server.baseUrl() + " failed after 3 attempts"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
            assertTrue(server.connections.get() >= 3, "at least one connection per attempt");
        }
    }

    @Test
    void withoutATokenEveryCallNamesTheKeyToSetAndSendsNothing() throws Exception {
        try (RecordingServer server = new RecordingServer();
                QStashPublisher publisher = QStashPublisher.builder()
                        .config(TestConfig.environment(Map.of("QSTASH_URL", server.baseUrl()))).build()) {
            QStashConfigurationException e = assertThrows(QStashConfigurationException.class,
                    () -> publisher.publish(REQUEST));
            assertTrue(e.getMessage().endsWith("set qstash.token (env QSTASH_TOKEN)"), e.getMessage());
            assertTrue(server.requests().isEmpty());
        }
    }

    @Test
    void requestsForTheWrongKindOfDestinationAreRefused() throws Exception {
        try (RecordingServer server = new RecordingServer();
                QStashPublisher publisher = publisher(server.baseUrl(), 0)) {
            assertThrows(IllegalArgumentException.class,
                    () -> publisher.publish(PublishRequest.toUrlGroup("group").body("x").build()));
            assertThrows(IllegalArgumentException.class, () -> publisher.publishToUrlGroup(REQUEST));
            IllegalArgumentException binary = assertThrows(IllegalArgumentException.class,
                    () -> publisher.batch(java.util.List.of(PublishRequest.toUrl("https://example.com")
                            .body(new byte[]{(byte) 0xff, (byte) 0xfe}).build())));
            assertTrue(binary.getMessage().contains("not UTF-8"), binary.getMessage());
            assertTrue(server.requests().isEmpty());
            assertFalse(publisher.toString().contains(TOKEN));
        }
    }

    /** Drops the first {@code failures} connections without answering, then answers like QStash. */
    private static final class FlakyServer implements AutoCloseable {

        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;
        private final Thread thread;

        FlakyServer(int failures) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        if (connections.incrementAndGet() <= failures) {
                            continue; // closed without a byte: the client sees the connection drop
                        }
                        InputStream in = client.getInputStream();
                        byte[] buffer = new byte[8192];
                        in.read(buffer); // the request head and (small) body
                        byte[] body = "{\"messageId\":\"msg_after_retries\"}".getBytes(StandardCharsets.UTF_8);
                        OutputStream out = client.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "flaky-server");
            thread.setDaemon(true);
            thread.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void serverErrorsAreRetriedForDeduplicatedPublishesAndReadsOnlyWhenSwitchedOn() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            AtomicInteger calls = new AtomicInteger();
            server.answer(r -> calls.incrementAndGet() % 2 == 1
                    ? Answer.json(500, "{\"error\":\"internal\"}")
                    : r.method().equals("GET") ? Answer.json(200, "[]") : Answer.json(200, "{\"messageId\":\"m\"}"));
            PublishRequest deduplicated = PublishRequest.toUrl("https://example.com/hook").body("x")
                    .deduplicationId("order-1").build();
            PublishRequest contentBased = PublishRequest.toUrl("https://example.com/hook").body("x")
                    .contentBasedDeduplication(true).build();
            try (QStashPublisher off = publisher(server.baseUrl(), 5)) {
                assertEquals(500, assertThrows(QStashApiException.class, () -> off.publish(deduplicated)).status());
                assertEquals(1, server.requests().size(), "off by default");
            }
            try (QStashPublisher on = QStashPublisher.builder().baseUrl(server.baseUrl()).token(TOKEN)
                    .retryServerErrors(true).backoff(n -> Duration.ofMillis(1)).build()) {
                calls.set(0);
                server.requests().clear();
                assertEquals("m", on.publish(deduplicated).messageId());
                assertEquals(2, server.requests().size(), "a deduplicated publish is sent again");
                calls.set(0);
                assertEquals("m", on.publish(contentBased).messageId());
                assertEquals(4, server.requests().size(), "so is a content-deduplicated one");
                calls.set(0);
                assertEquals(0, on.queues().list().size());
                assertEquals(6, server.requests().size(), "and a read");
                calls.set(0);
                assertEquals(500, assertThrows(QStashApiException.class, () -> on.publish(REQUEST)).status());
                assertEquals(7, server.requests().size(), "a publish without deduplication is final");
                calls.set(0);
                assertEquals(500, assertThrows(QStashApiException.class, () -> on.queues().delete("q")).status());
                assertEquals(8, server.requests().size(), "a change is final");
            }
        }
    }

    @Test
    void aBurstRateLimitIsWaitedOutWhenAllowedAndADailyOneIsNot() throws Exception {
        try (RecordingServer server = new RecordingServer();
                QStashPublisher publisher = QStashPublisher.builder().baseUrl(server.baseUrl()).token(TOKEN)
                        .rateLimitMaxWait(Duration.ofSeconds(2)).build()) {
            AtomicInteger calls = new AtomicInteger();
            long resetSeconds = System.currentTimeMillis() / 1000 + 1;
            server.answer(r -> calls.incrementAndGet() == 1
                    ? new Answer(429, Map.of("Burst-RateLimit-Limit", "100", "Burst-RateLimit-Remaining", "0",
                            "Burst-RateLimit-Reset", Long.toString(resetSeconds)), "{\"error\":\"burst\"}".getBytes())
                    : Answer.json(200, "{\"messageId\":\"after_reset\"}"));
            assertEquals("after_reset", publisher.publish(REQUEST).messageId());
            assertTrue(System.currentTimeMillis() >= resetSeconds * 1000, "not sent again before the reset");
            assertEquals(2, server.requests().size());

            server.answer(r -> new Answer(429, Map.of("RateLimit-Limit", "500", "RateLimit-Remaining", "0",
                    "RateLimit-Reset", Long.toString(System.currentTimeMillis() / 1000 + 3600)),
                    "{\"error\":\"daily\"}".getBytes()));
            long start = System.nanoTime();
            assertEquals(Kind.DAILY, assertThrows(QStashRateLimitException.class, () -> publisher.publish(REQUEST))
                    .kind());
            assertEquals(3, server.requests().size(), "an hour away: thrown at once");
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "at once");
        }
    }
}
