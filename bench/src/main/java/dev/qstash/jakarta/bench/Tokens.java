package dev.qstash.jakarta.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Genuine QStash tokens for the benchmarks: the header and claims QStash sends (aud {@code ""}, body = base64url
 * SHA-256 of the raw body, exp, iat, iss {@code Upstash}, jti, nbf = Go's zero time, sub = the URL called), HS256 over
 * the UTF-8 bytes of the key, minted with jose4j.
 */
public final class Tokens {

    private Tokens() {
    }

    /** A token for {@code body} delivered to {@code url}, signed with {@code key}, valid until {@code expiresAt}. */
    public static String genuine(String key, String url, byte[] body, long issuedAt, long expiresAt)
            throws JoseException, NoSuchAlgorithmException {
        JwtClaims claims = new JwtClaims();
        claims.setAudience("");
        claims.setClaim("body", Base64.getUrlEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(body)));
        claims.setClaim("exp", expiresAt);
        claims.setClaim("iat", issuedAt);
        claims.setIssuer("Upstash");
        claims.setJwtId("jwt_benchbenchbenchbenchbenchbe");
        claims.setClaim("nbf", -62_135_596_800L);
        claims.setSubject(url);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(key.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }
}
