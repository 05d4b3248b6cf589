package dev.qstash.jakarta.manage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A message in the dead-letter queue: it exhausted its retries.
 *
 * @param dlqId the id within the dead-letter queue, used to retry or delete it
 * @param message the message as it was published
 * @param responseStatus the destination's last HTTP status, or {@code null} if it never answered
 * @param responseHeaders the destination's last response headers
 * @param responseBody the destination's last response body, or {@code null}
 * @since 0.1
 */
public record DlqMessage(String dlqId, Message message, Integer responseStatus,
        Map<String, List<String>> responseHeaders, byte[] responseBody) {

    /**
     * The destination's last response body decoded as UTF-8.
     *
     * @return the text, or {@code null}
     */
    public String responseBodyText() {
        return responseBody == null ? null : new String(responseBody, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DlqMessage[" + dlqId + ", " + message + ", status " + responseStatus + "]";
    }
}
