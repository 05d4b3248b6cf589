package dev.qstash.jakarta.tck.handle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;
import java.time.Duration;

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
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckQStash;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * A message whose retries are exhausted triggers its failure callback: a new signed message to the callback URL,
 * verified by {@code @VerifyQStash} and read as the typed {@code QStashCallback}.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.HANDLE)
public class FailureCallbackTest {

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(FailureCallbackTest.class, TckDeployments.singleRegion(null, null));
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void aFailureCallbackIsReceivedVerifiedAndReadAsTheTypedRecord() {
        String destination = TckHttp.loopback(base, "api/handling/fails").toString();
        String id = TckQStash.publish(QSTASH, TckHttp.loopback(base, "api/handling/fails"), "order-9",
                "Upstash-Retries", "1", "Upstash-Failure-Callback",
                TckHttp.loopback(base, "api/handling/callback").toString());
        String[] line = TckHttp.awaitLine(TckHttp.loopback(base, "api/received"),
                l -> l.startsWith("callback " + id + " "), Duration.ofSeconds(20)).split(" ");
        assertEquals("status=500", line[2]);
        assertEquals("failure=true", line[3]);
        assertNotEquals("dlqId=-", line[4], "a failure callback names the DLQ entry");
        assertEquals("retried=1", line[5]);
        assertEquals("maxRetries=1", line[6]);
        assertEquals("body=out_of_stock", line[7], "the destination's answer, decoded from base64");
        assertEquals("sourceBody=order-9", line[8], "the message's body, decoded from base64");
        assertEquals("url=" + destination, line[9]);
        assertEquals("method=POST", line[10]);
        assertEquals(true, TckQStash.dlq(QSTASH).contains(line[4].substring("dlqId=".length())));
    }
}
