package dev.qstash.jakarta.impl.config;

import java.net.URI;
import java.util.Optional;

import dev.qstash.jakarta.QStashRegion;

/**
 * Where and as whom a publisher calls QStash.
 *
 * @param baseUrl the API base URL, without trailing slash
 * @param token the bearer token, or {@code null} when none is configured
 * @param region the region the credentials belong to, if known
 * @param missingToken what to tell the user when {@code token} is {@code null}: the keys to set
 */
public record Credentials(URI baseUrl, String token, Optional<QStashRegion> region, String missingToken) {

    public boolean hasToken() {
        return token != null;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "Credentials[" + baseUrl + ", token " + (token == null ? "missing" : "set") + ", region "
                + region.map(QStashRegion::name).orElse("unknown") + "]";
    }
}
