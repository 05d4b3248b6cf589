package dev.qstash.jakarta;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What QStash sends to a callback ({@code Upstash-Callback}) or failure callback ({@code Upstash-Failure-Callback})
 * URL: the outcome of one delivery attempt of the source message. A {@link VerifyQStash} resource method takes it as
 * its entity; the implementation reads it from QStash's JSON.
 *
 * <pre>
 * &#64;POST
 * &#64;Path("order-failed")
 * &#64;VerifyQStash
 * &#64;Consumes(MediaType.WILDCARD)
 * public void onFailure(QStashCallback callback) {
 *     log.warn(callback.sourceMessageId() + " ended in the DLQ as " + callback.dlqId().orElse("?")
 *             + " after answering " + callback.status());
 * }
 * </pre>
 *
 * <p>
 * Fields QStash adds later are ignored; a body that is not such a JSON object (not JSON, a field of the wrong type,
 * bad base64) is answered {@code 400} with the reason, before the method runs. Absent numbers read as 0, absent
 * strings as empty, absent maps as empty. The body arrays are the callers' own copies: the record does not copy them.
 *
 * @param status the HTTP status the destination answered; 0 when no answer came (connection failed, timeout)
 * @param headers the destination's response headers
 * @param body the destination's response body, decoded from base64 (QStash may truncate long bodies)
 * @param retried how many attempts came before the attempt described
 * @param maxRetries how many retries the source message allows
 * @param sourceMessageId the id of the message whose attempt this describes
 * @param urlGroup the URL group it was published to ({@code topicName}), or empty
 * @param endpointName the URL group endpoint's name, or empty
 * @param url the URL the source message was delivered to
 * @param method the HTTP method of that delivery
 * @param sourceHeaders the headers the source message was published with
 * @param sourceBody the source message's body, decoded from base64
 * @param notBefore when the source message was due, or empty
 * @param createdAt when the source message was created, or empty
 * @param scheduleId the schedule that produced the source message, or empty
 * @param callerIp the IP address the source message was published from, or empty
 * @param dlqId the id of the source message in the dead letter queue; present on failure callbacks only
 * @since 0.1
 */
public record QStashCallback(int status, Map<String, List<String>> headers, byte[] body, int retried,
        int maxRetries, String sourceMessageId, Optional<String> urlGroup, Optional<String> endpointName, String url,
        String method, Map<String, List<String>> sourceHeaders, byte[] sourceBody, Optional<Instant> notBefore,
        Optional<Instant> createdAt, Optional<String> scheduleId, Optional<String> callerIp,
        Optional<String> dlqId) {

    /**
     * Whether this is a failure callback: the source message's retries are exhausted and it is in the DLQ.
     *
     * @return {@code true} when {@link #dlqId()} is present
     */
    public boolean isFailure() {
        return dlqId.isPresent();
    }

    /**
     * Whether the described attempt succeeded.
     *
     * @return {@code true} for a 2xx {@link #status()}
     */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /**
     * The destination's response body as UTF-8 text.
     *
     * @return the text of {@link #body()}
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The source message's body as UTF-8 text.
     *
     * @return the text of {@link #sourceBody()}
     */
    public String sourceBodyText() {
        return new String(sourceBody, StandardCharsets.UTF_8);
    }

    /** Names the source message and the status only: bodies and headers may hold secrets. */
    @Override
    public String toString() {
        return "QStashCallback[sourceMessageId=" + sourceMessageId + ", status=" + status + ", retried=" + retried
                + ", failure=" + isFailure() + "]";
    }
}
