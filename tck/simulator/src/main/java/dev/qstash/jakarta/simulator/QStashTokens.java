package dev.qstash.jakarta.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Mints {@code Upstash-Signature} tokens with jose4j as QStash does (the official SDK's test vectors,
 * {@code impl/src/test/resources/vectors/signatures.json}, hold real ones): HS256 over the UTF-8 bytes of the key,
 * header {@code {"alg":"HS256","typ":"JWT"}}, claims in alphabetical order: {@code aud ""}, {@code body} = padded
 * base64url SHA-256 of the raw body, {@code exp = iat + 300}, {@code iat}, {@code iss "Upstash"},
 * {@code jti "jwt_" + 28 random characters}, {@code nbf} = Go's zero time as in current tokens, {@code sub} = the URL
 * called. The simulator signs its deliveries with it; tests can change one thing about a token (the MicroProfile JWT
 * TCK's {@code TokenUtils} in spirit).
 */
public final class QStashTokens {

    /** Go's zero time: QStash's current {@code nbf}. */
    public static final long GO_ZERO_TIME = -62135596800L;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private QStashTokens() {
    }

    /** A genuine token for {@code body} delivered to {@code url}, signed with {@code key} now. */
    public static String genuine(String key, String url, byte[] body) {
        return genuine(key, url, body, System.currentTimeMillis() / 1000);
    }

    /**
     * A genuine token for a body whose SHA-256 is {@code bodySha256}, delivered to {@code url}, signed with {@code key}
     * now: for large bodies hashed once and sent several times.
     */
    public static String genuineForDigest(String key, String url, byte[] bodySha256) {
        return signed(key, AlgorithmIdentifiers.HMAC_SHA256, claims -> {
        }, url, bodySha256, System.currentTimeMillis() / 1000);
    }

    /** A genuine token issued at {@code nowSeconds}. */
    public static String genuine(String key, String url, byte[] body, long nowSeconds) {
        return token(key, AlgorithmIdentifiers.HMAC_SHA256, claims -> {
        }, url, body, nowSeconds);
    }

    /** A token issued now, with its claims changed by {@code change} before signing with {@code alg}. */
    public static String token(String key, String alg, Consumer<Map<String, Object>> change, String url,
            byte[] body) {
        return token(key, alg, change, url, body, System.currentTimeMillis() / 1000);
    }

    private static String token(String key, String alg, Consumer<Map<String, Object>> change, String url,
            byte[] body, long now) {
        return signed(key, alg, change, url, sha256(body), now);
    }

    private static String signed(String key, String alg, Consumer<Map<String, Object>> change, String url,
            byte[] bodySha256, long now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "");
        claims.put("body", Base64.getUrlEncoder().encodeToString(bodySha256));
        claims.put("exp", now + 300);
        claims.put("iat", now);
        claims.put("iss", "Upstash");
        claims.put("jti", "jwt_" + random(28));
        claims.put("nbf", GO_ZERO_TIME);
        claims.put("sub", url);
        change.accept(claims);
        JwtClaims jwt = new JwtClaims();
        claims.forEach(jwt::setClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwt.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setHeader("typ", "JWT");
        if (!AlgorithmIdentifiers.NONE.equals(alg)) {
            jws.setKey(new HmacKey(key.getBytes(StandardCharsets.UTF_8)));
            jws.setDoKeyValidation(false);
        } else {
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random letters and digits, as QStash's ids use. */
    public static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    public static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
