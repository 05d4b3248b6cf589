package dev.qstash.jakarta.impl.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.qstash.jakarta.QStashDelivery.SigningKey;

/**
 * Verifies an {@code Upstash-Signature} token against a body: plain Java, no container, the clock injected. In two
 * steps, so that a receiver refuses a token that fails on its own before it reads the body:
 * {@link #verifyToken(String, String, SigningKeys)} checks everything but the body hash and returns a
 * {@link VerifiedToken}, whose {@link VerifiedToken#requireBody(byte[])} then takes the body's SHA-256, computed while
 * the body was read. {@link #verify(String, byte[], String, SigningKeys)} does both for a body in memory.
 *
 * <p>
 * What is checked, in order (the exception names the first check that failed):
 * <ol>
 * <li>the token is a compact JWS of three canonical, unpadded base64url segments;</li>
 * <li>its header is a JSON object without duplicate members, {@code alg} is {@code HS256} and there is no
 * {@code crit} (no extension is understood);</li>
 * <li>its MAC matches the current key or else the next key (HMAC-SHA256, key = the UTF-8 bytes of the key
 * string, compared in constant time);</li>
 * <li>its payload is a JSON object without duplicate members;</li>
 * <li>{@code iss} is {@code "Upstash"};</li>
 * <li>{@code exp} is present and a number, and the token has not expired: it is rejected when
 * {@code exp <= now - tolerance}, so a token expires <em>at</em> {@code exp};</li>
 * <li>{@code nbf}, if present, is a number not after {@code now + tolerance} (Go's zero time {@code -62135596800},
 * which QStash sends today, passes);</li>
 * <li>{@code iat}, if present, is a number (its value is not compared with the clock);</li>
 * <li>when an expected URL is given, {@code sub} equals it exactly, with no normalisation;</li>
 * <li>{@code body} is a string;</li>
 * <li>and, in the second step, {@code body} equals the base64url SHA-256 of the <em>raw request bytes</em>, trailing
 * {@code =} removed from both sides, compared in constant time.</li>
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
 * <li>Duplicate JSON member names in the header or payload are rejected (Jackson's strict mode).</li>
 * <li>The current key and the next key are each tried for the MAC only; the claims are checked once, against the
 * token whose MAC matched. The SDK re-runs the whole check with the next key and reports the next key's error, so an
 * expired token reads "signature verification failed"; here it reads "token expired". Verdicts are the same.</li>
 * </ul>
 * <p>
 * <b>How it is built.</b> The cryptography is the JDK's: HMAC-SHA256 through {@link SigningKeys} (a {@code Mac}
 * keyed once and cloned per request), SHA-256, base64url and the constant-time {@link MessageDigest#isEqual}. JSON is
 * Jackson's. The token's compact form is split here, and QStash's own header, {@code {"alg":"HS256","typ":"JWT"}},
 * is recognised by its exact encoding without parsing; any other header is parsed and checked. jose4j's
 * {@code JsonWebSignature} did the same work before at about four times the cost at 1 KiB (its header parse allocates
 * a 16 KiB buffer per token), and its {@code HmacUsingShaAlgorithm}, which looks up and keys a {@code Mac} per call,
 * would put a next-key verification above four times the JDK floor; the measurements are in the README's benchmark
 * section.
 *
 * <p>
 * Key selection, including the SDK's {@code QSTASH_DEV} switch (ignored here) and its silent use of environment keys
 * when explicit keys are incomplete (refused here), is {@link QStashReceiver}'s business.
 */
public final class QStashSignatureVerifier {

    static final String ISSUER = "Upstash";

    /** The base64url of {@code {"alg":"HS256","typ":"JWT"}}, the header of every token QStash signs. */
    private static final String QSTASH_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    /**
     * The JSON parser for the header and claims: Jackson, strict (duplicate members, trailing content and malformed
     * UTF-8 are errors), integers as {@code Long}.
     */
    private static final ObjectReader JSON_OBJECT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(new TypeReference<Map<String, Object>>() {
            });

    private static final MessageDigest SHA256 = sha256Prototype();
    private static final byte[] BASE64URL = base64UrlValues();

