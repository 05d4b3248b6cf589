package dev.qstash.jakarta;

import java.util.Objects;

/**
 * QStash's answer to one published message.
 *
 * @param messageId the id of the message ({@code msg_...}); the destination receives it as {@code Upstash-Message-Id}
 * @param url the endpoint this message goes to; set for URL-group publishes, usually {@code null} for a single URL
 * @param deduplicated {@code true} when QStash recognised the message as a duplicate within its deduplication window
 *        and kept the earlier one, whose id is {@code messageId}
 * @since 0.1
 */
public record PublishResponse(String messageId, String url, boolean deduplicated) {

    /**
     * Checks the message id.
     *
     * @param messageId the id of the message
     * @param url the endpoint, may be {@code null}
     * @param deduplicated whether the message was a duplicate
     */
    public PublishResponse {
        Objects.requireNonNull(messageId, "messageId");
    }
}
