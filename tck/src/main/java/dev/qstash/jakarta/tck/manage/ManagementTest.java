package dev.qstash.jakarta.tck.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.simulator.QStashSimulator;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * The management API of the injected publisher, run inside the server against the simulator: each scenario has the
 * application manage QStash and then checks what QStash delivers back to it, verified. Pausing a schedule goes out
 * as {@code PATCH}, so these also prove the REST client's methods on each server's JAX-RS client.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.MANAGE)
public class ManagementTest {

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);
    private static final Duration QUIET = Duration.ofSeconds(1);
    /**
     * The schedule's cron: once a year, so that only {@link QStashSimulator#advanceClock(Duration)} reaches a match.
     * With a short period (every five minutes) the wall clock itself crosses a match now and then during the test,
     * and the schedule fires once more than the test moved the clock for.
     */
    private static final String YEARLY = "0 0 1 1 *";
    private static final Duration A_YEAR = Duration.ofDays(366);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(ManagementTest.class, TckDeployments.singleRegion(QSTASH.url(), TckKeys.EU_TOKEN));
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void aScheduleFiresOnItsCronAndIsDeliveredVerified() {
        String body = "scheduled " + UUID.randomUUID();
        String id = manage("POST", "manage/schedules?cron=" + encode(YEARLY) + "&to="
                + TckHttp.loopback(base, "api/receive"), body);
        assertTrue(id.startsWith("scd_"), id);
        assertNotReceived(body);

        QSTASH.advanceClock(A_YEAR);
        String[] fields = awaitReceived(body);
        assertEquals("receive", fields[0]);
        assertEquals("CURRENT", fields[TckApp.SIGNING_KEY], "verified with the current key");

        assertEquals("true", manage("POST", "manage/schedules/" + id + "/pause", "")); // PATCH on the wire
        QSTASH.advanceClock(A_YEAR);
        assertReceivedStays(body, 1, "a paused schedule does not fire");
        assertEquals("false", manage("POST", "manage/schedules/" + id + "/resume", ""));
        QSTASH.advanceClock(A_YEAR);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received(body) < 2 && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertEquals(2, received(body), "a resumed schedule fires again");
    }

    @Test
    public void aPausedQueueHoldsDeliveriesUntilResumed() {
        String queue = "tck-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "queued " + UUID.randomUUID();
        assertEquals("ok", manage("POST", "manage/queues/" + queue + "?action=create-paused", ""));
        String cancelled = "cancelled " + UUID.randomUUID();
        manage("POST", "manage/queues/" + queue + "/messages?to=" + TckHttp.loopback(base, "api/receive"), body);
        String doomed = manage("POST", "manage/queues/" + queue + "/messages?to=" + TckHttp.loopback(base,
                "api/receive"), cancelled);

        assertNotReceived(body);
        assertEquals("2 true", manage("GET", "manage/queues/" + queue, null), "lag and paused");
        assertEquals("1", manage("POST", "manage/messages/" + doomed + "/cancel", ""), "DELETE /v2/messages/{id}");

        assertEquals("ok", manage("POST", "manage/queues/" + queue + "?action=resume", ""));
        assertEquals("CURRENT", awaitReceived(body)[TckApp.SIGNING_KEY]);
        assertEquals("0 false", manage("GET", "manage/queues/" + queue, null));
        assertNotReceived(cancelled);
    }

    @Test
    public void aFailedMessageIsListedInTheDlqAndRetried() {
        URI flaky = TckHttp.loopback(base, "api/manage/flaky");
        String body = "dead " + UUID.randomUUID();
        String messageId = manage("POST", "manage/once?to=" + flaky, body);

        String listed = awaitManage("manage/dlq?url=" + encode(flaky.toString()), s -> !s.isBlank());
        assertTrue(listed.endsWith(" 500"), listed);
        assertNotReceived(body);

        manage("POST", "manage/flaky/heal", "");
        String[] retried = manage("POST", "manage/dlq/retry?url=" + encode(flaky.toString()), "").split(" ");
        assertEquals("1", retried[0], "one dead letter retried");
        assertFalse(retried[1].equals(messageId), "a retry is a new message");
        String[] fields = awaitReceived(body);
        assertEquals("flaky", fields[0]);
        assertEquals(retried[1], fields[1]);
        assertEquals("", manage("GET", "manage/dlq?url=" + encode(flaky.toString()), null), "the DLQ is empty");
    }

    @Test
    public void aUrlGroupFansOutToTwoVerifiedEndpointsAndItsLogsPage() {
        String group = "fan-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "fan-out " + UUID.randomUUID();
        assertEquals("2", manage("POST", "manage/groups/" + group + "?to=" + TckHttp.loopback(base, "api/receive")
                + "&to=" + TckHttp.loopback(base, "api/manage/second"), ""));

        List<String> ids = List.of(manage("POST", "manage/groups/" + group + "/messages", body).split(" "));
        assertEquals(2, ids.size());
        Set<String> resources = Set.of(TckApp.delivery(base, ids.get(0))[0], TckApp.delivery(base, ids.get(1))[0]);
        assertEquals(Set.of("receive", "second"), resources);
        for (String id : ids) {
            assertEquals("CURRENT", TckApp.delivery(base, id)[TckApp.SIGNING_KEY]);
        }

        String logs = awaitManage("manage/logs?count=2&group=" + group,
                s -> ids.stream().allMatch(id -> s.contains(id + " DELIVERED")));
        String[] totals = logs.lines().findFirst().orElseThrow().split(" ");
        int pages = Integer.parseInt(totals[0]);
        int entries = Integer.parseInt(totals[1]);
        assertTrue(entries >= 4, "created and delivered for each endpoint: " + logs);
        assertEquals((entries + 1) / 2, pages, "pages of two: " + logs);
        assertEquals(Integer.toString(entries), totals[2], "the stream sees what the pages saw");

        assertEquals("1", manage("POST", "manage/groups/" + group + "/removed?to=" + TckHttp.loopback(base,
                "api/manage/second"), ""), "DELETE with a JSON body");
    }

    private String manage(String method, String path, String body) {
        URI uri = URI.create(TckHttp.loopback(base, "api/") + path);
        HttpResponse<String> response = method.equals("GET")
                ? TckHttp.get(uri)
                : TckHttp.post(uri, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private String awaitManage(String path, java.util.function.Predicate<String> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = manage("GET", path, null);
            if (done.test(last)) {
                return last;
            }
            sleep(200);
        }
        throw new AssertionError(path + " never matched; last answer: " + last);
    }

    private String[] awaitReceived(String body) {
        String hash = sha256(body);
        return TckHttp.awaitLine(TckHttp.loopback(base, "api/received"), l -> l.contains(" " + hash + " "),
                Duration.ofSeconds(20)).split(" ");
    }

    /** How many messages with {@code body} were received: a retried message (same id) counts once. */
    private long received(String body) {
        String hash = sha256(body);
        return TckHttp.get(TckHttp.loopback(base, "api/received")).body().lines()
                .filter(l -> l.contains(" " + hash + " ")).map(l -> l.split(" ")[1]).distinct().count();
    }

    private void assertNotReceived(String body) {
        assertReceivedStays(body, 0, "delivered too early");
    }

    /** After a quiet time, in which a wrong delivery would have arrived, {@code count} messages had {@code body}. */
    private void assertReceivedStays(String body, long count, String message) {
        sleep(QUIET.toMillis());
        assertEquals(count, received(body), message);
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
