package dev.qstash.jakarta.tck.handle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.qstash.jakarta.simulator.QStashTokens;
import dev.qstash.jakarta.tck.util.TckApp;
import dev.qstash.jakarta.tck.util.TckDeployments;
import dev.qstash.jakarta.tck.util.TckHttp;
import dev.qstash.jakarta.tck.util.TckKeys;
import dev.qstash.jakarta.tck.util.TckTags;

/**
 * With {@code qstash.verify.replay-protection=true}, a token that was accepted is refused when it comes again, even
 * with the same body; a new token for the same message (QStash's retry, signed anew) is accepted.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.HANDLE)
public class ReplayProtectionTest {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        Map<String, String> config = new TreeMap<>(TckDeployments.singleRegion(null, null));
        config.put("qstash.verify.replay-protection", "true");
        return TckDeployments.war(ReplayProtectionTest.class, config);
    }

    @Test
    public void aReplayedTokenIsRefused() {
        URI receive = TckHttp.loopback(base, "api/receive");
        byte[] body = "{\"orderId\":7}".getBytes(StandardCharsets.UTF_8);
        String id = TckApp.messageId();
        String token = QStashTokens.genuine(TckKeys.EU_CURRENT, receive.toString(), body);
        HttpResponse<String> first = TckHttp.post(receive, body, "Upstash-Signature", token, "Upstash-Message-Id", id);
        assertEquals(200, first.statusCode(), first.body());
        HttpResponse<String> replay = TckHttp.post(receive, body, "Upstash-Signature", token, "Upstash-Message-Id",
                id);
        assertEquals(401, replay.statusCode(), replay.body());
        assertEquals(1, TckApp.entered(base, id), "the method ran for a replayed token");

        HttpResponse<String> retry = TckHttp.post(receive, body, "Upstash-Signature",
                QStashTokens.genuine(TckKeys.EU_CURRENT, receive.toString(), body), "Upstash-Message-Id", id);
        assertEquals(200, retry.statusCode(), "a new signature is a new token: " + retry.body());
        assertEquals(2, TckApp.entered(base, id));
    }
}
