package dev.qstash.jakarta.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.impl.testing.JaxrsServer;
import dev.qstash.jakarta.impl.testing.LogCapture;
import dev.qstash.jakarta.impl.testing.Tokens;

/** An application with no signing keys at all: a deployment error, answered 500, explained in the log only. */
class QStashSignatureFilterWithoutKeysTest {

    @Test
    void noKeysIs500WithTheCauseLoggedAndNotSent() throws Exception {
        try (LogCapture log = new LogCapture();
                JaxrsServer server = new JaxrsServer(Map.of("QSTASH_TOKEN", "t"),
                        List.of(QStashSignatureFilterTest.Resources.class), List.of(QStashSignatureFilter.class))) {
            byte[] body = "x".getBytes();
            HttpResponse<byte[]> response = server.post("/verified", body, "Upstash-Signature",
                    Tokens.sign(Tokens.claims("https://x", body, System.currentTimeMillis() / 1000), Tokens.CURRENT));
            assertEquals(500, response.statusCode());
            assertEquals("QStash signature verification is not configured", new String(response.body()));
            assertTrue(log.all().contains("QSTASH012") && log.all().contains(
                    "set qstash.current-signing-key (env QSTASH_CURRENT_SIGNING_KEY) and qstash.next-signing-key "
                            + "(env QSTASH_NEXT_SIGNING_KEY)"),
                    log.all());
        }
    }
}
