package dev.qstash.jakarta.tck.util;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * Mints {@code Upstash-Signature} tokens with jose4j, as QStash does, and lets a test change one thing about them (the
 * MicroProfile JWT TCK's {@code TokenUtils} in spirit).
 */
public final class QStashTokens {

    /** Go's zero time: QStash's current {@code nbf}. */
    public static final long GO_ZERO_TIME = -62135596800L;

    private QStashTokens() {
    }

    /** A genuine token for {@code body} delivered to {@code url}, signed with {@code key}. */
    public static String genuine(String key, String url, byte[] body) {
        return token(key, AlgorithmIdentifiers.HMAC_SHA256, claims -> {
        }, url, body);
    }

    /** A token with its claims changed by {@code change} before signing with {@code alg}. */
    public static String token(String key, String alg, Consumer<Map<String, Object>> change, String url,
            byte[] body) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "");
        claims.put("body", Base64.getUrlEncoder().encodeToString(sha256(body)));
        claims.put("exp", now + 300);
        claims.put("iat", now);
        claims.put("iss", "Upstash");
        claims.put("jti", "jwt_" + Long.toString(System.nanoTime(), 36));
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

    public static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
