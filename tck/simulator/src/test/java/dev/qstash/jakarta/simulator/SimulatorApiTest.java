package dev.qstash.jakarta.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.PublishResponse;
import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRateLimitException;

/** The simulator's API as clients see it, through raw HTTP and through the project's own publisher. */
class SimulatorApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private QStashSimulator sim;
    private Destination app;
    private QStashPublisher publisher;

    @BeforeEach
    void start() throws Exception {
        sim = QStashSimulator.builder().retryBackoff(n -> Duration.ofMillis(5)).start();
        app = new Destination();
        publisher = QStashPublisher.builder().baseUrl(sim.url()).token(sim.token())
                .backoff(n -> Duration.ofMillis(5)).build();
    }

    @AfterEach
    void stop() {
        publisher.close();
        sim.close();
        app.close();
    }

    private PublishRequest to(String path) {
        return PublishRequest.toUrl(app.url(path)).body("x").build();
    }

    @Test
    void theApiRequiresTheBearerToken() throws Exception {
        try (QStashPublisher wrong = QStashPublisher.builder().baseUrl(sim.url()).token("not-the-token").build()) {
            QStashApiException e = assertThrows(QStashApiException.class, () -> wrong.publish(to("/x")));
            assertEquals(401, e.status());
            assertEquals("invalid token", e.error());
        }
        Api.Answer noHeader = Api.call(sim, "GET", "/v2/dlq", null, "Authorization", "Basic x");
        assertEquals(401, noHeader.status());
        assertTrue(noHeader.json().has("error"));
        assertEquals(200, Api.call(sim, "GET", "/v2/dlq?qstash_token=" + sim.token(), null, "Authorization", "none")
                .status());
    }

    @Test
    void injectedFaultsReachThePublisherAsTypedFailures() {
        sim.injectFaults(1, Fault.burstRateLimit());
        QStashRateLimitException burst = assertThrows(QStashRateLimitException.class,
                () -> publisher.publish(to("/x")));
        assertEquals(QStashRateLimitException.Kind.BURST, burst.kind());
        assertEquals(0, burst.remaining().getAsLong());

        sim.injectFaults(1, Fault.dailyRateLimit());
        QStashRateLimitException daily = assertThrows(QStashRateLimitException.class,
                () -> publisher.publish(to("/x")));
        assertEquals(QStashRateLimitException.Kind.DAILY, daily.kind());
        assertEquals(500, daily.limit().getAsLong());

        sim.injectFaults(1, Fault.serverError());
        assertEquals(500, assertThrows(QStashApiException.class, () -> publisher.publish(to("/x"))).status());
        assertEquals(3, sim.requests().size(), "answers are not retried");
    }

    @Test
    void aDroppedConnectionIsRetriedByThePublisherAndASlowAnswerWaited() {
        sim.injectFaults(1, Fault.dropConnection());
        assertTrue(publisher.publish(to("/x")).messageId().startsWith("msg_"));
        assertTrue(sim.requests().size() >= 2, sim.requests().toString());

        sim.clearRequests();
        sim.injectFaults(1, Fault.slow(Duration.ofMillis(300)));
        long start = System.nanoTime();
        publisher.publish(to("/x"));
        assertTrue(System.nanoTime() - start >= 300_000_000L);
        assertEquals(1, sim.requests().size());
    }

    @Test
    void everyApiRequestIsRecordedAsSent() {
        publisher.publish(PublishRequest.toUrl(app.url("/rec?a=1")).body("hello").retries(2).build());
        RecordedRequest r = sim.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v2/publish/" + app.url("/rec?a=1"), r.path());
        assertEquals("2", r.header("Upstash-Retries"));
        assertEquals("Bearer " + sim.token(), r.header("authorization"));
        assertEquals("hello", r.bodyText());
    }

    @Test
    void aThousandConcurrentPublishesAreEachDeliveredExactlyOnce() throws Exception {
        int count = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<PublishResponse>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            sent.add(pool.submit(() -> publisher.publish(PublishRequest.toUrl(app.url("/m/" + n)).body("m" + n)
                    .build())));
        }
        Set<String> published = new HashSet<>();
        for (Future<PublishResponse> f : sent) {
            published.add(f.get().messageId());
        }
        pool.shutdown();
        assertEquals(count, published.size(), "distinct message ids");

        Map<String, String> delivered = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            Destination.Delivery d = app.next(WAIT);
            assertEquals(null, delivered.put(d.header("Upstash-Message-Id"), d.path()), "delivered twice");
            assertEquals("m" + d.path().substring("/m/".length()), d.text(), "body matches its destination");
        }
        app.expectNothing(Duration.ofMillis(300));
        assertEquals(published, delivered.keySet());
    }

    @Test
    void aDelayedMessageCanBeReadAndCancelled() throws Exception {
        PublishResponse sent = publisher.publish(PublishRequest.toUrl(app.url("/later")).body("x")
                .delay(Duration.ofSeconds(30)).labels("billing").build());
        JsonNode message = Api.call(sim, "GET", "/v2/messages/" + sent.messageId(), null).json();
        assertEquals(app.url("/later"), message.get("url").asText());
        assertEquals("x", message.get("body").asText());
        assertEquals(3, message.get("maxRetries").asInt());
        assertEquals(200, Api.call(sim, "DELETE", "/v2/messages/" + sent.messageId(), null).status());
        assertEquals(404, Api.call(sim, "GET", "/v2/messages/" + sent.messageId(), null).status());
        JsonNode states = Api.call(sim, "GET", "/v2/events?messageIds=" + sent.messageId(), null).json()
                .get("events");
        assertEquals("CANCELED", states.get(0).get("state").asText(), "newest first");
        assertEquals("CREATED", states.get(states.size() - 1).get("state").asText());
        app.expectNothing(Duration.ofMillis(200));
    }

    @Test
    void theDlqPagesWithACursorAndItsMessagesCanBeRetriedOrDeleted() throws Exception {
        app.reply(d -> d.path().startsWith("/broken")
                ? new Destination.Reply(500, Map.of(), "no")
                : Destination.Reply.ok());
        for (int i = 0; i < 5; i++) {
            publisher.publish(PublishRequest.toUrl(app.url("/broken/" + i)).body("b" + i).retries(0).build());
        }
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (sim.deliveryAttempts().size() < 5 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        JsonNode first = Api.call(sim, "GET", "/v2/dlq?count=2", null).json();
        assertEquals(2, first.get("messages").size());
        JsonNode second = Api.call(sim, "GET", "/v2/dlq?count=2&cursor=" + first.get("cursor").asText(), null)
                .json();
        JsonNode third = Api.call(sim, "GET", "/v2/dlq?count=2&cursor=" + second.get("cursor").asText(), null)
                .json();
        assertEquals(1, third.get("messages").size());
        assertFalse(third.has("cursor"), "no cursor on the last page");

        app.reply(d -> Destination.Reply.ok());
        String dlqId = first.get("messages").get(0).get("dlqId").asText();
        JsonNode retried = Api.call(sim, "POST", "/v2/dlq/retry?dlqIds=" + dlqId, null).json();
        String newId = retried.get("responses").get(0).get("messageId").asText();
        Destination.Delivery again = nextWithId(newId);
        assertTrue(again.path().startsWith("/broken/"), again.path());

        String another = second.get("messages").get(0).get("dlqId").asText();
        assertEquals(200, Api.call(sim, "DELETE", "/v2/dlq/" + another, null).status());
        assertEquals(3, Api.call(sim, "GET", "/v2/dlq", null).json().get("messages").size());
        assertEquals(404, Api.call(sim, "GET", "/v2/dlq/" + another, null).status());
    }

    private Destination.Delivery nextWithId(String messageId) throws InterruptedException {
        while (true) {
            Destination.Delivery d = app.next(WAIT);
            if (messageId.equals(d.header("Upstash-Message-Id"))) {
                return d;
            }
        }
    }

    @Test
    void logsFilterByStateAndPage() throws Exception {
        for (int i = 0; i < 3; i++) {
            publisher.publish(to("/logged"));
            app.next(WAIT);
        }
        Thread.sleep(100);
        JsonNode delivered = Api.call(sim, "GET", "/v2/events?state=DELIVERED", null).json().get("events");
        assertEquals(3, delivered.size());
        JsonNode page = Api.call(sim, "GET", "/v2/events?count=4", null).json();
        assertEquals(4, page.get("events").size());
        JsonNode rest = Api.call(sim, "GET", "/v2/events?count=4&cursor=" + page.get("cursor").asText(), null).json();
        assertTrue(rest.get("events").size() >= 2, rest.toString());
    }

    @Test
    void signingKeysCanBeReadAndRotated() throws Exception {
        String next = sim.nextSigningKey();
        JsonNode keys = Api.call(sim, "POST", "/v2/keys/rotate", null).json();
        assertEquals(next, keys.get("current").asText());
        assertEquals(sim.nextSigningKey(), keys.get("next").asText());
        assertEquals(keys, Api.call(sim, "GET", "/v2/keys", null).json());
    }

    @Test
    void badRequestsGetQStashsErrorShape() throws Exception {
        Api.Answer scheme = Api.publish(sim, "https:/example.com/x", "x");
        assertEquals(400, scheme.status());
        assertEquals("invalid destination url: endpoint has invalid scheme, add http:// or https://",
                scheme.json().get("error").asText());
        assertEquals(400, Api.publish(sim, app.url("/x"), "x", "Upstash-Delay", "soon").status());
        assertEquals(404, Api.call(sim, "GET", "/v2/nothing", null).status());
        assertEquals(400, Api.call(sim, "POST", "/v2/batch", "{}".getBytes()).status());
    }
}
