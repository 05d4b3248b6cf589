package dev.qstash.jakarta.manage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One state change of a message ({@code GET /v2/events}).
 *
 * @param time when it happened
 * @param state the new state
 * @param messageId the message
 * @param url the destination URL
 * @param urlGroup the URL group (QStash's {@code topicName}), or {@code null}
 * @param endpointName the name of the URL-group endpoint, or {@code null}
 * @param queueName the queue, or {@code null}
 * @param scheduleId the schedule, or {@code null}
 * @param nextDeliveryTime when the next attempt is due, or {@code null}
 * @param error the error of a failed attempt, or {@code null}
 * @param responseStatus the destination's HTTP status, or {@code null}
 * @param headers the message's headers, by name
 * @param body the message's body, or {@code null}
 * @param labels the labels, never {@code null}
 * @since 0.1
 */
public record LogEntry(Instant time, State state, String messageId, String url, String urlGroup,
        String endpointName, String queueName, String scheduleId, Instant nextDeliveryTime, String error,
        Integer responseStatus, Map<String, List<String>> headers, byte[] body, List<String> labels) {

    /**
     * The states a message goes through. QStash spells the cancelled state {@code CANCELED} in answers and
     * {@code CANCELLED} in its API reference; both read as {@link #CANCELED}.
     *
     * @since 0.1
     */
    public enum State {
        /** Accepted by QStash. */
        CREATED,
        /** Waiting for delivery. */
        ACTIVE,
        /** Waiting for a retry after a failed attempt. */
        RETRY,
        /** An attempt failed. */
        ERROR,
        /** Being delivered; as a filter, ACTIVE, RETRY or ERROR. */
        IN_PROGRESS,
        /** Delivered. */
        DELIVERED,
        /** Retries exhausted; the message went to the dead-letter queue. */
        FAILED,
        /** A cancel was requested. */
        CANCEL_REQUESTED,
        /** Cancelled. */
        CANCELED,
        /** A state this version does not know; never a filter value. */
        UNKNOWN
    }

    @Override
    public String toString() {
        return "LogEntry[" + time + " " + state + " " + messageId + "]";
    }
}
