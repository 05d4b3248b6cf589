package dev.qstash.jakarta.tck.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

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
import dev.qstash.jakarta.simulator.RecordedRequest;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckSimulators;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * One trace across QStash, on a server with MicroProfile Telemetry: a publish from inside a traced request forwards
 * the request's trace context through QStash (as {@code Upstash-Forward-traceparent}), the delivery arrives with it
 * as a plain {@code traceparent}, and the receiving request's server span belongs to the publisher's trace. The
 * implementation's own spans (a client span per publish, one per delivery to a {@code @VerifyQStash} resource,
 * rejections with their reason) are read from what the server's SDK exported to the deployment's in-memory
 * exporter.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.PUBLISH)
public class TracingTest {

    static final QStashSimulator QSTASH = TckSimulators.start(QStashRegion.EU_CENTRAL_1);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TracingDeployments.war(TracingTest.class, TckDeployments.singleRegion(QSTASH.url(), TckKeys.EU_TOKEN));
    }

    @AfterAll
    static void stop() {
        QSTASH.close();
    }

    @Test
    public void aDeliveryContinuesThePublishersTrace() {
        String[] sent = publish("hello", null);
        String traceId = sent[0];
        String messageId = sent[1];
        assertTrue(traceId.matches("[0-9a-f]{32}") && !traceId.matches("0+"),
                "the publishing request is traced by the server: " + traceId);

        String forwarded = lastPublish().header("Upstash-Forward-traceparent");
        assertNotNull(forwarded, "the trace context is forwarded through QStash");
        String[] context = forwarded.split("-");
        assertEquals(traceId, context[1], forwarded);

        String[] received = received(messageId);
        assertEquals(forwarded, received[1], "QStash delivers the forwarded traceparent as a plain header");
        assertEquals(traceId, received[2], "the receiving request's server span continues the publisher's trace");

        String[] publishSpan = span(s -> s[0].equals("qstash publish") && s[2].equals(traceId)
                && s[6].contains("messaging.message.id=" + messageId));
        assertEquals("CLIENT", publishSpan[1]);
        assertEquals(context[2], publishSpan[3], "the forwarded context names the publish span as the parent");
        assertNotEquals("0000000000000000", publishSpan[4], "the publish span is a child of the request's span");
        assertTrue(publishSpan[6].contains("messaging.system=qstash"), publishSpan[6]);
        assertTrue(publishSpan[6].contains("messaging.operation.name=publish"), publishSpan[6]);
        assertTrue(publishSpan[6].contains("qstash.destination.host=127.0.0.1"), publishSpan[6]);
        assertFalse(publishSpan[6].contains("/api/traced/receive"), "no destination path: " + publishSpan[6]);
        assertFalse(publishSpan[6].contains(TckKeys.EU_TOKEN), "no token");

        String[] receiveSpan = span(s -> s[0].equals("qstash receive") && s[6].contains("messaging.message.id="
                + messageId));
        assertEquals("INTERNAL", receiveSpan[1]);
        assertEquals(traceId, receiveSpan[2], "the delivery's span is part of the publisher's trace");
        assertEquals(received[3], receiveSpan[4], "the delivery's span is a child of the request's server span");
        assertEquals("UNSET", receiveSpan[5]);
        assertTrue(receiveSpan[6].contains("qstash.signing_key=current"), receiveSpan[6]);
        assertTrue(receiveSpan[6].contains("qstash.retried=0"), receiveSpan[6]);
        assertTrue(receiveSpan[6].contains("qstash.region=eu-central-1"), receiveSpan[6]);
    }

    @Test
    public void theApplicationsOwnTraceparentWins() {
        String own = "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01";
        String messageId = publish("own", own)[1];
        assertEquals(own, lastPublish().header("Upstash-Forward-traceparent"));
        assertEquals(own, received(messageId)[1]);
    }

    @Test
    public void eachMessageOfABatchCarriesTheTrace() {
        URI destination = TckHttp.loopback(base, "api/traced/receive");
        HttpResponse<String> response = TckHttp.post(
                URI.create(TckHttp.loopback(base, "api/traced/batch") + "?to=" + destination), new byte[0]);
        assertEquals(200, response.statusCode(), response.body());
        String[] sent = response.body().split(" ");
        for (String messageId : new String[]{sent[1], sent[2]}) {
            String[] received = received(messageId);
            assertEquals(sent[0], received[1].split("-")[1], "the batch's message " + messageId);
            assertEquals(sent[0], received[2]);
        }
        String[] batchSpan = span(s -> s[0].equals("qstash batch") && s[2].equals(sent[0]));
        assertTrue(batchSpan[6].contains("messaging.batch.message_count=2"), batchSpan[6]);
    }

    @Test
    public void aRejectedDeliveryHasASpanWithItsReasonAndNoToken() {
        String messageId = TckApp.messageId();
        HttpResponse<String> response = TckApp.signedPost(base, "api/traced/receive",
                "forged".getBytes(StandardCharsets.UTF_8), TckKeys.FOREIGN, "Upstash-Message-Id", messageId);
        assertEquals(401, response.statusCode());
        String[] rejected = span(s -> s[0].equals("qstash receive")
                && s[6].contains("qstash.rejection.reason=signature_mismatch"));
        assertEquals("ERROR", rejected[5]);
        assertFalse(String.join("|", rejected).contains(TckKeys.FOREIGN), "no key");
        assertFalse(String.join("|", rejected).contains("eyJ"), "no token");
    }

    private String[] publish(String body, String ownTraceparent) {
        URI destination = TckHttp.loopback(base, "api/traced/receive");
        HttpResponse<String> response = TckHttp.post(URI.create(TckHttp.loopback(base, "api/traced/publish")
                + "?to=" + destination + (ownTraceparent == null ? "" : "&traceparent=" + ownTraceparent)),
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return response.body().split(" ");
    }

    /** The simulator's last publish request: the one just answered, as the tests publish one at a time. */
    private static RecordedRequest lastPublish() {
        return QSTASH.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().startsWith("/v2/publish/"))
                .reduce((a, b) -> b).orElseThrow();
    }

    /** {@code <messageId> <traceparent|-> <traceId> <spanId>} noted by the resource. */
    private String[] received(String messageId) {
        return TckHttp.awaitLine(TckHttp.loopback(base, "api/traced/received"),
                l -> l.startsWith(messageId + " "), WAIT).split(" ");
    }

    /** The first exported span that matches: {@code name, KIND, traceId, spanId, parentSpanId, STATUS, attributes}. */
    private String[] span(Predicate<String[]> match) {
        return TckHttp.awaitLine(TckHttp.loopback(base, "api/traced/spans"), l -> match.test(l.split("\\|")), WAIT)
                .split("\\|");
    }
}