    private final Clock clock;
    private final long clockToleranceSeconds;

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
     * Verifies a token and a body in memory: {@link #verifyToken} and then {@link VerifiedToken#requireBody}.
     *
     * @param token the {@code Upstash-Signature} header value
     * @param body the raw request body
     * @param expectedSubject the URL {@code sub} must equal, or {@code null} not to check it
     * @param keys the key pair to verify with
     */
    public VerifiedToken verify(String token, byte[] body, String expectedSubject, SigningKeys keys)
            throws SignatureVerificationException {
        Objects.requireNonNull(body, "body");
        VerifiedToken verified = verifyToken(token, expectedSubject, keys);
        verified.requireBody(sha256(body));
        return verified;
    }

    /**
     * Verifies everything about a token that does not need the body: its form, header, signature and claims, and
     * that it has a {@code body} claim.
     *
     * @param token the {@code Upstash-Signature} header value
     * @param expectedSubject the URL {@code sub} must equal, or {@code null} not to check it
     * @param keys the key pair to verify with
     * @return the verified token, whose body is still to be checked
     */
    public VerifiedToken verifyToken(String token, String expectedSubject, SigningKeys keys)
            throws SignatureVerificationException {
        Objects.requireNonNull(keys, "keys");
        if (token == null || token.isEmpty()) {
            throw new SignatureVerificationException(RejectionReason.MISSING_SIGNATURE, "no Upstash-Signature token");
        }
        byte[] ascii = token.getBytes(StandardCharsets.US_ASCII); // anything else becomes '?', refused below
        requireCanonicalSegments(ascii);
        int headerEnd = token.indexOf('.');
        int payloadEnd = token.lastIndexOf('.');

        if (headerEnd != QSTASH_HEADER.length() || !token.startsWith(QSTASH_HEADER)) {
            checkHeader(parse(ascii, 0, headerEnd, "header"));
        }
        SigningKey matched = keys.match(ascii, payloadEnd, toArray(decode(ascii, payloadEnd + 1, ascii.length)));
        if (matched == null) {
            throw new SignatureVerificationException(RejectionReason.SIGNATURE_MISMATCH,
                    "signature matches neither the current nor the next key of " + keys.source());
        }
        Map<String, Object> claims = parse(ascii, headerEnd + 1, payloadEnd, "payload");
        byte[] bodyClaim = checkClaims(claims, expectedSubject);
        return new VerifiedToken(Collections.unmodifiableMap(claims), matched, Optional.empty(), bodyClaim);
    }

    private static void checkHeader(Map<String, Object> header) throws SignatureVerificationException {
        Object alg = header.get("alg");
        if (!"HS256".equals(alg)) {
            throw new SignatureVerificationException("alg is " + quoted(alg) + ", only HS256 is accepted");
        }
        if (header.containsKey("crit")) {
            throw new SignatureVerificationException("header has crit " + header.get("crit")
                    + ", and no JWS extension is understood");
        }
    }

    /** The claims' checks, in the documented order; returns the body claim, unpadded, for the second step. */
    private byte[] checkClaims(Map<String, Object> claims, String expectedSubject)
            throws SignatureVerificationException {
        Object iss = claims.get("iss");
        if (!ISSUER.equals(iss)) {
            throw new SignatureVerificationException(RejectionReason.WRONG_ISSUER,
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
            throw new SignatureVerificationException(RejectionReason.EXPIRED,
                    "token expired: exp " + exp + " is not after now " + (long) now + " (tolerance "
                            + clockToleranceSeconds + " s)");
        }
        Object nbf = claims.get("nbf");
        if (nbf != null) {
            if (!(nbf instanceof Number notBefore)) {
                throw new SignatureVerificationException("nbf claim is not a number");
            }
            if (notBefore.doubleValue() > now + clockToleranceSeconds) {
                throw new SignatureVerificationException(RejectionReason.EXPIRED,
                        "token not valid yet: nbf " + nbf + " is after now "
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
                throw new SignatureVerificationException(RejectionReason.URL_MISMATCH, sub == null
                        ? "sub claim is missing"
                        : "sub claim " + quoted(sub) + " is not the request URL " + quoted(expectedSubject));
            }
        }

        Object bodyClaim = claims.get("body");
        if (!(bodyClaim instanceof String claimed)) {
            throw new SignatureVerificationException(
                    bodyClaim == null ? "body claim is missing" : "body claim is not a string");
        }
        return VerifiedToken.bodyClaim(claimed);
    }

    /** SHA-256 of {@code body}. */
    static byte[] sha256(byte[] body) {
        return sha256().digest(body);
    }

    /** A new SHA-256 digest: a clone of one looked up once, which spares the provider lookup per request. */
    public static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 stopped being cloneable", e);
        }
    }

    private static MessageDigest sha256Prototype() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.clone(); // fails here, at class initialisation, if this JDK's digest cannot be cloned
            return digest;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK has no cloneable SHA-256", e);
        }
    }

    private static Map<String, Object> parse(byte[] ascii, int start, int end, String what)
            throws SignatureVerificationException {
        try {
            ByteBuffer json = decode(ascii, start, end);
            Map<String, Object> value = JSON_OBJECT.readValue(json.array(), json.arrayOffset() + json.position(),
                    json.remaining());
            if (value == null) {
                throw new SignatureVerificationException(what + " is not a JSON object");
            }
            return value;
        } catch (IOException e) {
            throw new SignatureVerificationException(what + " is not a JSON object without duplicate members");
        }
    }

    /** Decodes a segment already checked by {@link #requireCanonicalSegments}. */
    private static ByteBuffer decode(byte[] ascii, int start, int end) {
        return Base64.getUrlDecoder().decode(ByteBuffer.wrap(ascii, start, end - start));
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * RFC 7515 segments: base64url alphabet, no padding, and canonical (unused low bits of the last character zero),
     * so that exactly one string encodes each token.
     */
    private static void requireCanonicalSegments(byte[] token) throws SignatureVerificationException {
        int segments = 1;
        int start = 0;
        for (int i = 0; i <= token.length; i++) {
            if (i == token.length || token[i] == '.') {
                requireCanonical(token, start, i);
                if (i < token.length) {
                    segments++;
                }
                start = i + 1;
            }
        }
        if (segments != 3) {
            throw new SignatureVerificationException("token has " + segments + " segments, a JWS has 3");
        }
    }

    private static void requireCanonical(byte[] token, int start, int end) throws SignatureVerificationException {
        int length = end - start;
        if (length % 4 == 1) {
            throw new SignatureVerificationException("token segment has an impossible base64url length");
        }
        int lastValue = 0;
        for (int i = start; i < end; i++) {
            lastValue = BASE64URL[token[i] & 0xff];
            if (lastValue < 0) {
                throw new SignatureVerificationException("token segment is not unpadded base64url");
            }
        }
        int unusedBits = length % 4 == 2 ? 4 : length % 4 == 3 ? 2 : 0;
        if ((lastValue & ((1 << unusedBits) - 1)) != 0) {
            throw new SignatureVerificationException("token segment is not canonical base64url");
        }
    }

    /** The value of each byte as a base64url digit, or -1. */
    private static byte[] base64UrlValues() {
        byte[] values = new byte[256];
        Arrays.fill(values, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            values[alphabet.charAt(i)] = (byte) i;
        }
        return values;
    }

    private static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
