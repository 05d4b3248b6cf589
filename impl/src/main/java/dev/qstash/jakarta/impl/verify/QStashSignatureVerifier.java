package dev.qstash.jakarta.impl.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.qstash.jakarta.QStashDelivery.SigningKey;

/**
 * Verifies an {@code Upstash-Signature} token against a body: plain Java, no container, the clock injected.
 *
 * <p>
 * What is checked, in order (the exception names the first check that failed):
 * <ol>
 * <li>the token is a compact JWS of three canonical, unpadded base64url segments;</li>
 * <li>its header is JSON without duplicate members, {@code alg} is {@code HS256} and any {@code crit} is understood
 * (none is);</li>
 * <li>its MAC matches the current key or else the next key (HMAC-SHA256, key = the UTF-8 bytes of the key
 * string);</li>
 * <li>its payload is a JSON object without duplicate members;</li>
 * <li>{@code iss} is {@code "Upstash"};</li>
 * <li>{@code exp} is present and a number, and the token has not expired: it is rejected when
 * {@code exp <= now - tolerance}, so a token expires <em>at</em> {@code exp};</li>
 * <li>{@code nbf}, if present, is a number not after {@code now + tolerance} (Go's zero time {@code -62135596800},
 * which QStash sends today, passes);</li>
 * <li>{@code iat}, if present, is a number (its value is not compared with the clock);</li>
 * <li>when an expected URL is given, {@code sub} equals it exactly, with no normalisation;</li>
 * <li>{@code body} is a string equal to the base64url SHA-256 of the <em>raw request bytes</em>, trailing {@code =}
 * removed from both sides, compared in constant time.</li>
 * </ol>
 * {@code aud} ({@code ""} in genuine tokens) and {@code jti} are not checked.
 *
 * <p>
 * <b>Decisions where we differ from the official TypeScript SDK 2.12.0</b> (each one rejects a token QStash would
 * never issue, or accepts a genuine delivery the SDK mishandles; no genuine QStash token changes verdict):
 * <ul>
 * <li>Only {@code HS256} is accepted; the SDK also takes HS384 and HS512. QStash signs HS256.</li>
 * <li>{@code exp} is required; the SDK lets a signed token without {@code exp} live for ever.</li>
 * <li>The body hash is computed over the raw bytes; the SDK hashes the body decoded as UTF-8 text, which rejects
 * genuine binary bodies and bodies starting with a byte-order mark, and accepts a hash of the lossy text.</li>
 * <li>Token segments must be canonical unpadded base64url (RFC 7515); Node's decoder also takes padding and the
 * standard alphabet.</li>
 * <li>Duplicate JSON member names in the header or payload are rejected (jose4j's parser refuses them in the
 * header, Jackson's strict mode in the payload).</li>
 * <li>The current key and the next key are each tried for the MAC only; the claims are checked once, against the
 * token whose MAC matched. The SDK re-runs the whole check with the next key and reports the next key's error, so an
 * expired token reads "signature verification failed"; here it reads "token expired". Verdicts are the same.</li>
 * </ul>
 * Key selection, including the SDK's {@code QSTASH_DEV} switch (ignored here) and its silent use of environment keys
 * when explicit keys are incomplete (refused here), is {@link QStashReceiver}'s business.
 */
public final class QStashSignatureVerifier {

    static final String ISSUER = "Upstash";

    /**
     * The claims parser: Jackson, strict (duplicate members, trailing content and malformed UTF-8 are errors),
     * integers as {@code Long} as jose4j gives them. jose4j still parses the header; its JSON parser allocates a
     * 16 KiB buffer per document, which made the second parse a fifth of a verification's time.
     */
    private static final ObjectReader CLAIMS = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(new TypeReference<Map<String, Object>>() {
            });

