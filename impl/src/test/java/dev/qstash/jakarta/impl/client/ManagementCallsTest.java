package dev.qstash.jakarta.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.impl.testing.RecordingServer;
import dev.qstash.jakarta.impl.testing.RecordingServer.Answer;
import dev.qstash.jakarta.manage.BulkResult;
import dev.qstash.jakarta.manage.Filter;
import dev.qstash.jakarta.manage.LogEntry;
import dev.qstash.jakarta.manage.ScheduleRequest;

/** What the management calls do beyond one recorded request: cursor loops, streams, and refusals before sending. */
class ManagementCallsTest {

    private RecordingServer server;
    private QStashPublisher publisher;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        publisher = QStashPublisher.builder().baseUrl(server.baseUrl()).token("t").build();
    }

    @AfterEach
    void stop() {
        publisher.close();
        server.close();
    }

    @Test
    void bulkDeleteFollowsTheCursorUntilQStashHasNone() {
        AtomicInteger call = new AtomicInteger();
        server.answer(r -> Answer.json(200, call.incrementAndGet() < 3
                ? "{\"deleted\":100,\"cursor\":\"c" + call.get() + "\"}"
                : "{\"deleted\":7,\"cursor\":\"\"}"));

        assertEquals(207, publisher.dlq().delete(Filter.builder().queueName("q").build()));

        assertEquals(List.of("/v2/dlq?queueName=q&count=100", "/v2/dlq?queueName=q&count=100&cursor=c1",
                "/v2/dlq?queueName=q&count=100&cursor=c2"),
                server.requests().stream().map(RecordingServer.Recorded::pathAndQuery).toList());
    }

    @Test
    void bulkRetryCollectsEveryNewMessageId() {
        AtomicInteger call = new AtomicInteger();
        server.answer(r -> Answer.json(201, call.incrementAndGet() == 1
                ? "{\"responses\":[{\"messageId\":\"m1\"},{\"messageId\":\"m2\"}],\"cursor\":\"x\"}"
                : "{\"responses\":[{\"messageId\":\"m3\"}]}"));

        BulkResult result = publisher.dlq().retryAll();

        assertEquals(new BulkResult(3, List.of("m1", "m2", "m3"), null), result);
    }

    @Test
    void aCursorThatDoesNotMoveStopsTheLoopWithAnError() {
        server.answer(r -> Answer.json(200, "{\"deleted\":1,\"cursor\":\"same\"}"));
        QStashException e = assertThrows(QStashException.class, () -> publisher.dlq().deleteAll());
        assertTrue(e.getMessage().contains("same"), e.getMessage());
        assertEquals(2, server.requests().size());
    }

    @Test
    void theLogStreamFetchesPagesOnlyAsItIsConsumed() {
        server.answer(r -> Answer.json(200, !r.pathAndQuery().contains("cursor=p2")
                ? "{\"cursor\":\"p2\",\"events\":[{\"time\":1,\"state\":\"CREATED\",\"messageId\":\"a\"},"
                        + "{\"time\":2,\"state\":\"CANCELLED\",\"messageId\":\"a\"}]}"
                : "{\"events\":[{\"time\":3,\"state\":\"SOMETHING_NEW\",\"messageId\":\"b\"}]}"));

        assertEquals("a", publisher.logs().stream(Filter.none()).findFirst().orElseThrow().messageId());
        assertEquals(1, server.requests().size(), "one page for the first entry");

        List<LogEntry.State> states = publisher.logs().stream(Filter.none()).map(LogEntry::state).toList();
        assertEquals(List.of(LogEntry.State.CREATED, LogEntry.State.CANCELED, LogEntry.State.UNKNOWN), states);
        assertEquals("/v2/events?count=100&cursor=p2", server.requests().get(2).pathAndQuery());
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsSent() {
        assertMessage("messages cannot be filtered by responseStatus", () -> publisher.messages()
                .cancel(Filter.builder().responseStatus(500).build()));
        assertMessage("use cancelAll()", () -> publisher.messages().cancel(Filter.none()));
        assertMessage("use deleteAll()", () -> publisher.dlq().delete(Filter.none()));
        assertMessage("use retryAll()", () -> publisher.dlq().retry(Filter.none()));
        assertMessage("count must be between 1 and 100", () -> publisher.dlq().list(Filter.none(), 101, null));
        assertMessage("Message id cannot be empty", () -> publisher.messages().get(" "));
        assertMessage("DLQ id cannot be empty", () -> publisher.dlq().retry(Arrays.asList("dlq_1", null)));
        assertMessage("known criteria: callerIp, dlqIds, flowControlKey", () -> publisher.dlq()
                .list(Filter.builder().host("h").build()));
        assertMessage("queue name may hold only", () -> publisher.queues().upsert("a b", 1, false));
        assertMessage("UNKNOWN is not a state", () -> Filter.builder().state(LogEntry.State.UNKNOWN));
        assertEquals(0, publisher.messages().cancel(List.of()));
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void aSingleCancelAnsweredWithoutACountCountsAsOne() {
        server.answer(r -> new Answer(200, Map.of(), new byte[0]));
        assertEquals(1, publisher.messages().cancel("msg_1"));
        assertEquals("DELETE /v2/messages/msg_1", server.only().method() + " " + server.only().pathAndQuery());
    }

    @Test
    void defaultHeadersGoWithEveryMessageButNotWithManagementCalls() throws Exception {
        server.answer(r -> Answer.json(200, r.pathAndQuery().startsWith("/v2/batch")
                ? "[{\"messageId\":\"m\"}]"
                : "{\"scheduleId\":\"s\",\"messageId\":\"m\"}"));
        try (QStashPublisher tenant = QStashPublisher.builder().baseUrl(server.baseUrl()).token("t")
                .defaultHeader("X-Tenant", "t1").defaultHeader("Upstash-Retries", "7").build()) {
            PublishRequest message = PublishRequest.toUrl("https://example.com/a").body("x").retries(1).build();
            tenant.schedules().create(ScheduleRequest.of("* * * * *", message));
            tenant.batch(List.of(message));
            tenant.queues().list();
        }
        RecordingServer.Recorded schedule = server.requests().get(0);
        assertEquals("t1", schedule.header("upstash-forward-x-tenant"));
        assertEquals("1", schedule.header("upstash-retries"), "the message's own option wins");
        JsonNode batch = new ObjectMapper().readTree(server.requests().get(1).body()).get(0).get("headers");
        assertEquals("t1", batch.get("upstash-forward-x-tenant").asText());
        assertEquals(null, server.requests().get(2).header("upstash-forward-x-tenant"));
        assertThrows(IllegalArgumentException.class, () -> QStashPublisher.builder().defaultHeader("content-type",
                "text/plain"));
    }

    @Test
    void qstashErrorsReachTheCallerTyped() {
        server.answer(r -> Answer.json(404, "{\"error\":\"queue nope not found\"}"));
        QStashApiException e = assertThrows(QStashApiException.class, () -> publisher.queues().get("nope"));
        assertEquals(404, e.status());
        assertEquals("queue nope not found", e.error());
    }

    private static void assertMessage(String part, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
