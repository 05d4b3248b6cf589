package dev.qstash.jakarta.tck.handle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
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
import dev.qstash.jakarta.tck.util.TckQStash;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * Retry control from the method, through QStash: {@code NonRetryableDeliveryException} sends the message to the DLQ
 * after one attempt; {@code RetryDeliveryLaterException} delays the next attempt (as delta-seconds and as an HTTP
 * date) beyond QStash's backoff, here 200 ms.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.HANDLE)
public class RetryControlTest {

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(RetryControlTest.class, TckDeployments.singleRegion(null, null));
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void neverRetryEndsInTheDlqAfterOneAttempt() throws InterruptedException {
        String id = TckQStash.publish(QSTASH, TckHttp.loopback(base, "api/handling/never"), "doomed",
                "Upstash-Retries", "3");
        TckQStash.await("the message in the DLQ", Duration.ofSeconds(20),
                () -> TckQStash.dlq(QSTASH).contains(id));
        Thread.sleep(2000); // ten backoffs: a retry, had there been one, would have come by now
        List<DeliveryAttempt> attempts = TckQStash.attempts(QSTASH, id);
        assertEquals(1, attempts.size(), attempts.toString());
        assertEquals(489, attempts.get(0).status());
        assertEquals(1, TckApp.entered(base, id));
    }

    @Test
    public void retryAfterInSecondsDelaysTheNextAttempt() {
        assertDelayed("api/handling/later", 3000);
    }

    @Test
    public void retryAfterAsAnHttpDateDelaysTheNextAttempt() {
        // at(now + 4 s), sent in whole seconds: at least 3 s later
        assertDelayed("api/handling/later-at", 3000);
    }

    private void assertDelayed(String path, long atLeastMillis) {
        String id = TckQStash.publish(QSTASH, TckHttp.loopback(base, path), "wait", "Upstash-Retries", "3");
        TckQStash.await("the retry to succeed", Duration.ofSeconds(20),
                () -> TckQStash.attempts(QSTASH, id).stream().anyMatch(DeliveryAttempt::succeeded));
        List<DeliveryAttempt> attempts = TckQStash.attempts(QSTASH, id);
        assertEquals(2, attempts.size(), attempts.toString());
        assertEquals(503, attempts.get(0).status());
        long gap = attempts.get(1).at() - attempts.get(0).at();
        assertTrue(gap >= atLeastMillis, "the retry came " + gap + " ms after the first attempt");
        assertEquals(2, TckApp.entered(base, id));
    }
}
