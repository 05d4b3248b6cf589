package dev.qstash.jakarta.impl.verify;

import static dev.qstash.jakarta.impl.testing.Tokens.CURRENT;
import static dev.qstash.jakarta.impl.testing.Tokens.NEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import dev.qstash.jakarta.QStashDelivery.SigningKey;
import dev.qstash.jakarta.impl.testing.Tokens;

class QStashSignatureVerifierTest {

    private static final long NOW = 1_790_000_000L;
    private static final String URL = "https://app.example.com/api/receive";
    private static final byte[] BODY = "{\"orderId\":42}".getBytes(StandardCharsets.UTF_8);

    private final SigningKeys keys = SigningKeys.of(CURRENT, NEXT, "test keys");
    private final QStashSignatureVerifier verifier = new QStashSignatureVerifier(
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), 0);

    private static String token(Consumer<Map<String, Object>> change, String key) {
        Map<String, Object> claims = Tokens.claims(URL, BODY, NOW - 10);
        change.accept(claims);
        return Tokens.sign(claims, key);
    }

    private String rejection(String token, byte[] body, String url) {
        return assertThrows(SignatureVerificationException.class, () -> verifier.verify(token, body, url, keys))
                .getMessage();
    }

    @Test
    void genuineTokenVerifiesWithTheCurrentKey() throws Exception {
        VerifiedToken verified = verifier.verify(token(c -> {
        }, CURRENT), BODY, URL, keys);
        assertEquals(SigningKey.CURRENT, verified.signingKey());
        assertEquals(URL, verified.claims().get("sub"));
        assertEquals("", verified.claims().get("aud"));
    }

    @Test
    void afterRotationTheNextKeyVerifiesAndIsReported() throws Exception {
        assertEquals(SigningKey.NEXT, verifier.verify(token(c -> {
        }, NEXT), BODY, URL, keys).signingKey());
    }

    @Test
    void goZeroTimeNotBeforeIsAccepted() throws Exception {
        verifier.verify(token(c -> c.put("nbf", Tokens.GO_ZERO_TIME), CURRENT), BODY, null, keys);
    }

    @Test
    void eachRejectionNamesTheCheckThatFailed() {
        assertTrue(rejection(token(c -> {
        }, "sig_someOtherKeyEntirely0000000"), BODY, URL).contains("neither the current nor the next key"));
        assertTrue(rejection(token(c -> c.put("exp", NOW), CURRENT), BODY, URL).startsWith("token expired"));
        assertTrue(rejection(token(c -> c.remove("exp"), CURRENT), BODY, URL).equals("exp claim is missing"));
        assertTrue(rejection(token(c -> c.put("nbf", NOW + 1), CURRENT), BODY, URL).startsWith("token not valid yet"));
        assertTrue(rejection(token(c -> c.put("iss", "Upstash "), CURRENT), BODY, URL).startsWith("iss claim is"));
        assertTrue(rejection(token(c -> c.put("iat", "yesterday"), CURRENT), BODY, URL).contains("iat"));
        assertTrue(rejection(token(c -> {
        }, CURRENT), BODY, URL + "/").startsWith("sub claim"));
        assertTrue(rejection(token(c -> {
        }, CURRENT), "{\"orderId\":43}".getBytes(StandardCharsets.UTF_8), URL).startsWith("body hash"));
        assertTrue(rejection(token(c -> c.put("body", 42), CURRENT), BODY, URL).equals("body claim is not a string"));
        assertTrue(rejection(null, BODY, URL).contains("no Upstash-Signature"));
    }

    @Test
    void aTokenExpiresAtExpButAFractionalExpIsComparedExactly() throws Exception {
        rejection(token(c -> c.put("exp", NOW), CURRENT), BODY, URL);
        verifier.verify(token(c -> c.put("exp", NOW + 0.5), CURRENT), BODY, URL, keys);
        new QStashSignatureVerifier(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), 30)
                .verify(token(c -> c.put("exp", NOW - 29), CURRENT), BODY, URL, keys);
    }

    @Test
    void onlyHs256IsAccepted() {
        String payload = "{\"iss\":\"Upstash\",\"exp\":" + (NOW + 60) + ",\"body\":\"" + Tokens.paddedHash(BODY)
                + "\"}";
        assertTrue(rejection(Tokens.sign(payload, CURRENT, AlgorithmIdentifiers.HMAC_SHA512), BODY, null)
                .contains("only HS256"));
        assertTrue(rejection(Tokens.sign(payload, CURRENT, AlgorithmIdentifiers.HMAC_SHA384), BODY, null)
                .contains("only HS256"));
    }

    @Test
    void duplicateMembersAreRejectedInPayloadAndHeader() {
        String duplicateClaim = "{\"iss\":\"Evil\",\"iss\":\"Upstash\",\"exp\":" + (NOW + 60) + ",\"body\":\""
                + Tokens.paddedHash(BODY) + "\"}";
        assertTrue(rejection(Tokens.signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", duplicateClaim, CURRENT), BODY,
                null).startsWith("payload"));
        String claims = "{\"iss\":\"Upstash\",\"exp\":" + (NOW + 60) + ",\"body\":\"" + Tokens.paddedHash(BODY) + "\"}";
        assertTrue(rejection(Tokens.signRaw("{\"alg\":\"none\",\"alg\":\"HS256\"}", claims, CURRENT), BODY, null)
                .startsWith("header is not a JSON object without duplicate members"));
        // the same token without the duplicate passes, so the rejection above is about the duplicate
        assertTrue(assertDoesNotThrow(Tokens.signRaw("{\"alg\":\"HS256\"}", claims, CURRENT)));
    }

    @Test
    void aHeaderOtherThanQStashOwnIsParsedAndChecked() {
        String claims = "{\"iss\":\"Upstash\",\"exp\":" + (NOW + 60) + ",\"body\":\"" + Tokens.paddedHash(BODY) + "\"}";
        assertTrue(assertDoesNotThrow(Tokens.signRaw("{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"k\"}", claims,
                CURRENT)));
        assertEquals("header has crit [b64], and no JWS extension is understood", rejection(Tokens.signRaw(
                "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", claims, CURRENT), BODY, null));
        assertEquals("header is not a JSON object", rejection(Tokens.signRaw("null", claims, CURRENT), BODY, null));
        assertTrue(rejection(Tokens.signRaw("[\"HS256\"]", claims, CURRENT), BODY, null).startsWith("header is not"));
        assertEquals("alg is 256, only HS256 is accepted",
                rejection(Tokens.signRaw("{\"alg\":256}", claims, CURRENT), BODY, null));
    }

    @Test
    void theTokenIsCheckedBeforeTheBodyAndTheBodyAfter() throws Exception {
        String token = Tokens.sign(Tokens.claims(URL, BODY, NOW), CURRENT);
        VerifiedToken verified = verifier.verifyToken(token, URL, keys);
        assertEquals(SigningKey.CURRENT, verified.signingKey());
        verified.requireBody(java.security.MessageDigest.getInstance("SHA-256").digest(BODY));
        byte[] other = java.security.MessageDigest.getInstance("SHA-256").digest("other".getBytes());
        assertEquals("body hash does not match the body claim",
                assertThrows(SignatureVerificationException.class, () -> verified.requireBody(other)).getMessage());
        String noBody = Tokens.sign(Map.of("iss", "Upstash", "exp", NOW + 60), CURRENT);
        assertEquals("body claim is missing", assertThrows(SignatureVerificationException.class,
                () -> verifier.verifyToken(noBody, null, keys)).getMessage());
    }

    @Test
    void aPayloadMustBeOneJsonObjectAndNothingElse() {
        String claims = "{\"iss\":\"Upstash\",\"exp\":" + (NOW + 60) + ",\"body\":\"" + Tokens.paddedHash(BODY)
                + "\"}";
        String header = "{\"alg\":\"HS256\"}";
        for (String payload : new String[]{claims + " {}", "[" + claims + "]", "\"" + claims + "\"", claims + ","}) {
            assertTrue(rejection(Tokens.signRaw(header, payload, CURRENT), BODY, null).startsWith("payload"),
                    payload);
        }
        assertTrue(assertDoesNotThrow(Tokens.signRaw(header, " " + claims + "\n", CURRENT)), "whitespace is fine");
    }

    private boolean assertDoesNotThrow(String token) {
        try {
            verifier.verify(token, BODY, null, keys);
            return true;
        } catch (SignatureVerificationException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    @Test
    void segmentsMustBeCanonicalUnpaddedBase64Url() {
        String token = token(c -> {
        }, CURRENT);
        assertTrue(rejection(token + "=", BODY, URL).contains("base64url"));
        assertTrue(rejection("+" + token.substring(1), BODY, URL).contains("not unpadded base64url"));
        assertTrue(rejection(token + ".AA", BODY, URL).contains("4 segments"));
        // the last character of the 43-character MAC carries 2 unused bits: flipping them changes nothing decoded
        String mac = token.substring(token.lastIndexOf('.') + 1);
        char last = mac.charAt(mac.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertTrue(rejection(token.substring(0, token.length() - 1) + sibling, BODY, URL).contains("canonical"));
    }

    @Test
    void messagesNeverContainKeysOrTheToken() {
        String token = token(c -> c.put("exp", NOW - 1), CURRENT);
        String message = rejection(token, BODY, URL);
        assertFalse(message.contains(CURRENT) || message.contains(NEXT) || message.contains(token), message);
        assertFalse(keys.toString().contains(CURRENT) || keys.toString().contains(NEXT));
    }

    @Test
    void incompleteKeyPairsAndNegativeToleranceAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.of(CURRENT, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.of("", NEXT, "x"));
        assertThrows(IllegalArgumentException.class, () -> new QStashSignatureVerifier(Clock.systemUTC(), -1));
    }
}
