package dev.qstash.jakarta.manage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message QStash holds: not yet delivered, in its retries, or (inside a {@link DlqMessage}) dead. Fields QStash
 * leaves out are {@code null}; fields it adds later are ignored. {@code body} is an array, so records compare it by
 * identity; compare {@link #bodyText()} instead.
 *
 * @param messageId the id ({@code msg_...})
 * @param url the destination URL
 * @param urlGroup the URL group it was published to (QStash's {@code topicName}), or {@code null}
 * @param endpointName the name of the URL-group endpoint, or {@code null}
 * @param method the HTTP method of the delivery
 * @param headers the headers QStash will send, by name
 * @param body the body, or {@code null} when there is none
 * @param maxRetries the retries allowed
 * @param retryDelayExpression the {@code Upstash-Retry-Delay} expression, or {@code null}
 * @param notBefore the earliest delivery time, or {@code null}
 * @param createdAt when QStash accepted the message
 * @param callback the callback URL, or {@code null}
 * @param failureCallback the failure-callback URL, or {@code null}
 * @param queueName the queue, or {@code null}
 * @param scheduleId the schedule that created it, or {@code null}
 * @param callerIp the publisher's IP address, or {@code null}
 * @param flowControlKey the flow-control key, or {@code null}
 * @param parallelism the flow-control parallelism, or {@code null}
 * @param rate the flow-control rate per period, or {@code null}
 * @param period the flow-control period, or {@code null}
 * @param labels the labels, never {@code null}
 * @since 0.1
 */
public record Message(String messageId, String url, String urlGroup, String endpointName, String method,
        Map<String, List<String>> headers, byte[] body, Integer maxRetries, String retryDelayExpression,
        Instant notBefore, Instant createdAt, String callback, String failureCallback, String queueName,
        String scheduleId, String callerIp, String flowControlKey, Integer parallelism, Integer rate, Duration period,
        List<String> labels) {

    /**
     * The body decoded as UTF-8.
     *
     * @return the text, or {@code null} when there is no body
     */
    public String bodyText() {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Message[" + messageId + " to " + url + "]";
    }
}
