package dev.qstash.jakarta.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.FlowControl;
import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashApiException;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.manage.BulkResult;
import dev.qstash.jakarta.manage.DlqMessage;
import dev.qstash.jakarta.manage.Endpoint;
import dev.qstash.jakarta.manage.Filter;
import dev.qstash.jakarta.manage.FlowControlState;
import dev.qstash.jakarta.manage.LogEntry;
import dev.qstash.jakarta.manage.Queue;
import dev.qstash.jakarta.manage.Schedule;
import dev.qstash.jakarta.manage.ScheduleRequest;
import dev.qstash.jakarta.manage.SigningKeyPair;
import dev.qstash.jakarta.manage.UrlGroup;

/** The simulator's management API with consistent state, driven through the project's own publisher. */
class SimulatorManagementTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(400);

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

    @Test
    void aPausedQueueHoldsItsDeliveriesUntilResumed() throws Exception {
        publisher.queues().upsert("orders", 1, true);
        publisher.enqueue("orders", PublishRequest.toUrl(app.url("/q")).body("first").build());
        publisher.enqueue("orders", PublishRequest.toUrl(app.url("/q")).body("second").build());

        app.expectNothing(QUIET);
        Queue paused = publisher.queues().get("orders");
        assertTrue(paused.paused());
        assertEquals(2, paused.lag());

        publisher.queues().resume("orders");
        assertEquals("first", app.next(WAIT).text());
        assertEquals("second", app.next(WAIT).text());
        assertFalse(publisher.queues().get("orders").paused());
        assertEquals(List.of("orders"), publisher.queues().list().stream().map(Queue::name).toList());

        publisher.queues().delete("orders");
        assertEquals(404, assertThrows(QStashApiException.class, () -> publisher.queues().get("orders")).status());
    }

    @Test
    void aScheduleFiresOnItsCronWhenTheClockPassesAMatch() throws Exception {
        String id = publisher.schedules().create(ScheduleRequest.of("*/5 * * * *",
                PublishRequest.toUrl(app.url("/cron")).body("tick").build()).withScheduleId("five"));
        assertEquals("five", id);
        Schedule schedule = publisher.schedules().get(id);
        ZonedDateTime next = schedule.nextScheduleTime().atZone(ZoneOffset.UTC);
        assertEquals(0, next.getMinute() % 5, "a */5 match");
        assertEquals(0, next.getSecond());
        app.expectNothing(QUIET);

        sim.advanceClock(Duration.ofMinutes(5));
        Destination.Delivery fired = app.next(WAIT);
        assertEquals("tick", fired.text());
        assertEquals("five", fired.header("Upstash-Schedule-Id"));
        app.expectNothing(QUIET); // once per match, not once per tick

        publisher.schedules().pause(id);
        assertTrue(publisher.schedules().get(id).paused());
        sim.advanceClock(Duration.ofMinutes(5));
        app.expectNothing(QUIET);

        publisher.schedules().resume(id);
        sim.advanceClock(Duration.ofMinutes(5));
        assertEquals("five", app.next(WAIT).header("Upstash-Schedule-Id"));

        publisher.schedules().delete(id);
        assertTrue(publisher.schedules().list().isEmpty());
    }

    @Test
    void aScheduleInAZoneFiresAtTheZonesTime() {
        String id = publisher.schedules().create(ScheduleRequest.of("CRON_TZ=Asia/Kolkata 30 9 * * *",
                PublishRequest.toUrl(app.url("/tz")).build()));
        ZonedDateTime next = publisher.schedules().get(id).nextScheduleTime().atZone(ZoneOffset.UTC);
        assertEquals(4, next.getHour(), "09:30 in Kolkata is 04:00 UTC");
        assertEquals(0, next.getMinute());
    }

    @Test
    void deadLettersAreListedAsAStreamAndRetriedAcrossPages() throws Exception {
        app.reply(d -> new Destination.Reply(d.path().startsWith("/fail") ? 500 : 200, Map.of(), "x"));
        int dead = 130; // more than one page of 100
        for (int i = 0; i < dead; i++) {
            publisher.publish(PublishRequest.toUrl(app.url("/fail/" + i)).body("d" + i).retries(0)
                    .labels(i % 2 == 0 ? "even" : "odd").build());
        }
        waitFor(() -> publisher.dlq().stream(Filter.none()).count() == dead);

        List<DlqMessage> all = publisher.dlq().stream(Filter.none()).toList();
        assertEquals(dead, all.stream().map(DlqMessage::dlqId).distinct().count(), "every dead letter once");
        assertEquals(500, all.get(0).responseStatus());
        assertEquals(65, publisher.dlq().stream(Filter.builder().label("even").build()).count());
        assertThrows(IllegalArgumentException.class,
                () -> publisher.dlq().list(Filter.builder().state(LogEntry.State.FAILED).build()));

        BulkResult retried = publisher.dlq().retry(Filter.builder().label("even").build());
        assertEquals(65, retried.count());
        assertEquals(65, new HashSet<>(retried.messageIds()).size());
        waitFor(() -> publisher.dlq().stream(Filter.none()).count() == dead);

        assertEquals(dead, publisher.dlq().deleteAll());
        assertEquals(0, publisher.dlq().stream(Filter.none()).count());
    }

    @Test
    void urlGroupsFanOutAndLogsPageThroughEveryStateChange() throws Exception {
        publisher.urlGroups().addEndpoints("fan", List.of(Endpoint.named("a", app.url("/a")), Endpoint.url(app.url(
                "/b"))));
        UrlGroup group = publisher.urlGroups().get("fan");
        assertEquals(2, group.endpoints().size());

        var sent = publisher.publishToUrlGroup(PublishRequest.toUrlGroup("fan").body("both").build());
        Set<String> paths = Set.of(app.next(WAIT).path(), app.next(WAIT).path());
        assertEquals(Set.of("/a", "/b"), paths);

        Set<String> ids = sent.stream().map(r -> r.messageId()).collect(Collectors.toSet());
        waitFor(() -> publisher.logs().stream(Filter.builder().state(LogEntry.State.DELIVERED).build()).count() == 2);
        List<LogEntry> pagedByTwo = new ArrayList<>();
        String cursor = null;
        do {
            var page = publisher.logs().list(Filter.builder().urlGroup("fan").build(), 2, cursor);
            assertTrue(page.items().size() <= 2);
            pagedByTwo.addAll(page.items());
            cursor = page.cursor();
        } while (cursor != null);
        assertEquals(publisher.logs().stream(Filter.builder().urlGroup("fan").build()).toList().size(),
                pagedByTwo.size());
        assertEquals(ids, pagedByTwo.stream().map(LogEntry::messageId).collect(Collectors.toSet()));
        assertTrue(pagedByTwo.stream().anyMatch(e -> e.state() == LogEntry.State.CREATED));

        publisher.urlGroups().removeEndpoints("fan", List.of(new Endpoint("a", null)));
        assertEquals(List.of(app.url("/b")), publisher.urlGroups().get("fan").endpoints().stream()
                .map(Endpoint::url).toList());
        publisher.urlGroups().delete("fan");
        assertTrue(publisher.urlGroups().list().isEmpty());
    }

    @Test
    void messagesAreCancelledByFilterBeforeDelivery() throws Exception {
        for (int i = 0; i < 3; i++) {
            publisher.publish(PublishRequest.toUrl(app.url("/later")).body("l").delay(Duration.ofMinutes(5))
                    .labels("later").build());
        }
        String keep = publisher.publish(PublishRequest.toUrl(app.url("/keep")).body("k")
                .delay(Duration.ofMinutes(5)).build()).messageId();
        assertThrows(IllegalArgumentException.class, () -> publisher.messages().cancel(Filter.none()));

        assertEquals(3, publisher.messages().cancel(Filter.builder().label("later").build()));
        assertEquals(keep, publisher.messages().get(keep).messageId());
        assertEquals(1, publisher.messages().cancel(List.of(keep)));
        assertEquals(404, assertThrows(QStashApiException.class, () -> publisher.messages().get(keep)).status());
    }

    @Test
    void signingKeysRotateAndFlowControlKeepsItsPins() {
        SigningKeyPair before = publisher.signingKeys().get();
        assertEquals(sim.currentSigningKey(), before.current());
        SigningKeyPair after = publisher.signingKeys().rotate();
        assertEquals(before.next(), after.current());
        assertNotEquals(before.next(), after.next());

        publisher.flowControl().pin(FlowControl.key("fc").parallelism(3).rate(10).period("1m"));
        FlowControlState pinned = publisher.flowControl().get("fc");
        assertEquals(3, pinned.parallelismMax());
        assertEquals(Duration.ofMinutes(1), pinned.ratePeriod());
        assertTrue(pinned.pinnedParallelism() && pinned.pinnedRate());
        publisher.flowControl().unpin("fc", true, false);
        publisher.flowControl().pause("fc");
        FlowControlState state = publisher.flowControl().get("fc");
        assertFalse(state.pinnedParallelism());
        assertTrue(state.pinnedRate());
        assertTrue(state.paused());
        assertEquals(100, publisher.flowControl().globalParallelism().max());
        assertEquals(404, assertThrows(QStashApiException.class, () -> publisher.flowControl().get("none")).status());
    }

    @Test
    void aPausedFlowControlKeyHoldsItsDeliveriesAndItsParallelismIsKept() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        app.reply(d -> {
            most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            return Destination.Reply.ok();
        });
        FlowControl oneAtATime = FlowControl.key("tenant-7").parallelism(1);
        publisher.publish(PublishRequest.toUrl(app.url("/fc")).body("warm-up").flowControl(oneAtATime).build());
        app.next(WAIT);
        publisher.flowControl().pause("tenant-7");
        for (int i = 0; i < 4; i++) {
            publisher.publish(PublishRequest.toUrl(app.url("/fc")).body("m" + i).flowControl(oneAtATime).build());
        }

        app.expectNothing(QUIET);
        FlowControlState paused = publisher.flowControl().get("tenant-7");
        assertTrue(paused.paused());
        assertEquals(4, paused.waitListSize());
        assertEquals(1, paused.parallelismMax());

        publisher.flowControl().resume("tenant-7");
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(app.next(WAIT).text());
        }
        assertEquals(Set.of("m0", "m1", "m2", "m3"), bodies);
        assertEquals(1, most.get(), "never more than the key's parallelism at once");
        assertEquals(0, publisher.flowControl().get("tenant-7").waitListSize());
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
