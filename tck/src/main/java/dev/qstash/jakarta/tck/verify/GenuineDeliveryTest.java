package dev.qstash.jakarta.tck.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.simulator.QStashTokens;
import dev.qstash.jakarta.tck.util.RawUpload;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * A genuine delivery (single-region keys) reaches a {@code @VerifyQStash} resource with its body intact, whatever the
 * body, and the resource sees the delivery's metadata. Bodies up to the default limit, 50 MiB, are verified; bodies
 * over it get 413.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.VERIFY)
public class GenuineDeliveryTest {

    /** The default of {@code qstash.verify.max-body-size}: 50 MiB, the largest message of QStash's plans. */
    static final int DEFAULT_LIMIT = 50 * 1024 * 1024;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(GenuineDeliveryTest.class, TckDeployments.singleRegion(null, null));
    }

    private String deliver(byte[] body, String key, String contentType) {
        URI receive = TckHttp.loopback(base, "api/receive");
        String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> response = TckHttp.post(receive, body, "Upstash-Signature",
                QStashTokens.genuine(key, receive.toString(), body), "Upstash-Message-Id", messageId,
                "Upstash-Retried", "2", "Upstash-Region", "EU-CENTRAL-1", "Content-Type", contentType);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("received", response.body());
        return messageId;
    }

    private String received(String messageId) {
        return TckHttp.awaitLine(TckHttp.loopback(base, "api/received"), l -> l.contains(" " + messageId + " "),
                Duration.ofSeconds(10));
    }

    private static String sha256(byte[] body) {
        return HexFormat.of().formatHex(QStashTokens.sha256(body));
    }

    @Test
    public void aJsonDeliveryReachesTheResourceWithItsMetadata() {
        byte[] body = "{\"orderId\":42,\"note\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        String id = deliver(body, TckKeys.EU_CURRENT, "application/json");
        assertEquals("receive " + id + " 2 EU_CENTRAL_1 DEFAULT CURRENT " + sha256(body) + " " + body.length
                + " application/json", received(id));
    }

    @Test
    public void theNextKeyIsAcceptedAndReported() {
        byte[] body = "rotated".getBytes(StandardCharsets.UTF_8);
        String id = deliver(body, TckKeys.EU_NEXT, "text/plain");
        assertEquals("NEXT", received(id).split(" ")[5]);
    }

    @Test
    public void aBinaryBodyArrivesByteForByte() {
        byte[] body = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41, (byte) 0x80, (byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        String id = deliver(body, TckKeys.EU_CURRENT, "application/octet-stream");
        assertEquals(sha256(body), received(id).split(" ")[6]);
    }

    @Test
    public void anEmptyBodyIsVerified() {
        String id = deliver(new byte[0], TckKeys.EU_CURRENT, "text/plain");
        assertEquals("0", received(id).split(" ")[7]);
    }

    @Test
    public void aBodyOfExactlyTheDefaultLimitIsVerified() {
        byte[] body = new byte[DEFAULT_LIMIT];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        String id = deliver(body, TckKeys.EU_CURRENT, "text/plain");
        assertEquals(sha256(body), received(id).split(" ")[6]);
    }

    @Test
    public void aBodyOverTheLimitIs413AndNeverReachesTheResource() {
        byte[] body = new byte[DEFAULT_LIMIT + 1];
        URI receive = TckHttp.loopback(base, "api/receive");
        String id = TckApp.messageId();
        RawUpload.Answer answer = RawUpload.post(receive, body, body.length, true, "Upstash-Signature",
                QStashTokens.genuine(TckKeys.EU_CURRENT, receive.toString(), body), "Upstash-Message-Id", id,
                "Content-Type", "application/octet-stream");
        assertEquals(413, answer.status(), answer.body());
        assertEquals(0, TckApp.entered(base, id), "the resource ran for a body over the limit");
    }
}
