package dev.qstash.jakarta.impl.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Mints QStash-style tokens for tests with jose4j, claims as genuine QStash tokens carry them: {@code aud ""},
 * padded base64url body hash, {@code exp = iat + 300}, Go zero-time {@code nbf}.
 */
public final class Tokens {

    public static final String CURRENT = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";
    public static final String NEXT = "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs";
    public static final long GO_ZERO_TIME = -62135596800L;

    private Tokens() {
    }

    /** Claims of a genuine delivery of {@code body} to {@code url}, issued at {@code iat}. */
    public static Map<String, Object> claims(String url, byte[] body, long iat) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", "");
        claims.put("body", paddedHash(body));
        claims.put("exp", iat + 300);
        claims.put("iat", iat);
        claims.put("iss", "Upstash");
        claims.put("jti", "jwt_" + Long.toHexString(System.nanoTime()));
        claims.put("nbf", GO_ZERO_TIME);
        claims.put("sub", url);
        return claims;
    }

    public static String sign(Map<String, Object> claims, String key) {
        JwtClaims jwtClaims = new JwtClaims();
        claims.forEach(jwtClaims::setClaim);
        return sign(jwtClaims.toJson(), key, AlgorithmIdentifiers.HMAC_SHA256);
    }

    public static String sign(String payloadJson, String key, String alg) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payloadJson);
        jws.setAlgorithmHeaderValue(alg);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(key.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with a header written by hand, for headers jose4j will not produce (duplicate members). */
    public static String signRaw(String headerJson, String payloadJson, String key) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String paddedHash(byte[] body) {
        try {
            return Base64.getUrlEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
