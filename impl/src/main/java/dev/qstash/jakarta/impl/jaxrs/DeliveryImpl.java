package dev.qstash.jakarta.impl.jaxrs;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import dev.qstash.jakarta.QStashDelivery;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.verify.VerifiedToken;

/** A verified delivery: the token's claims plus the QStash headers sent beside it. */
public record DeliveryImpl(VerifiedToken token, String messageId, int retried, Optional<QStashRegion> region,
        Optional<String> scheduleId, Optional<String> urlGroup, boolean seenBefore) implements QStashDelivery {

    static DeliveryImpl of(VerifiedToken token, MultivaluedMap<String, String> headers) {
        return new DeliveryImpl(token,
                Optional.ofNullable(headers.getFirst("Upstash-Message-Id")).orElse(""),
                retried(headers.getFirst("Upstash-Retried")),
                QStashRegion.parse(headers.getFirst("Upstash-Region")),
                Optional.ofNullable(headers.getFirst("Upstash-Schedule-Id")).filter(s -> !s.isEmpty()),
                Optional.ofNullable(headers.getFirst("Upstash-Topic-Name")).filter(s -> !s.isEmpty()), false);
    }

    /** This delivery, as a redelivery an idempotent method saw fail before. */
    DeliveryImpl asSeenBefore() {
        return new DeliveryImpl(token, messageId, retried, region, scheduleId, urlGroup, true);
    }

    static String tokenId(VerifiedToken token) {
        return token.claims().get("jti") instanceof String jti ? jti : null;
    }

    static Instant expiry(VerifiedToken token) {
        return Instant.ofEpochSecond(((Number) token.claims().get("exp")).longValue());
    }

    private static int retried(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Optional<QStashRegion> verifiedWithRegionKeys() {
        return token.keysRegion();
    }

    @Override
    public SigningKey signingKey() {
        return token.signingKey();
    }

    @Override
    public String subject() {
        return token.claims().get("sub") instanceof String sub ? sub : "";
    }

    @Override
    public Optional<String> tokenId() {
        return Optional.ofNullable(tokenId(token));
    }

    @Override
    public Optional<Instant> issuedAt() {
        return token.claims().get("iat") instanceof Number iat
                ? Optional.of(Instant.ofEpochSecond(iat.longValue()))
                : Optional.empty();
    }

    @Override
    public Instant expiresAt() {
        return expiry(token);
    }

    @Override
    public Map<String, Object> claims() {
        return token.claims();
    }
}
