package dev.qstash.jakarta.impl.verify;

import java.util.Map;
import java.util.Optional;

import dev.qstash.jakarta.QStashDelivery.SigningKey;
import dev.qstash.jakarta.QStashRegion;

/**
 * The outcome of a successful verification.
 *
 * @param claims every claim of the token, unmodifiable
 * @param signingKey which key of the pair matched
 * @param keysRegion the region whose keys matched, or empty for the default (or explicit) keys
 */
public record VerifiedToken(Map<String, Object> claims, SigningKey signingKey, Optional<QStashRegion> keysRegion) {
}
