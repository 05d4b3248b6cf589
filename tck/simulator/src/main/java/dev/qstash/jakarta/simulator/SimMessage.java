package dev.qstash.jakarta.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/** One message and its delivery state. Mutable fields are guarded by the {@link SimulatorState} lock. */
final class SimMessage {

    enum State {
        CREATED, ACTIVE, RETRY, DELIVERED, FAILED, CANCELED
    }

    static final int DEFAULT_RETRIES = 3;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    final String id;
    final String url;
    final String urlGroup;
    final String endpointName;
    final String queue;
    final Options options;
    final byte[] body;
    final long createdAt;
    final long notBefore;
    /** Callbacks of callbacks are not sent. */
    final boolean isCallback;

    /** The schedule that made it, or {@code null}; set before the message is submitted. */
    String scheduleId;
    /** Whether it holds one of its queue's delivery slots. */
    boolean holdsTurn;
    /** Whether an attempt of it counts against its flow-control key's parallelism. */
    boolean holdsFlowSlot;
    int retried;
    State state = State.CREATED;
    ScheduledFuture<?> pending;

    SimMessage(String id, String url, String urlGroup, String endpointName, String queue, Options options, byte[] body,
            long createdAt, boolean isCallback) {
        this.id = id;
        this.url = url;
        this.urlGroup = urlGroup;
        this.endpointName = endpointName;
        this.queue = queue;
        this.options = options;
        this.body = body;
        this.createdAt = createdAt;
        this.isCallback = isCallback;
        long delayed = options.delay == null ? createdAt : createdAt + options.delay.toMillis();
        this.notBefore = options.notBeforeMillis > 0 ? options.notBeforeMillis : delayed;
    }

    boolean isFinal() {
        return state == State.DELIVERED || state == State.FAILED || state == State.CANCELED;
    }

    /**
     * The {@code Upstash-*} options of a publish, from its headers (names lower-case). Unknown {@code Upstash-*}
     * headers are kept for {@code GET /v2/messages} but have no effect.
     */
    static final class Options {

        final String method;
        final String contentType;
        final Duration delay;
        final long notBeforeMillis;
        final int retries;
        final Duration timeout;
        final String callback;
        final String failureCallback;
        /**
         * How the callback and the failure callback are sent: {@code Upstash-Callback-*} and
         * {@code Upstash-Failure-Callback-*} ({@code -Method}, {@code -Timeout}, {@code -Retries}, {@code -Delay},
         * {@code -Forward-<Name>}) with the prefix taken off; {@code null} without that callback.
         */
        final Options callbackOptions;
        final Options failureCallbackOptions;
        final String deduplicationId;
        final boolean contentBasedDeduplication;
        final List<String> labels;
        final String flowControlKey;
        final int flowParallelism;
        final int flowRate;
        final long flowPeriodSeconds;
        /** Forwarded headers: name as received without the prefix, value. */
        final Map<String, String> forward;
        /** Every header of the publish, for the message API. */
        final Map<String, List<String>> header;

        private Options(Map<String, String> h, Map<String, List<String>> all) {
            this.header = all;
            this.method = h.getOrDefault("upstash-method", "POST").toUpperCase(Locale.ROOT);
            if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                throw new ApiError(400, "invalid method: " + method);
            }
            this.contentType = h.get("content-type");
            this.delay = duration(h, "upstash-delay");
            this.notBeforeMillis = h.containsKey("upstash-not-before")
                    ? number(h, "upstash-not-before") * 1000
                    : 0;
            this.retries = h.containsKey("upstash-retries") ? (int) number(h, "upstash-retries") : DEFAULT_RETRIES;
            Duration t = duration(h, "upstash-timeout");
            this.timeout = t == null ? DEFAULT_TIMEOUT : t;
            this.callback = url(h, "upstash-callback");
            this.failureCallback = url(h, "upstash-failure-callback");
            this.callbackOptions = callback == null ? null : callbackOptions(h, "upstash-callback-");
            this.failureCallbackOptions = failureCallback == null
                    ? null
                    : callbackOptions(h, "upstash-failure-callback-");
            this.deduplicationId = h.get("upstash-deduplication-id");
            if (deduplicationId != null && deduplicationId.indexOf(':') >= 0) {
                throw new ApiError(400, "DeduplicationId cannot contain ':'");
            }
            this.contentBasedDeduplication = "true".equalsIgnoreCase(h.get("upstash-content-based-deduplication"));
            this.labels = h.containsKey("upstash-label")
                    ? List.copyOf(Arrays.asList(h.get("upstash-label").split(",")))
                    : List.of();
            this.flowControlKey = h.get("upstash-flow-control-key");
            Map<String, String> limits = new LinkedHashMap<>();
            String flowValue = h.get("upstash-flow-control-value");
            if (flowValue != null) {
                for (String part : flowValue.split(",")) {
                    String[] kv = part.trim().split("=", 2);
                    if (kv.length != 2) {
                        throw new ApiError(400, "invalid Upstash-Flow-Control-Value: " + flowValue);
                    }
                    limits.put(kv[0].trim(), kv[1].trim());
                }
            }
            if (flowControlKey == null && !limits.isEmpty()) {
                throw new ApiError(400, "Upstash-Flow-Control-Value needs Upstash-Flow-Control-Key");
            }
            try {
                this.flowParallelism = Integer.parseInt(limits.getOrDefault("parallelism", "0"));
                this.flowRate = Integer.parseInt(limits.getOrDefault("rate", "0"));
                String period = limits.getOrDefault("period", "1");
                this.flowPeriodSeconds = period.chars().allMatch(Character::isDigit)
                        ? Long.parseLong(period)
                        : Durations.parse(period).toSeconds();
            } catch (RuntimeException e) {
                throw new ApiError(400, "invalid Upstash-Flow-Control-Value: " + flowValue);
            }
            Map<String, String> forward = new LinkedHashMap<>();
            h.forEach((name, value) -> {
                if (name.startsWith("upstash-forward-")) {
                    forward.put(name.substring("upstash-forward-".length()), value);
                }
            });
            this.forward = forward;
        }

