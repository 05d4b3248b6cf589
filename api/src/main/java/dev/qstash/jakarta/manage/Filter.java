package dev.qstash.jakarta.manage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which messages, dead letters or log entries an operation applies to. Every criterion takes one or more values,
 * which QStash matches as alternatives; different criteria must all match. Not every area knows every criterion:
 * {@link Messages#cancel(Filter)} takes neither {@code messageId}, {@code dlqIds}, {@code messageIds},
 * {@code responseStatus} nor {@code state}; the {@link DeadLetterQueue} takes neither {@code state},
 * {@code messageIds}, {@code host} nor {@code path}; {@link Logs} take neither {@code messageId}, {@code dlqIds} nor
 * {@code responseStatus}. An operation given a criterion it does not know throws {@link IllegalArgumentException}
 * naming it, before anything is sent.
 *
 * <p>
 * The criteria go on the wire as query parameters in the order they were set, as the official SDK sends them.
 *
 * @since 0.1
 */
public final class Filter {

    private static final Filter NONE = new Filter(Map.of());

    private final Map<String, List<String>> parameters;

    private Filter(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /**
     * The filter that matches everything.
     *
     * @return the empty filter
     */
    public static Filter none() {
        return NONE;
    }

    /**
     * Starts a filter.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The criteria by their wire names ({@code topicName} for a URL group), in the order they were set.
     *
     * @return an unmodifiable map of unmodifiable lists
     */
    public Map<String, List<String>> parameters() {
        return parameters;
    }

    /**
     * Whether the filter has no criterion.
     *
     * @return {@code true} for {@link #none()}
     */
    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Filter filter && filter.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        return "Filter" + parameters;
    }

    /**
     * Builds a {@link Filter}. Setting a criterion again adds values to it.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final Map<String, List<String>> parameters = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder add(String name, String... values) {
            Objects.requireNonNull(values, name);
            if (values.length == 0) {
                throw new IllegalArgumentException(name + " needs at least one value");
            }
            List<String> list = parameters.computeIfAbsent(name, n -> new ArrayList<>());
            for (String value : values) {
                Objects.requireNonNull(value, name);
                list.add(value);
            }
            return this;
        }

        /**
         * Destination URL.
         *
         * @param urls one or more URLs
         * @return this builder
         */
        public Builder url(String... urls) {
            return add("url", urls);
        }

        /**
         * URL group the message was published to (QStash's {@code topicName}).
         *
         * @param names one or more URL-group names
         * @return this builder
         */
        public Builder urlGroup(String... names) {
            return add("topicName", names);
        }

        /**
         * Queue.
         *
         * @param names one or more queue names
         * @return this builder
         */
        public Builder queueName(String... names) {
            return add("queueName", names);
        }

        /**
         * Schedule that created the message.
         *
         * @param ids one or more schedule ids
         * @return this builder
         */
        public Builder scheduleId(String... ids) {
            return add("scheduleId", ids);
        }

        /**
         * Label given at publish time.
         *
         * @param labels one or more labels
         * @return this builder
         */
        public Builder label(String... labels) {
            return add("label", labels);
        }

        /**
         * Flow-control key.
         *
         * @param keys one or more keys
         * @return this builder
         */
        public Builder flowControlKey(String... keys) {
            return add("flowControlKey", keys);
        }

        /**
         * IP address of the publisher.
         *
         * @param ips one or more addresses
         * @return this builder
         */
        public Builder callerIp(String... ips) {
            return add("callerIp", ips);
        }

        /**
         * Host of the destination URL (messages and logs).
         *
         * @param hosts one or more host names
         * @return this builder
         */
        public Builder host(String... hosts) {
            return add("host", hosts);
        }

        /**
         * Path of the destination URL (messages and logs).
         *
         * @param paths one or more paths
         * @return this builder
         */
        public Builder path(String... paths) {
            return add("path", paths);
        }

        /**
         * Message id (dead-letter queue).
         *
         * @param ids one or more message ids
         * @return this builder
         */
        public Builder messageId(String... ids) {
            return add("messageId", ids);
        }

        /**
         * Message ids (logs).
         *
         * @param ids one or more message ids
         * @return this builder
         */
        public Builder messageIds(String... ids) {
            return add("messageIds", ids);
        }

        /**
         * Dead-letter ids (dead-letter queue).
         *
         * @param ids one or more {@code dlqId}s
         * @return this builder
         */
        public Builder dlqIds(String... ids) {
            return add("dlqIds", ids);
        }

        /**
         * The destination's last HTTP status (dead-letter queue).
         *
         * @param statuses one or more status codes
         * @return this builder
         */
        public Builder responseStatus(int... statuses) {
            String[] values = new String[statuses.length];
            for (int i = 0; i < statuses.length; i++) {
                values[i] = Integer.toString(statuses[i]);
            }
            return add("responseStatus", values);
        }

        /**
         * State of a log entry (logs).
         *
         * @param states one or more states
         * @return this builder
         */
        public Builder state(LogEntry.State... states) {
            String[] values = new String[states.length];
            for (int i = 0; i < states.length; i++) {
                if (states[i] == LogEntry.State.UNKNOWN) {
                    throw new IllegalArgumentException("UNKNOWN is not a state QStash can filter by");
                }
                values[i] = states[i].name();
            }
            return add("state", values);
        }

        /**
         * Earliest time, inclusive.
         *
         * @param from the instant, sent in unix milliseconds
         * @return this builder
         */
        public Builder fromDate(Instant from) {
            return add("fromDate", Long.toString(from.toEpochMilli()));
        }

        /**
         * Latest time, inclusive.
         *
         * @param to the instant, sent in unix milliseconds
         * @return this builder
         */
        public Builder toDate(Instant to) {
            return add("toDate", Long.toString(to.toEpochMilli()));
        }

        /**
         * Builds the immutable filter.
         *
         * @return the filter
         */
        public Filter build() {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            return copy.isEmpty() ? NONE : new Filter(Collections.unmodifiableMap(copy));
        }
    }
}
