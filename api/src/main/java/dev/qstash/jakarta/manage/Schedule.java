package dev.qstash.jakarta.manage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A schedule: QStash publishes its message on every match of its cron expression.
 *
 * @param scheduleId the id ({@code scd_...} or the id given at creation)
 * @param cron the cron expression, possibly with a {@code CRON_TZ=} prefix
 * @param destination the destination URL or URL-group name
 * @param method the HTTP method of the deliveries
 * @param headers the headers of the deliveries, by name
 * @param body the body, or {@code null}
 * @param retries the retries of each message, or {@code null}
 * @param delay the delay of each message, or {@code null}
 * @param retryDelayExpression the {@code Upstash-Retry-Delay} expression, or {@code null}
 * @param callback the callback URL, or {@code null}
 * @param failureCallback the failure-callback URL, or {@code null}
 * @param callerIp the IP address that created it, or {@code null}
 * @param paused whether it is paused
 * @param queueName the queue it enqueues into, or {@code null}
 * @param flowControlKey the flow-control key, or {@code null}
 * @param parallelism the flow-control parallelism, or {@code null}
 * @param rate the flow-control rate, or {@code null}
 * @param period the flow-control period, or {@code null}
 * @param labels the labels, never {@code null}
 * @param createdAt when it was created
 * @param lastScheduleTime when it last fired, or {@code null}
 * @param nextScheduleTime when it fires next, or {@code null}
 * @since 0.1
 */
public record Schedule(String scheduleId, String cron, String destination, String method,
        Map<String, List<String>> headers, byte[] body, Integer retries, Duration delay, String retryDelayExpression,
        String callback, String failureCallback, String callerIp, boolean paused, String queueName,
        String flowControlKey, Integer parallelism, Integer rate, Duration period, List<String> labels,
        Instant createdAt, Instant lastScheduleTime, Instant nextScheduleTime) {

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
        return "Schedule[" + scheduleId + " '" + cron + "' to " + destination + (paused ? ", paused]" : "]");
    }
}
