package dev.qstash.jakarta.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Delivers messages as QStash does: at their not-before time, signed with the current key, with QStash's delivery
 * headers; retries non-2xx answers and network failures with the backoff (or the destination's {@code Retry-After}),
 * calls the callback after each attempt and the failure callback once, and moves exhausted messages to the DLQ. A
 * {@code 489} answer with {@code Upstash-NonRetryable-Error: true} ends the message in the DLQ at once.
 */
final class DeliveryEngine implements AutoCloseable {

    private final AtomicInteger attemptsInFlight = new AtomicInteger();

    /** The answer with which a destination stops QStash's retries, with {@link #NON_RETRYABLE}{@code : true}. */
    static final int NON_RETRYABLE_STATUS = 489;
    static final String NON_RETRYABLE = "Upstash-NonRetryable-Error";

    /** The destination's answers that steer the next retry, in the order they are read (docs: features/retry). */
    private static final List<String> RETRY_AFTER = List.of("Retry-After", "X-RateLimit-Reset",
            "X-RateLimit-Reset-Requests", "X-RateLimit-Reset-Tokens");

    /** Headers a client may not set on java.net.http requests; never forwarded. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final SimulatorState state;
    private final String regionHeader;
    private final Supplier<String> signingKey;
    private final IntFunction<Duration> backoff;
    private final boolean remoteDeliveries;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
            "qstash-simulator-timer"));
    private final ExecutorService workers = Executors.newFixedThreadPool(8,
            r -> daemon(r, "qstash-simulator-delivery"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    DeliveryEngine(SimulatorState state, String regionHeader, Supplier<String> signingKey,
            IntFunction<Duration> backoff, boolean remoteDeliveries) {
        this.remoteDeliveries = remoteDeliveries;
        this.state = state;
        this.regionHeader = regionHeader;
        this.signingKey = signingKey;
        this.backoff = backoff;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    List<DeliveryAttempt> attempts() {
        return attempts;
    }

    /** A new message, already in the state: deliver it at its time, in its queue's turn. */
    void submit(SimMessage message) {
        if (state.claimTurn(message)) {
            schedule(message, message.notBefore);
        }
    }

    void cancel(SimMessage message) {
        synchronized (state) {
            if (message.isFinal()) {
                return;
            }
            if (message.pending != null) {
                message.pending.cancel(false);
            }
            state.finish(message, SimMessage.State.CANCELED);
            state.log(message, "CANCELED", null);
        }
        next(message);
    }

    private void schedule(SimMessage message, long atMillis) {
        long wait = Math.max(0, atMillis - System.currentTimeMillis());
        synchronized (state) {
            if (message.isFinal()) {
                return;
            }
            message.state = SimMessage.State.ACTIVE;
            if (closed) {
                return;
            }
            try {
                message.pending = timer.schedule(() -> run(() -> attempt(message)), wait, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // the simulator is closing: pending deliveries end with it
            }
        }
    }

    private void run(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException stopped) {
            // the simulator is closing
        }
    }

    private void attempt(SimMessage message) {
        int retried;
        synchronized (state) {
            if (message.isFinal() || !state.claimFlowSlot(message)) {
                return; // finished, or waiting for its flow-control key (paused, or at its parallelism)
            }
            retried = message.retried;
        }
        attemptsInFlight.incrementAndGet();
        if (!remoteDeliveries && !isLoopback(message.url)) {
            outcome(message, retried, 0, Map.of(), new byte[0], "the simulator delivers only to loopback addresses "
                    + "(QStashSimulator.Builder.remoteDeliveries)");
            return;
        }
        HttpRequest request;
        try {
            request = request(message, retried);
        } catch (RuntimeException e) {
            outcome(message, retried, 0, Map.of(), new byte[0], e.toString());
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            if (failure != null) {
                outcome(message, retried, 0, Map.of(), new byte[0], describe(failure));
            } else {
                outcome(message, retried, response.statusCode(), response.headers().map(), response.body(), null);
            }
        });
    }

    /** The root cause, for the log's {@code error}: {@code ConnectException: Connection refused}. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static boolean isLoopback(String url) {
        String host = URI.create(url).getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1"));
    }

    private HttpRequest request(SimMessage message, int retried) {
        long now = System.currentTimeMillis();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(message.url)).timeout(message.options.timeout);
        message.options.forward.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                b.header(name, value);
            }
        });
        if (message.options.contentType != null) {
            b.setHeader("Content-Type", message.options.contentType);
        }
        b.setHeader("Upstash-Signature", QStashTokens.genuine(signingKey.get(), message.url, message.body, now / 1000));
        b.setHeader("Upstash-Message-Id", message.id);
        if (message.scheduleId != null) {
            b.setHeader("Upstash-Schedule-Id", message.scheduleId);
        }
        b.setHeader("Upstash-Retried", Integer.toString(retried));
        b.setHeader("Upstash-Region", regionHeader);
        b.setHeader("Upstash-Caller-Ip", "127.0.0.1");
        b.setHeader("User-Agent", "Upstash-QStash");
        if (message.urlGroup != null) {
            b.setHeader("Upstash-Topic-Name", message.urlGroup);
        }
        return b.method(message.options.method, message.body.length == 0 && message.options.method.equals("GET")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(message.body)).build();
    }

    private void outcome(SimMessage message, int retried, int status, Map<String, List<String>> headers,
            byte[] body, String error) {
        long now = System.currentTimeMillis();
        attempts.add(new DeliveryAttempt(message.id, message.url, retried, status, now));
        attemptsInFlight.decrementAndGet();
        resume(state.releaseFlowSlot(message));
        boolean success = status >= 200 && status < 300;
        boolean nonRetryable = status == NON_RETRYABLE_STATUS && "true".equalsIgnoreCase(first(headers,
                NON_RETRYABLE));
        SimulatorState.DlqEntry dead = null;
        Long retryAt = null;
        synchronized (state) {
            if (message.isFinal()) {
                return;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("responseStatus", status);
            if (error != null) {
                detail.put("error", error);
            }
            if (success) {
                state.finish(message, SimMessage.State.DELIVERED);
                state.log(message, "DELIVERED", detail);
            } else if (!nonRetryable && retried < message.options.retries) {
                message.retried = retried + 1;
                message.state = SimMessage.State.RETRY;
                Duration wait = retryAfter(headers, now);
                retryAt = now + (wait != null ? wait : backoff.apply(retried)).toMillis();
                detail.put("nextDeliveryTime", retryAt);
                state.log(message, "RETRY", detail);
            } else {
                if (nonRetryable && error == null) {
                    detail.put("error", "the destination answered " + NON_RETRYABLE_STATUS + " with " + NON_RETRYABLE
                            + ": true");
                }
                state.finish(message, SimMessage.State.FAILED);
                state.log(message, "FAILED", detail);
                dead = state.toDlq(message, status, headers, body, now);
            }
        }
        if (message.options.callback != null && !message.isCallback) {
            callback(message, message.options.callback, message.options.callbackOptions, retried, status, headers,
                    body, null);
        }
        if (retryAt != null) {
            schedule(message, retryAt);
            return;
        }
        if (dead != null && message.options.failureCallback != null && !message.isCallback) {
            callback(message, message.options.failureCallback, message.options.failureCallbackOptions, retried,
                    status, headers, body, dead.dlqId());
        }
        next(message);
    }

    private void next(SimMessage finished) {
        start(state.releaseTurn(finished));
    }

    /** Delivery attempts under way: started and not yet answered. */
    int inFlight() {
        return attemptsInFlight.get();
    }

    /** Attempts messages that waited for their flow-control key, now. */
    void resume(List<SimMessage> messages) {
        for (SimMessage message : messages) {
            run(() -> attempt(message));
        }
    }

    /** Starts messages whose queue turn has come. */
    void start(List<SimMessage> messages) {
        for (SimMessage message : messages) {
            schedule(message, message.notBefore);
        }
    }

    /**
     * The wait the destination asked for, from the first of {@link #RETRY_AFTER} it sent that reads as delta-seconds,
     * an HTTP date or a duration of at most one day; {@code null} for the normal backoff.
     */
    private static Duration retryAfter(Map<String, List<String>> headers, long now) {
        for (String name : RETRY_AFTER) {
            Duration wait = Durations.retryAfter(first(headers, name), now);
            if (wait != null) {
                return wait;
            }
        }
        return null;
    }

    /**
     * Callbacks are new signed messages whose JSON body describes the attempt, in QStash's documented shape (docs:
     * features/callbacks): {@code status, header, body} (base64){@code , retried, maxRetries, sourceMessageId,
     * topicName, endpointName, url, method, sourceHeader, sourceBody} (base64){@code , notBefore, createdAt,
     * scheduleId, callerIP}, and {@code dlqId} in a failure callback. Header names are canonical, as QStash (Go)
     * writes them.
     */
    private void callback(SimMessage source, String url, SimMessage.Options options, int retried, int status,
            Map<String, List<String>> headers, byte[] body, String dlqId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("header", canonical(headers));
        json.put("body", Base64.getEncoder().encodeToString(body));
        json.put("retried", retried);
        json.put("maxRetries", source.options.retries);
        json.put("sourceMessageId", source.id);
        json.put("topicName", source.urlGroup == null ? "" : source.urlGroup);
        json.put("endpointName", source.endpointName == null ? "" : source.endpointName);
        json.put("url", source.url);
        json.put("method", source.options.method);
        json.put("sourceHeader", canonical(SimMessage.requestHeader(source.options)));
        json.put("sourceBody", Base64.getEncoder().encodeToString(source.body));
        json.put("notBefore", source.notBefore);
        json.put("createdAt", source.createdAt);
        json.put("scheduleId", source.scheduleId == null ? "" : source.scheduleId);
        json.put("callerIP", "127.0.0.1");
        if (dlqId != null) {
            json.put("dlqId", dlqId);
        }
        byte[] payload;
        try {
            payload = Json.MAPPER.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        SimMessage callback = new SimMessage("msg_" + QStashTokens.random(26), url, null, null, null, options,
                payload, System.currentTimeMillis(), true);
        state.add(callback);
        submit(callback);
    }

    /** Header names as Go's {@code CanonicalMIMEHeaderKey} writes them ({@code Content-Type}). */
    static Map<String, List<String>> canonical(Map<String, List<String>> headers) {
        Map<String, List<String>> result = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (!name.startsWith(":")) {
                result.merge(canonical(name), List.copyOf(values), (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                });
            }
        });
        return result;
    }

    static String canonical(String name) {
        StringBuilder s = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            s.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return s.toString();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