        /** @param headers every header, lower-case names */
        static Options parse(Map<String, List<String>> headers) {
            Map<String, String> first = new LinkedHashMap<>();
            headers.forEach((name, values) -> {
                if (!values.isEmpty()) {
                    first.put(name.toLowerCase(Locale.ROOT), values.get(0));
                }
            });
            return new Options(first, headers);
        }

        /** A callback message: JSON, the options its {@code prefix} headers give. */
        private static Options callbackOptions(Map<String, String> h, String prefix) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            h.forEach((name, value) -> {
                if (name.startsWith(prefix)) {
                    headers.put("upstash-" + name.substring(prefix.length()), List.of(value));
                }
            });
            headers.put("content-type", List.of("application/json"));
            try {
                return parse(headers);
            } catch (ApiError e) {
                throw new ApiError(e.status, prefix + "*: " + e.getMessage());
            }
        }

        private static Duration duration(Map<String, String> h, String name) {
            String value = h.get(name);
            if (value == null) {
                return null;
            }
            Duration d = Durations.parse(value);
            if (d == null) {
                throw new ApiError(400, "invalid " + name + " header: " + value);
            }
            return d;
        }

        private static long number(Map<String, String> h, String name) {
            try {
                return Long.parseLong(h.get(name).trim());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "invalid " + name + " header: " + h.get(name));
            }
        }

        private static String url(Map<String, String> h, String name) {
            String value = h.get(name);
            if (value != null && !Destinations.isUrl(value)) {
                throw new ApiError(400, "invalid " + name + " url: endpoint has invalid scheme, add http:// or "
                        + "https://");
            }
            return value;
        }
    }

    /** The message as {@code GET /v2/messages/{id}} and the DLQ show it. */
    /** {@code method}, {@code header} and {@code body} (or {@code bodyBase64}) as QStash shows them. */
    static void putRequest(Map<String, Object> json, Options options, byte[] body) {
        json.put("method", options.method);
        json.put("header", requestHeader(options));
        if (Destinations.isUtf8(body)) {
            json.put("body", new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            json.put("bodyBase64", java.util.Base64.getEncoder().encodeToString(body));
        }
    }

    /** The headers the destination gets from the publisher: the forwarded ones and the content type. */
    static Map<String, List<String>> requestHeader(Options options) {
        Map<String, List<String>> header = new LinkedHashMap<>();
        options.forward.forEach((name, value) -> header.put(name, List.of(value)));
        if (options.contentType != null) {
            header.put("Content-Type", List.of(options.contentType));
        }
        return header;
    }

    /** The message's flow-control key and limits, if it has a key. */
    static void putFlowControl(Map<String, Object> json, Options options) {
        if (options.flowControlKey != null) {
            json.put("flowControlKey", options.flowControlKey);
            json.put("parallelism", options.flowParallelism);
            json.put("rate", options.flowRate);
            json.put("period", options.flowPeriodSeconds);
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("messageId", id);
        json.put("url", url);
        if (urlGroup != null) {
            json.put("topicName", urlGroup);
        }
        if (endpointName != null) {
            json.put("endpointName", endpointName);
        }
        putRequest(json, options, body);
        json.put("maxRetries", options.retries);
        json.put("notBefore", notBefore);
        json.put("createdAt", createdAt);
        if (options.callback != null) {
            json.put("callback", options.callback);
        }
        if (scheduleId != null) {
            json.put("scheduleId", scheduleId);
        }
        putFlowControl(json, options);
        if (options.failureCallback != null) {
            json.put("failureCallback", options.failureCallback);
        }
        if (queue != null) {
            json.put("queueName", queue);
        }
        if (!options.labels.isEmpty()) {
            json.put("labels", new ArrayList<>(options.labels));
        }
        json.put("callerIP", "127.0.0.1");
        return json;
    }
}
