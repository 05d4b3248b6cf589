package dev.qstash.jakarta.impl.jaxrs;

import static dev.qstash.jakarta.impl.testing.Tokens.CURRENT;
import static dev.qstash.jakarta.impl.testing.Tokens.NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.testing.JaxrsServer;
import dev.qstash.jakarta.impl.testing.Tokens;

/** Replay protection in a real JAX-RS runtime: off by default, and when on a token is accepted once. */
class ReplayProtectionTest {

    private static final AtomicInteger CALLS = new AtomicInteger();

    @Path("/")
    public static class Resources {

        @POST
        @Path("verified")
        @VerifyQStash
        @Consumes(MediaType.WILDCARD)
        public String verified(String body) {
            CALLS.incrementAndGet();
            return body;
        }
    }

    private static JaxrsServer server(boolean replayProtection) throws Exception {
        return new JaxrsServer(Map.of("QSTASH_CURRENT_SIGNING_KEY", CURRENT, "QSTASH_NEXT_SIGNING_KEY", NEXT,
                "QSTASH_VERIFY_REPLAY_PROTECTION", Boolean.toString(replayProtection)), List.of(Resources.class),
                List.of(QStashSignatureFilter.class));
    }

    private static String token(byte[] body) {
        return Tokens.sign(Tokens.claims("https://app.example.com/verified", body, System.currentTimeMillis() / 1000),
                CURRENT);
    }

    @Test
    void withReplayProtectionATokenIsAcceptedOnceEvenWithTheSameBody() throws Exception {
        CALLS.set(0);
        byte[] body = "{\"orderId\":1}".getBytes();
        String token = token(body);
        try (JaxrsServer server = server(true)) {
            assertEquals(200, server.post("/verified", body, "Upstash-Signature", token).statusCode());
            var replay = server.post("/verified", body, "Upstash-Signature", token);
            assertEquals(401, replay.statusCode());
            assertEquals("Invalid or missing QStash signature", new String(replay.body()));
            assertEquals(1, CALLS.get());
            assertEquals(200, server.post("/verified", body, "Upstash-Signature", token(body)).statusCode(),
                    "a new signature of the same message (QStash's retry) is accepted");
            assertEquals(2, CALLS.get());
        }
    }

    @Test
    void withoutItTheSameTokenIsAcceptedAgain() throws Exception {
        CALLS.set(0);
        byte[] body = "{\"orderId\":1}".getBytes();
        String token = token(body);
        try (JaxrsServer server = server(false)) {
            assertEquals(200, server.post("/verified", body, "Upstash-Signature", token).statusCode());
            assertEquals(200, server.post("/verified", body, "Upstash-Signature", token).statusCode());
            assertEquals(2, CALLS.get());
        }
    }
}