    private final Clock clock;
    private final long clockToleranceSeconds;
    private final AlgorithmConstraints hs256Only = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256);

    /**
     * @param clock the time source; {@link Clock#systemUTC()} in production
     * @param clockToleranceSeconds skew allowed on {@code exp} and {@code nbf}, zero or more
     */
    public QStashSignatureVerifier(Clock clock, long clockToleranceSeconds) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (clockToleranceSeconds < 0) {
            throw new IllegalArgumentException("clock tolerance must not be negative, got " + clockToleranceSeconds);
        }
        this.clockToleranceSeconds = clockToleranceSeconds;
    }

    /**
     * @param token the {@code Upstash-Signature} header value
     * @param body the raw request body
     * @param expectedSubject the URL {@code sub} must equal, or {@code null} not to check it
     * @param keys the key pair to verify with
     */
    public VerifiedToken verify(String token, byte[] body, String expectedSubject, SigningKeys keys)
            throws SignatureVerificationException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(keys, "keys");
        if (token == null || token.isEmpty()) {
            throw new SignatureVerificationException("no Upstash-Signature token");
        }
        requireCanonicalSegments(token);

        JsonWebSignature jws = new JsonWebSignature();
        SigningKey matched;
        try {
            jws.setCompactSerialization(token);
            String alg = jws.getAlgorithmHeaderValue();
            if (!AlgorithmIdentifiers.HMAC_SHA256.equals(alg)) {
                throw new SignatureVerificationException("alg is " + quoted(alg) + ", only HS256 is accepted");
            }
            jws.setAlgorithmConstraints(hs256Only);
            jws.setDoKeyValidation(false); // QStash keys are what they are; their length is not ours to police
            jws.setKey(keys.current());
            if (jws.verifySignature()) {
                matched = SigningKey.CURRENT;
            } else {
                jws.setKey(keys.next());
                if (jws.verifySignature()) {
                    matched = SigningKey.NEXT;
                } else {
                    throw new SignatureVerificationException(
                            "signature matches neither the current nor the next key of "
                                    + keys.source());
                }
            }
        } catch (JoseException e) {
            throw new SignatureVerificationException("malformed token: " + e.getMessage());
        }

        Map<String, Object> values;
        try {
            values = CLAIMS.readValue(jws.getUnverifiedPayloadBytes());
        } catch (IOException e) {
            throw new SignatureVerificationException("payload is not a JSON object without duplicate members");
        }
        checkClaims(values, body, expectedSubject);
        return new VerifiedToken(Collections.unmodifiableMap(values), matched, Optional.empty());
    }

    private void checkClaims(Map<String, Object> claims, byte[] body, String expectedSubject)
            throws SignatureVerificationException {
        Object iss = claims.get("iss");
        if (!ISSUER.equals(iss)) {
            throw new SignatureVerificationException(
                    iss == null ? "iss claim is missing" : "iss claim is " + quoted(iss) + ", expected \"Upstash\"");
        }

        double now = Math.floorDiv(clock.millis(), 1000L);
        Object exp = claims.get("exp");
        if (exp == null) {
            throw new SignatureVerificationException("exp claim is missing");
        }
        if (!(exp instanceof Number expiry)) {
            throw new SignatureVerificationException("exp claim is not a number");
        }
        if (expiry.doubleValue() <= now - clockToleranceSeconds) {
            throw new SignatureVerificationException(
                    "token expired: exp " + exp + " is not after now " + (long) now + " (tolerance "
                            + clockToleranceSeconds + " s)");
        }
        Object nbf = claims.get("nbf");
        if (nbf != null) {
            if (!(nbf instanceof Number notBefore)) {
                throw new SignatureVerificationException("nbf claim is not a number");
            }
            if (notBefore.doubleValue() > now + clockToleranceSeconds) {
                throw new SignatureVerificationException("token not valid yet: nbf " + nbf + " is after now "
                        + (long) now + " (tolerance " + clockToleranceSeconds + " s)");
            }
        }
        Object iat = claims.get("iat");
        if (iat != null && !(iat instanceof Number)) {
            throw new SignatureVerificationException("iat claim is not a number");
        }

        if (expectedSubject != null) {
            Object sub = claims.get("sub");
            if (!expectedSubject.equals(sub)) {
                throw new SignatureVerificationException(sub == null
                        ? "sub claim is missing"
                        : "sub claim " + quoted(sub) + " is not the request URL " + quoted(expectedSubject));
            }
        }

        Object bodyClaim = claims.get("body");
        if (!(bodyClaim instanceof String claimed)) {
            throw new SignatureVerificationException(
                    bodyClaim == null ? "body claim is missing" : "body claim is not a string");
        }
        if (!MessageDigest.isEqual(stripPadding(claimed).getBytes(StandardCharsets.US_ASCII), bodyHash(body))) {
            throw new SignatureVerificationException("body hash does not match the body claim");
        }
    }

    /** Unpadded base64url of SHA-256(body), as ASCII bytes. */
    static byte[] bodyHash(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encode(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String stripPadding(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '=') {
            end--;
        }
        return value.substring(0, end);
    }

    /**
     * RFC 7515 segments: base64url alphabet, no padding, and canonical (unused low bits of the last character zero),
     * so that exactly one string encodes each token.
     */
    private static void requireCanonicalSegments(String token) throws SignatureVerificationException {
        int segments = 1;
        int start = 0;
        for (int i = 0; i <= token.length(); i++) {
            if (i == token.length() || token.charAt(i) == '.') {
                requireCanonical(token, start, i);
                if (i < token.length()) {
                    segments++;
                }
                start = i + 1;
            }
        }
        if (segments != 3) {
            throw new SignatureVerificationException("token has " + segments + " segments, a JWS has 3");
        }
    }

    private static void requireCanonical(String token, int start, int end) throws SignatureVerificationException {
        int length = end - start;
        if (length % 4 == 1) {
            throw new SignatureVerificationException("token segment has an impossible base64url length");
        }
        int lastValue = 0;
        for (int i = start; i < end; i++) {
            lastValue = base64UrlValue(token.charAt(i));
            if (lastValue < 0) {
                throw new SignatureVerificationException("token segment is not unpadded base64url");
            }
        }
        int unusedBits = length % 4 == 2 ? 4 : length % 4 == 3 ? 2 : 0;
        if ((lastValue & ((1 << unusedBits) - 1)) != 0) {
            throw new SignatureVerificationException("token segment is not canonical base64url");
        }
    }

    private static int base64UrlValue(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    private static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
