package dev.qstash.jakarta.impl.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.qstash.jakarta.QStashDelivery.SigningKey;
import dev.qstash.jakarta.QStashRegion;

/**
 * A token whose signature, header and claims checked out: everything but the body, which is checked against it with
 * {@link #requireBody(byte[])} once it has been read. Splitting the two lets a receiver refuse a forged or expired
 * token before it reads a byte of the body.
 */
public final class VerifiedToken {

    private final Map<String, Object> claims;
    private final SigningKey signingKey;
    private final Optional<QStashRegion> keysRegion;
    private final byte[] bodyClaim;

    VerifiedToken(Map<String, Object> claims, SigningKey signingKey, Optional<QStashRegion> keysRegion,
            byte[] bodyClaim) {
        this.claims = claims;
        this.signingKey = signingKey;
        this.keysRegion = keysRegion;
        this.bodyClaim = bodyClaim;
    }

    /** Every claim of the token, unmodifiable. */
    public Map<String, Object> claims() {
        return claims;
    }

    /** Which key of the pair matched. */
    public SigningKey signingKey() {
        return signingKey;
    }

    /** The region whose keys matched, or empty for the default (or explicit) keys. */
    public Optional<QStashRegion> keysRegion() {
        return keysRegion;
    }

    VerifiedToken withKeysRegion(QStashRegion region) {
        return new VerifiedToken(claims, signingKey, Optional.of(region), bodyClaim);
    }

    /**
     * Checks the body: its SHA-256 must be the token's {@code body} claim (base64url, trailing {@code =} ignored on
     * both sides), compared in constant time.
     *
     * @param sha256 the SHA-256 digest of the raw request bytes
     * @throws SignatureVerificationException the body is not the one QStash signed
     */
    public void requireBody(byte[] sha256) throws SignatureVerificationException {
        Objects.requireNonNull(sha256, "sha256");
        if (!MessageDigest.isEqual(bodyClaim, Base64.getUrlEncoder().withoutPadding().encode(sha256))) {
            throw new SignatureVerificationException(RejectionReason.BODY_MISMATCH,
                    "body hash does not match the body claim");
        }
    }

    /** The {@code body} claim without its padding, as ASCII bytes. */
    static byte[] bodyClaim(String claim) {
        int end = claim.length();
        while (end > 0 && claim.charAt(end - 1) == '=') {
            end--;
        }
        return claim.substring(0, end).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "VerifiedToken[jti=" + claims.get("jti") + ", key=" + signingKey + "]";
    }
}
