package dev.qstash.jakarta.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.QStashDelivery.SigningKey;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.verify.QStashReceiver;
import dev.qstash.jakarta.impl.verify.SignatureVerificationException;
import dev.qstash.jakarta.impl.verify.VerifiedToken;

/** What a destination receives from the simulator: headers, body, signature, retries, callbacks, DLQ. */
class SimulatorDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private QStashSimulator sim;
    private Destination app;

    @BeforeEach
    void start() throws Exception {
        sim = QStashSimulator.builder().retryBackoff(n -> Duration.ofMillis(5)).start();
        app = new Destination();
    }

    @AfterEach
    void stop() {
        sim.close();
        app.close();
    }

    /** The project's verifier, with the strict rules, and the request URL checked against {@code sub}. */
    private VerifiedToken verify(Destination.Delivery d, String url, String current, String next)
            throws SignatureVerificationException {
        return QStashReceiver.withKeys(current, next, Clock.systemUTC(), 0).verify(d.header("Upstash-Signature"),
                d.body(), d.header("Upstash-Region"), url);
    }

    @Test
    void aDeliveryCarriesQStashsHeadersAndTheBodyAndIsSignedLikeARealOne() throws Exception {
        String url = app.url("/api/receive?tenant=acme");
        JsonNode published = Api.publish(sim, url, "{\"orderId\":42}", "Content-Type", "application/json",
                "Upstash-Forward-X-Custom", "custom-value", "Upstash-Method", "PUT").json();
        String messageId = published.get("messageId").asText();

        Destination.Delivery d = app.next(WAIT);
        assertEquals("PUT", d.method());
        assertEquals("/api/receive?tenant=acme", d.path());
        assertEquals("{\"orderId\":42}", d.text());
        assertEquals("application/json", d.header("Content-Type"));
        assertEquals("custom-value", d.header("X-Custom"));
        assertEquals(messageId, d.header("Upstash-Message-Id"));
        assertEquals("0", d.header("Upstash-Retried"));
        assertEquals("EU-CENTRAL-1", d.header("Upstash-Region"));
        assertEquals("Upstash-QStash", d.header("User-Agent"));

        assertEquals(SigningKey.CURRENT, verify(d, url, sim.currentSigningKey(), sim.nextSigningKey()).signingKey());

        // an independent check with jose4j's own consumer, and the claims as genuine tokens carry them
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(sim.currentSigningKey().getBytes(StandardCharsets.UTF_8)))
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .setRequireExpirationTime().setExpectedIssuer("Upstash").setSkipDefaultAudienceValidation()
                .build().processToClaims(d.header("Upstash-Signature"));
        assertEquals("", claims.getClaimValue("aud"));
        assertEquals(claims.getIssuedAt().getValue() + 300, claims.getExpirationTime().getValue());
        assertEquals(-62135596800L, claims.getNotBefore().getValue());
        assertEquals(url, claims.getSubject());
        assertTrue(claims.getJwtId().matches("jwt_[A-Za-z0-9]{28}"), claims.getJwtId());
        String padded = Base64.getUrlEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(d.body()));
        assertEquals(padded, claims.getClaimValue("body"));
        assertEquals(List.of("aud", "body", "exp", "iat", "iss", "jti", "nbf", "sub"),
                List.copyOf(claims.getClaimNames()));
    }

    @Test
    void binaryBodiesArriveByteForByteAndVerifyOverTheirRawBytes() throws Exception {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41, (byte) 0x80, (byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        String url = app.url("/bin");
        Api.call(sim, "POST", "/v2/publish/" + url, binary, "Content-Type", "application/octet-stream");
        Destination.Delivery d = app.next(WAIT);
        assertArrayEquals(binary, d.body());
        verify(d, url, sim.currentSigningKey(), sim.nextSigningKey());
        assertEquals("application/octet-stream", d.header("Content-Type"));
    }

    @Test
    void aDelayedMessageArrivesAfterOneSentLater() throws Exception {
        long published = System.currentTimeMillis();
        Api.publish(sim, app.url("/late"), "late", "Upstash-Delay", "1s");
        Api.publish(sim, app.url("/early"), "early");
        assertEquals("/early", app.next(WAIT).path());
        Destination.Delivery late = app.next(WAIT);
        assertEquals("/late", late.path());
        assertTrue(late.at() - published >= 1000, "delivered after " + (late.at() - published) + " ms");
    }

    @Test
    void failuresAreRetriedThenDeadLetteredAndTheFailureCallbackToldWithTheDlqId() throws Exception {
        try (Destination callbacks = new Destination()) {
            app.reply(d -> new Destination.Reply(500, Map.of(), "boom"));
            String url = app.url("/fails");
            String id = Api.publish(sim, url, "payload", "Upstash-Retries", "2", "Upstash-Failure-Callback",
                    callbacks.url("/failed")).json().get("messageId").asText();

            for (int retried = 0; retried <= 2; retried++) {
                Destination.Delivery d = app.next(WAIT);
                assertEquals(Integer.toString(retried), d.header("Upstash-Retried"));
                assertEquals(id, d.header("Upstash-Message-Id"), "the id stays the same on every retry");
            }
            Destination.Delivery failure = callbacks.next(WAIT);
            app.expectNothing(Duration.ofMillis(200));

            JsonNode dlq = Api.call(sim, "GET", "/v2/dlq", null).json().get("messages");
            assertEquals(1, dlq.size());
            assertEquals(id, dlq.get(0).get("messageId").asText());
            assertEquals(500, dlq.get(0).get("responseStatus").asInt());
            assertEquals("boom", dlq.get(0).get("responseBody").asText());

            JsonNode body = Api.JSON.readTree(failure.body());
            assertEquals(id, body.get("sourceMessageId").asText());
            assertEquals(dlq.get(0).get("dlqId").asText(), body.get("dlqId").asText());
            assertEquals(500, body.get("status").asInt());
            assertEquals(2, body.get("retried").asInt());
            assertEquals(2, body.get("maxRetries").asInt());
            assertEquals("payload", new String(Base64.getDecoder().decode(body.get("sourceBody").asText())));
            // the failure callback is itself a signed QStash message whose subject is the callback URL
            verify(failure, callbacks.url("/failed"), sim.currentSigningKey(), sim.nextSigningKey());
            assertEquals(404, Api.call(sim, "GET", "/v2/messages/" + id, null).status(), "no longer live");
        }
    }

    @Test
    void theCallbackGetsEachAttemptsResponse() throws Exception {
        try (Destination callbacks = new Destination()) {
            app.reply(d -> new Destination.Reply(201, Map.of(), "created it"));
            String id = Api.publish(sim, app.url("/ok"), "x", "Upstash-Callback", callbacks.url("/cb"))
                    .json().get("messageId").asText();
            app.next(WAIT);
            Destination.Delivery callback = callbacks.next(WAIT);
            JsonNode body = Api.JSON.readTree(callback.body());
            assertEquals(201, body.get("status").asInt());
            assertEquals("created it", new String(Base64.getDecoder().decode(body.get("body").asText())));
            assertEquals(id, body.get("sourceMessageId").asText());
            assertEquals("application/json", callback.header("Content-Type"));
            callbacks.expectNothing(Duration.ofMillis(200));
        }
    }

    @Test
    void aRetryAfterFromTheDestinationIsHonoured() throws Exception {
        app.reply(d -> d.header("Upstash-Retried").equals("0")
                ? new Destination.Reply(503, Map.of("Retry-After", "1"), "busy")
                : Destination.Reply.ok());
        Api.publish(sim, app.url("/busy"), "x");
        long first = app.next(WAIT).at();
        long second = app.next(WAIT).at();
        assertTrue(second - first >= 900, "retried after " + (second - first) + " ms, not the 5 ms backoff");
    }

    @Test
    void afterRotationDeliveriesAreSignedWithWhatWasTheNextKey() throws Exception {
        String current = sim.currentSigningKey();
        String next = sim.nextSigningKey();
        sim.rotateSigningKeys();
        assertEquals(next, sim.currentSigningKey());
        String url = app.url("/rotated");
        Api.publish(sim, url, "x");
        Destination.Delivery d = app.next(WAIT);
        assertEquals(SigningKey.NEXT, verify(d, url, current, next).signingKey());
        assertThrows(SignatureVerificationException.class, () -> verify(d, url, current, "sig_unrelated"));
    }

    @Test
    void twoRegionsSignWithTheirOwnKeysAndNameThemselves() throws Exception {
        try (QStashSimulator us = QStashSimulator.builder().region(QStashRegion.US_EAST_1).start()) {
            String url = app.url("/multi");
            Api.publish(us, url, "from us");
            Destination.Delivery fromUs = app.next(WAIT);
            Api.publish(sim, url, "from eu");
            Destination.Delivery fromEu = app.next(WAIT);
            assertEquals("US-EAST-1", fromUs.header("Upstash-Region"));
            assertEquals("EU-CENTRAL-1", fromEu.header("Upstash-Region"));
            verify(fromUs, url, us.currentSigningKey(), us.nextSigningKey());
            verify(fromEu, url, sim.currentSigningKey(), sim.nextSigningKey());
            assertThrows(SignatureVerificationException.class,
                    () -> verify(fromUs, url, sim.currentSigningKey(), sim.nextSigningKey()));
            assertTrue(!us.token().equals(sim.token()) && !us.currentSigningKey().equals(sim.currentSigningKey()));
        }
    }

    @Test
    void urlGroupsFanOutToEveryEndpointWithTheGroupName() throws Exception {
        String body = "{\"endpoints\":[{\"name\":\"a\",\"url\":\"" + app.url("/a") + "\"},{\"url\":\""
                + app.url("/b") + "\"}]}";
        assertEquals(200, Api.call(sim, "POST", "/v2/topics/orders/endpoints", body.getBytes()).status());
        Api.Answer answer = Api.publish(sim, "orders", "fan out");
        assertEquals(2, answer.json().size());
        Destination.Delivery one = app.next(WAIT);
        Destination.Delivery two = app.next(WAIT);
        assertEquals(java.util.Set.of("/a", "/b"), java.util.Set.of(one.path(), two.path()));
        assertEquals("orders", one.header("Upstash-Topic-Name"));
        verify(one, app.url(one.path()), sim.currentSigningKey(), sim.nextSigningKey());
        assertEquals(404, Api.publish(sim, "no-such-group", "x").status());
    }

    @Test
    void aDuplicateWithinTheWindowIsAcceptedWith202AndNotDeliveredAgain() throws Exception {
        Api.Answer first = Api.publish(sim, app.url("/once"), "x", "Upstash-Deduplication-Id", "order-42");
        Api.Answer second = Api.publish(sim, app.url("/once"), "x", "Upstash-Deduplication-Id", "order-42");
        assertEquals(201, first.status());
        assertEquals(202, second.status());
        assertTrue(second.json().get("deduplicated").asBoolean());
        assertEquals(first.json().get("messageId"), second.json().get("messageId"));
        app.next(WAIT);
        app.expectNothing(Duration.ofMillis(300));
        assertEquals(400, Api.publish(sim, app.url("/once"), "x", "Upstash-Deduplication-Id", "a:b").status());
    }

    @Test
    void queuedMessagesAreDeliveredOneAtATimeInOrder() throws Exception {
        for (int i = 0; i < 5; i++) {
            Api.call(sim, "POST", "/v2/enqueue/serial/" + app.url("/q/" + i), ("m" + i).getBytes());
        }
        for (int i = 0; i < 5; i++) {
            assertEquals("/q/" + i, app.next(WAIT).path());
        }
    }

    @Test
    void aDestinationOffTheMachineIsNeverContactedAndEndsInTheDlq() throws Exception {
        String id = Api.publish(sim, "https://example.com/api/hook", "x", "Upstash-Retries", "1").json()
                .get("messageId").asText();
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (Api.call(sim, "GET", "/v2/dlq", null).json().get("messages").isEmpty()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(0, 0), sim.deliveryAttempts().stream().filter(a -> a.messageId().equals(id))
                .map(DeliveryAttempt::status).toList());
        assertEquals(id, Api.call(sim, "GET", "/v2/dlq", null).json().get("messages").get(0).get("messageId")
                .asText());
    }
}
