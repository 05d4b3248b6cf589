package dev.qstash.jakarta.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One API request as it reached the simulator, for assertions.
 *
 * @param method the HTTP method
 * @param path the raw path with the raw query string, exactly as sent (for example
 *        {@code /v2/publish/https://example.com/a?x=1})
 * @param headers header values by lower-case name
 * @param body the raw body, empty when none
 * @param receivedAt when it arrived
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, byte[] body,
        Instant receivedAt) {

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + body.length + " bytes)";
    }
}
