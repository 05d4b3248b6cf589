package dev.qstash.jakarta;

import java.time.Duration;
import java.util.Objects;

/**
 * Flow control for a message: a limit shared by every message published with the same {@link #key()}, whatever its
 * destination. At least one of parallelism, rate or period must be set.
 *
 * <pre>
 * FlowControl.key("emails").parallelism(5).rate(10).period(Duration.ofMinutes(1))
 * </pre>
 *
 * @param key the bucket the limit applies to
 * @param parallelism how many deliveries of the bucket may be in flight at once, or {@code null}
 * @param rate how many deliveries may start per period, or {@code null}
 * @param period the rate period as QStash reads it ({@code 10s}, {@code 1m}, {@code 2d}), or {@code null} for the
 *        default of one second
 * @since 0.1
 */
public record FlowControl(String key, Integer parallelism, Integer rate, String period) {

    /**
     * Checks the values.
     *
     * @param key the bucket, not blank
     * @param parallelism a positive number or {@code null}
     * @param rate a positive number or {@code null}
     * @param period a duration string or {@code null}
     */
    public FlowControl {
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("flow-control key must not be blank");
        }
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("flow-control parallelism must be at least 1, got " + parallelism);
        }
        if (rate != null && rate < 1) {
            throw new IllegalArgumentException("flow-control rate must be at least 1, got " + rate);
        }
        if (period != null && !Durations.isDuration(period)) {
            throw new IllegalArgumentException("flow-control period must look like 10s, 1m, 1h or 2d, got " + period);
        }
    }

    /**
     * Starts a flow control for a bucket; set parallelism, rate or period next.
     *
     * @param key the bucket the limit applies to
     * @return a flow control with only the key set
     */
    public static FlowControl key(String key) {
        return new FlowControl(key, null, null, null);
    }

    /**
     * The same flow control with a parallelism limit.
     *
     * @param parallelism how many deliveries may be in flight at once
     * @return a new flow control
     */
    public FlowControl parallelism(int parallelism) {
        return new FlowControl(key, parallelism, rate, period);
    }

    /**
     * The same flow control with a rate limit.
     *
     * @param rate how many deliveries may start per period
     * @return a new flow control
     */
    public FlowControl rate(int rate) {
        return new FlowControl(key, parallelism, rate, period);
    }

    /**
     * The same flow control with a rate period, sent in whole seconds.
     *
     * @param period the rate period, at least one second
     * @return a new flow control
     */
    public FlowControl period(Duration period) {
        return new FlowControl(key, parallelism, rate, Durations.roundedSeconds(period, "flow-control period") + "s");
    }

    /**
     * The same flow control with a rate period written as QStash reads it.
     *
     * @param period for example {@code 10s}, {@code 1m}, {@code 1h}, {@code 2d}
     * @return a new flow control
     */
    public FlowControl period(String period) {
        return new FlowControl(key, parallelism, rate, period);
    }

    /**
     * Whether a limit is set; QStash rejects a flow control with none.
     *
     * @return {@code true} if parallelism, rate or period is set
     */
    public boolean hasLimit() {
        return parallelism != null || rate != null || period != null;
    }
}
