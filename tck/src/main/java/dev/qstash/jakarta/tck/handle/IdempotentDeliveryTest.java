package dev.qstash.jakarta.tck.handle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.simulator.DeliveryAttempt;
import dev.qstash.jakarta.simulator.QStashSimulator;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckQStash;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * An {@code @Idempotent} method runs once per message: a second delivery of a processed message is answered 200
 * without running it, and a first attempt that failed is retried by QStash and then runs, knowing it saw the message
 * before.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.HANDLE)
public class IdempotentDeliveryTest {

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(IdempotentDeliveryTest.class, TckDeployments.singleRegion(null, null));
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void theSameMessageDeliveredTwiceRunsOnce() {
        String id = TckApp.messageId();
        byte[] body = "order 42".getBytes(StandardCharsets.UTF_8);
        // each delivery signed anew, as QStash signs every attempt
        HttpResponse<String> first = TckApp.signedPost(base, "api/handling/once", body, TckKeys.EU_CURRENT,
                "Upstash-Message-Id", id, "Content-Type", "text/plain");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("processed", first.body());
        HttpResponse<String> second = TckApp.signedPost(base, "api/handling/once", body, TckKeys.EU_CURRENT,
                "Upstash-Message-Id", id, "Upstash-Retried", "1", "Content-Type", "text/plain");
        assertEquals(200, second.statusCode(), "a processed message is acknowledged: " + second.body());
        assertEquals(1, TckApp.entered(base, id), "the method ran again for a processed message");
    }

    @Test
    public void aFailedFirstAttemptIsRetriedByQStashAndThenRuns() {
        URI destination = TckHttp.loopback(base, "api/handling/once");
        String id = TckQStash.publish(QSTASH, destination, "fail-first", "Upstash-Retries", "3");
        TckHttp.awaitLine(TckHttp.loopback(base, "api/received"), l -> l.startsWith("once " + id + " ")
                && l.endsWith(" seen-before=true"), Duration.ofSeconds(20));
        TckQStash.await("the retry to be acknowledged", Duration.ofSeconds(10),
                () -> TckQStash.attempts(QSTASH, id).stream().anyMatch(DeliveryAttempt::succeeded));
        List<DeliveryAttempt> attempts = TckQStash.attempts(QSTASH, id);
        assertEquals(2, attempts.size(), attempts.toString());
        assertEquals(500, attempts.get(0).status(), "the first attempt failed");
        assertEquals(200, attempts.get(1).status());
        assertEquals(2, TckApp.entered(base, id));
        assertEquals(List.of("seen-before=false", "seen-before=true"), TckApp.received(base, id).stream()
                .map(f -> f[f.length - 1]).toList());

        HttpResponse<String> late = TckApp.signedPost(base, "api/handling/once", "fail-first".getBytes(),
                TckKeys.EU_CURRENT, "Upstash-Message-Id", id, "Content-Type", "text/plain");
        assertEquals(200, late.statusCode(), "a redelivery after success is acknowledged: " + late.body());
        assertEquals(2, TckApp.entered(base, id), "and does not run the method");
    }
}
