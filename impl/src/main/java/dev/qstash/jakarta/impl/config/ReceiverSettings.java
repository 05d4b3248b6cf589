package dev.qstash.jakarta.impl.config;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.verify.QStashReceiver;
import dev.qstash.jakarta.impl.verify.SigningKeys;

/**
 * Everything the receiving side needs, resolved once at startup.
 *
 * @param defaultKeys {@code qstash.current-signing-key} and {@code qstash.next-signing-key}, if both are set
 * @param regionKeys the complete key pairs per region; empty unless migration mode is on
 * @param migrationRegion the primary region when migration mode is on
 * @param clockToleranceSeconds skew allowed on {@code exp} and {@code nbf}
 * @param urlCheck whether {@code sub} must match the request URL
 * @param publicUrl the public base URL to build the expected {@code sub} from, if set
 * @param maxBodySize the largest body verified, in bytes
 * @param memoryThreshold the largest body kept in memory, in bytes; larger ones go to a temporary file
 * @param missingKeys what to tell the user when no keys are usable: the keys to set
 */
public record ReceiverSettings(Optional<SigningKeys> defaultKeys, Map<QStashRegion, SigningKeys> regionKeys,
        Optional<QStashRegion> migrationRegion, long clockToleranceSeconds, boolean urlCheck,
        Optional<String> publicUrl, long maxBodySize, int memoryThreshold, String missingKeys) {

    public boolean migrationMode() {
        return migrationRegion.isPresent();
    }

    /** Whether any key pair can be used under the current mode. */
    public boolean hasUsableKeys() {
        return defaultKeys.isPresent() || !regionKeys.isEmpty();
    }

    /** The receiver these settings describe, its keys prepared. */
    public QStashReceiver receiver(Clock clock) {
        return QStashReceiver.of(defaultKeys, regionKeys, migrationMode(), missingKeys, clock, clockToleranceSeconds);
    }

    /**
     * The URL the token's {@code sub} must equal, for a request to {@code requestUri}: the request URI itself, or
     * with its scheme and authority replaced by {@link #publicUrl()} (whose own path, if any, is put in front).
     */
    public String expectedSubject(URI requestUri) {
        if (publicUrl.isEmpty()) {
            return requestUri.toString();
        }
        StringBuilder url = new StringBuilder(publicUrl.get());
        while (url.length() > 0 && url.charAt(url.length() - 1) == '/') {
            url.setLength(url.length() - 1);
        }
        url.append(requestUri.getRawPath());
        if (requestUri.getRawQuery() != null) {
            url.append('?').append(requestUri.getRawQuery());
        }
        return url.toString();
    }
}
