package dev.qstash.jakarta.tck.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Signs deliveries as QStash does (shared/qstash-protocol.md §4.1): HS256 over the UTF-8 bytes of the current signing
 * key, header {@code {"alg":"HS256","typ":"JWT"}}, claims in alphabetical order: {@code aud ""}, {@code body} = padded
 * base64url SHA-256 of the raw body, {@code exp = iat + 300}, {@code iat}, {@code iss "Upstash"},
 * {@code jti "jwt_" + 28 random characters}, {@code nbf} = Go's zero time as in current tokens, {@code sub} = the URL
 * called.
 */
final class Signer {

    static final long GO_ZERO_TIME = -62135596800L;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signer() {
    }

    static String sign(String key, String url, byte[] body, long nowSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("aud", "");
        claims.setClaim("body", Base64.getUrlEncoder().encodeToString(sha256(body)));
        claims.setClaim("exp", nowSeconds + 300);
        claims.setClaim("iat", nowSeconds);
        claims.setClaim("iss", "Upstash");
        claims.setClaim("jti", "jwt_" + random(28));
        claims.setClaim("nbf", GO_ZERO_TIME);
        claims.setClaim("sub", url);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(key.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random letters and digits, as QStash's ids use. */
    static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
