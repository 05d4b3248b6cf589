package dev.qstash.jakarta;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One message to publish: its destination, body and every {@code Upstash-*} option QStash takes. Immutable; build it
 * with {@link #toUrl(String)} or {@link #toUrlGroup(String)}.
 *
 * <pre>
 * PublishRequest request = PublishRequest.toUrl("https://app.example.com/api/orders")
 *         .jsonBody(order)
 *         .delay(Duration.ofMinutes(5))
 *         .retries(3)
 *         .deduplicationId("order-" + order.id())
 *         .build();
 * </pre>
 *
 * <p>
 * Headers set with {@link Builder#header(String, String)} are forwarded to the destination: QStash receives them as
 * {@code Upstash-Forward-<name>}. A header whose name starts with {@code Upstash-} is sent to QStash unchanged, and
 * {@code Content-Type} sets {@link #contentType()}, as in the official SDK. Options set with the dedicated builder
 * methods win over headers of the same name.
 *
 * <p>
 * {@link #toString()} names the headers but never prints their values or the body: they may hold credentials meant
 * for the destination.
 *
 * @since 0.1
 */
public final class PublishRequest {

    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final String destination;
    private final boolean urlGroup;
    private final String queue;
    private final byte[] body;
    private final boolean textBody;
    private final Object jsonBody;
    private final String contentType;
    private final Map<String, String> headers;
    private final String method;
    private final boolean methodSet;
    private final String delay;
    private final Long notBefore;
    private final Integer retries;
    private final String retryDelay;
    private final String timeout;
    private final String callback;
    private final String failureCallback;
    private final String deduplicationId;
    private final boolean contentBasedDeduplication;
    private final FlowControl flowControl;
    private final List<String> labels;
    private final boolean labelsSet;
    private final boolean redactBody;
    private final boolean redactAllHeaders;
    private final List<String> redactedHeaders;

    private PublishRequest(Builder b) {
        this.destination = b.destination;
        this.urlGroup = b.urlGroup;
        this.queue = b.queue;
        this.body = b.body;
        this.textBody = b.textBody;
        this.jsonBody = b.jsonBody;
        this.contentType = b.contentType;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.method = b.method;
        this.methodSet = b.methodSet;
        this.delay = b.delay;
        this.notBefore = b.notBefore;
        this.retries = b.retries;
        this.retryDelay = b.retryDelay;
        this.timeout = b.timeout;
        this.callback = b.callback;
        this.failureCallback = b.failureCallback;
        this.deduplicationId = b.deduplicationId;
        this.contentBasedDeduplication = b.contentBasedDeduplication;
        this.flowControl = b.flowControl;
        this.labels = List.copyOf(b.labels);
        this.labelsSet = b.labelsSet;
        this.redactBody = b.redactBody;
        this.redactAllHeaders = b.redactAllHeaders;
        this.redactedHeaders = List.copyOf(b.redactedHeaders);
    }

    /**
     * Starts a message for one destination URL.
     *
     * @param url an absolute {@code http://} or {@code https://} URL; its query string is kept, a fragment is dropped
     * @return a builder
     */
    public static Builder toUrl(String url) {
        Objects.requireNonNull(url, "url");
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new IllegalArgumentException("destination must be an http:// or https:// URL, got " + url);
        }
        return new Builder(url, false);
    }

    /**
     * Starts a message for every endpoint of a URL group (called "topic" in older QStash APIs).
     *
     * @param name the URL group's name
     * @return a builder
     */
    public static Builder toUrlGroup(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("URL group name must be non-blank and contain no '/', got " + name);
        }
        return new Builder(name, true);
    }

    /**
     * A builder holding every value of this request, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the destination URL, or the URL group's name when {@link #isUrlGroup()} */
    public String destination() {
        return destination;
    }

    /** @return whether the destination is a URL group */
    public boolean isUrlGroup() {
        return urlGroup;
    }

    /** @return the queue the message is enqueued to, or {@code null} to publish directly */
    public String queue() {
        return queue;
    }

    /** @return a copy of the raw body, or {@code null} when the body is absent or is a {@link #jsonBody()} */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /** @return whether the body was given as text (the publisher then defaults the content type to UTF-8 text) */
    public boolean isTextBody() {
        return textBody;
    }

    /** @return the value to serialise as JSON with Jackson, or {@code null} */
    public Object jsonBody() {
        return jsonBody;
    }

    /** @return the explicit {@code Content-Type}, or {@code null} */
    public String contentType() {
        return contentType;
    }

    /** @return the headers as given (names as written, insertion order), without {@code Content-Type} */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the HTTP method QStash uses for the delivery; {@code POST} unless set */
    public String method() {
        return method;
    }

    /**
     * @return whether {@link Builder#method} was called, even with {@code POST}: a schedule then says its method, as
     *         the official SDK does when given one
     */
    public boolean isMethodSet() {
        return methodSet;
    }

    /** @return the {@code Upstash-Delay} value, for example {@code 90s}, or {@code null} */
    public String delay() {
        return delay;
    }

    /** @return the {@code Upstash-Not-Before} value in unix seconds, or {@code null} */
    public Long notBefore() {
        return notBefore;
    }

    /** @return the number of retries after the first attempt, or {@code null} for QStash's default */
    public Integer retries() {
        return retries;
    }

    /** @return the {@code Upstash-Retry-Delay} expression, or {@code null} */
    public String retryDelay() {
        return retryDelay;
    }

    /** @return the {@code Upstash-Timeout} value, for example {@code 30s}, or {@code null} */
    public String timeout() {
        return timeout;
    }

    /** @return the callback URL, or {@code null} */
    public String callback() {
        return callback;
    }

    /** @return the failure-callback URL, or {@code null} */
    public String failureCallback() {
        return failureCallback;
    }

    /** @return the deduplication id, or {@code null} */
    public String deduplicationId() {
        return deduplicationId;
    }

    /** @return whether QStash derives the deduplication id from the content */
    public boolean contentBasedDeduplication() {
        return contentBasedDeduplication;
    }

    /** @return the flow control, or {@code null} */
    public FlowControl flowControl() {
        return flowControl;
    }

    /** @return the labels, possibly empty */
    public List<String> labels() {
        return labels;
    }

    /**
     * @return whether {@link Builder#labels} was called, even with no label: then an empty {@code Upstash-Label} is
     *         sent, as the official SDK sends one for an empty list
     */
    public boolean isLabelsSet() {
        return labelsSet;
    }

    /** @return whether the body is redacted in QStash's console and API */
    public boolean redactBody() {
        return redactBody;
    }

    /** @return whether every header is redacted in QStash's console and API */
    public boolean redactAllHeaders() {
        return redactAllHeaders;
    }

    /** @return the names of headers redacted one by one */
    public List<String> redactedHeaders() {
        return redactedHeaders;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("PublishRequest[")
                .append(urlGroup ? "urlGroup=" : "url=").append(destination);
        if (queue != null) {
            s.append(", queue=").append(queue);
        }
        if (body != null) {
            s.append(", body=").append(body.length).append(" bytes");
        } else if (jsonBody != null) {
            s.append(", jsonBody=").append(jsonBody.getClass().getName());
        }
        if (!headers.isEmpty()) {
            s.append(", headers=").append(headers.keySet());
        }
        return s.append(", method=").append(method).append(']').toString();
    }

    /**
     * Builds a {@link PublishRequest}. Not thread-safe; every method returns this builder.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final String destination;
        private final boolean urlGroup;
        private String queue;
        private byte[] body;
        private boolean textBody;
        private Object jsonBody;
        private String contentType;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String method = "POST";
        private boolean methodSet;
        private String delay;
        private Long notBefore;
        private Integer retries;
        private String retryDelay;
        private String timeout;
        private String callback;
        private String failureCallback;
        private String deduplicationId;
        private boolean contentBasedDeduplication;
        private FlowControl flowControl;
        private final List<String> labels = new ArrayList<>();
        private boolean labelsSet;
        private boolean redactBody;
        private boolean redactAllHeaders;
        private final List<String> redactedHeaders = new ArrayList<>();

        private Builder(String destination, boolean urlGroup) {
            this.destination = destination;
            this.urlGroup = urlGroup;
        }

        private Builder(PublishRequest r) {
            this(r.destination, r.urlGroup);
            queue = r.queue;
            body = r.body;
            textBody = r.textBody;
            jsonBody = r.jsonBody;
            contentType = r.contentType;
            headers.putAll(r.headers);
            method = r.method;
            methodSet = r.methodSet;
            delay = r.delay;
            notBefore = r.notBefore;
            retries = r.retries;
            retryDelay = r.retryDelay;
            timeout = r.timeout;
            callback = r.callback;
            failureCallback = r.failureCallback;
            deduplicationId = r.deduplicationId;
            contentBasedDeduplication = r.contentBasedDeduplication;
            flowControl = r.flowControl;
            labels.addAll(r.labels);
            labelsSet = r.labelsSet;
            redactBody = r.redactBody;
            redactAllHeaders = r.redactAllHeaders;
            redactedHeaders.addAll(r.redactedHeaders);
        }

        /**
         * Enqueues the message to a queue instead of publishing it directly; QStash creates the queue if needed.
         *
         * @param queueName letters, digits, {@code .}, {@code _} and {@code -}; {@code null} to publish directly
         * @return this builder
         */
        public Builder queue(String queueName) {
            if (queueName != null && !QUEUE_NAME.matcher(queueName).matches()) {
                throw new IllegalArgumentException(
                        "queue name may hold only letters, digits, '.', '_' and '-', got " + queueName);
            }
            this.queue = queueName;
            return this;
        }

        /**
         * A text body, sent as UTF-8. Unless a content type is set, it is sent as {@code text/plain;charset=UTF-8}.
         *
         * @param text the body
         * @return this builder
         */
        public Builder body(String text) {
            Objects.requireNonNull(text, "text");
            this.body = text.getBytes(StandardCharsets.UTF_8);
            this.textBody = true;
            this.jsonBody = null;
            return this;
        }

        /**
         * A binary body, delivered byte for byte. No content type is sent unless one is set.
         *
         * @param bytes the body; copied
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            Objects.requireNonNull(bytes, "bytes");
            this.body = bytes.clone();
            this.textBody = false;
            this.jsonBody = null;
            return this;
        }

        /**
         * A body serialised to JSON with Jackson when published, sent as {@code application/json} whatever content
         * type was set.
         *
         * @param value a value Jackson can serialise: a record, a bean, a {@code Map}, a {@code List}...
         * @return this builder
         */
        public Builder jsonBody(Object value) {
            Objects.requireNonNull(value, "value");
            this.jsonBody = value;
            this.body = null;
            this.textBody = false;
            return this;
        }

        /**
         * The content type QStash delivers the body with.
         *
         * @param contentType for example {@code application/xml}
         * @return this builder
         */
        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /**
         * A header for the destination (see the class documentation for {@code Upstash-*} and {@code Content-Type}).
         * Setting a name again, in any letter case, replaces the earlier value. Spaces and tabs at either end are
         * dropped when sent, as the official SDK drops them.
         *
         * @param name the header name
         * @param value the header value: ASCII without control characters other than tab (Latin-1 in a batch);
         *        other values are refused when the request is sent, because Java's HTTP client would send their bytes
         *        differently on different machines
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.equalsIgnoreCase("content-type")) {
                return contentType(value);
            }
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
            return this;
        }

        /**
         * The HTTP method QStash uses to call the destination. Default {@code POST}.
         *
         * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
         * @return this builder
         */
        public Builder method(String method) {
            Objects.requireNonNull(method, "method");
            String upper = method.toUpperCase(Locale.ROOT);
            if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(upper)) {
                throw new IllegalArgumentException("method must be GET, POST, PUT, PATCH or DELETE, got " + method);
            }
            this.method = upper;
            this.methodSet = true;
            return this;
        }

        /**
         * Delays the first delivery; sent in whole seconds, rounded.
         *
         * @param delay how long to wait
         * @return this builder
         */
        public Builder delay(Duration delay) {
            this.delay = Durations.roundedSeconds(delay, "delay") + "s";
            return this;
        }

        /**
         * Delays the first delivery, written as QStash reads it.
         *
         * @param delay for example {@code 90s}, {@code 2h} or {@code 1d10h30m}
         * @return this builder
         */
        public Builder delay(String delay) {
            this.delay = Durations.checked(delay, "delay");
            return this;
        }

        /**
         * Delivers no earlier than this instant; wins over {@link #delay(Duration)}. Sent in unix seconds, rounded.
         *
         * @param notBefore the earliest delivery time
         * @return this builder
         */
        public Builder notBefore(Instant notBefore) {
            Objects.requireNonNull(notBefore, "notBefore");
            this.notBefore = notBefore.getEpochSecond() + (notBefore.getNano() >= 500_000_000 ? 1 : 0);
            return this;
        }

        /**
         * Retries after the first failed delivery (total attempts = 1 + retries). QStash's default is 3.
         *
         * @param retries zero or more
         * @return this builder
         */
        public Builder retries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must not be negative, got " + retries);
            }
            this.retries = retries;
            return this;
        }

        /**
         * Replaces QStash's retry backoff with an expression in milliseconds over the variable {@code retried}, for
         * example {@code 1000 * pow(2, retried)}.
         *
         * @param expression the delay expression
         * @return this builder
         */
        public Builder retryDelay(String expression) {
            Objects.requireNonNull(expression, "expression");
            this.retryDelay = expression;
            return this;
        }

        /**
         * How long QStash waits for the destination's answer on each attempt.
         *
         * @param timeout positive; fractions of a second are kept
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.exactSeconds(timeout, "timeout") + "s";
            return this;
        }

        /**
         * How long QStash waits for the destination's answer, written as QStash reads it.
         *
         * @param timeout for example {@code 30s} or {@code 2m}
         * @return this builder
         */
        public Builder timeout(String timeout) {
            this.timeout = Durations.checked(timeout, "timeout");
            return this;
        }

        /**
         * A URL QStash calls with the destination's response after each attempt.
         *
         * @param url the callback URL
         * @return this builder
         */
        public Builder callback(String url) {
            this.callback = url;
            return this;
        }

        /**
         * A URL QStash calls once every retry has failed.
         *
         * @param url the failure-callback URL
         * @return this builder
         */
        public Builder failureCallback(String url) {
            this.failureCallback = url;
            return this;
        }

        /**
         * An id that makes QStash drop a second message with the same id within its deduplication window.
         *
         * @param id any text without {@code :}
         * @return this builder
         */
        public Builder deduplicationId(String id) {
            if (id != null && (id.isEmpty() || id.indexOf(':') >= 0)) {
                throw new IllegalArgumentException("deduplication id must be non-empty and contain no ':', got " + id);
            }
            this.deduplicationId = id;
            return this;
        }

        /**
         * Lets QStash derive the deduplication id from destination, body and headers.
         *
         * @param enabled whether to deduplicate by content
         * @return this builder
         */
        public Builder contentBasedDeduplication(boolean enabled) {
            this.contentBasedDeduplication = enabled;
            return this;
        }

        /**
         * Flow control shared by all messages with the same key.
         *
         * @param flowControl with at least one of parallelism, rate or period
         * @return this builder
         */
        public Builder flowControl(FlowControl flowControl) {
            if (flowControl != null && !flowControl.hasLimit()) {
                throw new IllegalArgumentException("flow control '" + flowControl.key()
                        + "' needs at least one of parallelism, rate or period");
            }
            this.flowControl = flowControl;
            return this;
        }

        /**
         * Labels to filter logs and the DLQ by; replaces earlier labels.
         *
         * @param labels the labels; none sends an empty {@code Upstash-Label}
         * @return this builder
         */
        public Builder labels(String... labels) {
            this.labels.clear();
            for (String label : labels) {
                Objects.requireNonNull(label, "label");
                if (label.isEmpty() || label.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("label must be non-empty and contain no ',', got " + label);
                }
            }
            this.labels.addAll(Arrays.asList(labels));
            this.labelsSet = true;
            return this;
        }

        /**
         * Hides the body in QStash's console and API (shown as {@code REDACTED:<sha256>}); the delivery still carries it.
         *
         * @return this builder
         */
        public Builder redactBody() {
            this.redactBody = true;
            return this;
        }

        /**
         * Hides every header in QStash's console and API.
         *
         * @return this builder
         */
        public Builder redactAllHeaders() {
            this.redactAllHeaders = true;
            return this;
        }

        /**
         * Hides one header in QStash's console and API.
         *
         * @param name the header name, for example {@code Authorization}
         * @return this builder
         */
        public Builder redactHeader(String name) {
            Objects.requireNonNull(name, "name");
            this.redactedHeaders.add(name);
            return this;
        }

        /**
         * Builds the immutable request.
         *
         * @return the request
         */
        public PublishRequest build() {
            return new PublishRequest(this);
        }
    }
}
