package dev.qstash.jakarta.impl.client;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.qstash.jakarta.FlowControl;
import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.manage.ScheduleRequest;

/**
 * How a {@link PublishRequest} goes on the wire, identical to the official TypeScript SDK 2.12.0 (checked against
 * its recorded requests): lower-case header names; {@code Upstash-Method} always sent; user headers prefixed
 * {@code Upstash-Forward-} unless they start with {@code Upstash-}; JSON bodies as {@code application/json}; text
 * bodies as {@code text/plain;charset=UTF-8} unless a content type is set (in a batch, only an explicit one).
 *
 * <p>
 * Two deliberate differences: we send no {@code Upstash-Telemetry-*} headers, and a binary body without a content
 * type goes as {@code application/octet-stream}.
 */
final class WireFormat {

    static final String TEXT_UTF8 = "text/plain;charset=UTF-8";
    static final String JSON = "application/json";
    static final String OCTET_STREAM = "application/octet-stream";

    /** No client-wide headers. */
    static final WireFormat PLAIN = new WireFormat(Map.of());

    /** The client-wide headers as sent: lower-case, prefixed. */
    private final Map<String, String> defaults;

    /**
     * @param defaultHeaders headers for every message, as {@link QStashPublisher.Builder#defaultHeader} takes them
     */
    WireFormat(Map<String, String> defaultHeaders) {
        Map<String, String> prefixed = new LinkedHashMap<>();
        defaultHeaders.forEach((name, value) -> prefixed.put(wireName(name), value));
        this.defaults = Map.copyOf(prefixed);
    }

    /** The call for {@code /v2/publish/...} or {@code /v2/enqueue/{queue}/...}. */
    ApiCall publishCall(PublishRequest request) {
        byte[] body = body(request);
        String contentType = request.jsonBody() != null
                ? JSON
                : request.contentType() != null
                        ? request.contentType()
                        : body == null ? null : request.isTextBody() ? TEXT_UTF8 : OCTET_STREAM;
        String prefix = request.queue() == null ? "/publish/" : "/enqueue/" + request.queue() + "/";
        return new ApiCall("POST", prefix + encodeDestination(request.destination()), headers(request), body,
                body == null ? null : contentType);
    }

    /**
     * The call for {@code POST /v2/schedules/{destination}}. As the SDK sends it: the content type defaults to
     * {@code application/json}, {@code Upstash-Method} goes only when it is not the default {@code POST}, and the
     * queue travels as {@code Upstash-Queue-Name}.
     */
    ApiCall scheduleCall(ScheduleRequest schedule) {
        PublishRequest request = schedule.message();
        Map<String, String> headers = headers(request);
        if ("POST".equals(request.method())) {
            headers.remove("upstash-method");
        }
        headers.put("upstash-cron", schedule.cron());
        if (schedule.scheduleId() != null) {
            headers.put("upstash-schedule-id", schedule.scheduleId());
        }
        if (request.queue() != null) {
            headers.put("upstash-queue-name", request.queue());
        }
        String contentType = request.contentType() != null ? request.contentType() : JSON;
        return new ApiCall("POST", "/schedules/" + encodeDestination(request.destination()), headers, body(request),
                contentType);
    }

    /** The call for {@code /v2/batch}: a JSON array of {@code {destination, headers, body, queue?}}. */
    ApiCall batchCall(List<PublishRequest> requests) {
        List<Map<String, Object>> messages = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            PublishRequest request = requests.get(i);
            Map<String, String> headers = new LinkedHashMap<>();
            String contentType = request.jsonBody() != null ? JSON : request.contentType();
            if (contentType != null) {
                headers.put("content-type", contentType);
            }
            headers.putAll(headers(request));
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("destination", request.destination());
            message.put("headers", headers);
            byte[] body = body(request);
            if (body != null) {
                message.put("body", utf8(body, i));
            }
            if (request.queue() != null) {
                message.put("queue", request.queue());
            }
            messages.add(message);
        }
        try {
            return ApiCall.json("POST", "/batch", Json.MAPPER.writeValueAsBytes(messages));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("batch could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] body(PublishRequest request) {
        if (request.jsonBody() == null) {
            return request.body();
        }
        try {
            return Json.MAPPER.writeValueAsBytes(request.jsonBody());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON body of " + request + " could not be serialised with Jackson: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String utf8(byte[] body, int index) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("batch message " + index + " has a body that is not UTF-8 text; "
                    + "a batch carries bodies as JSON strings, so publish binary bodies one by one");
        }
    }

    /**
     * Every {@code Upstash-*} header of the request, lower-case names, without {@code content-type}: the client-wide
     * headers first, then the request's own headers and options, which win (as in the SDK, where a request's
     * {@code retries} replaced a client-wide {@code Upstash-Retries}).
     */
    Map<String, String> headers(PublishRequest request) {
        Map<String, String> headers = new LinkedHashMap<>(defaults);
        request.headers().forEach((name, value) -> headers.put(wireName(name), value));
        headers.put("upstash-method", request.method());
        putIfSet(headers, "upstash-delay", request.delay());
        putIfSet(headers, "upstash-not-before", request.notBefore());
        putIfSet(headers, "upstash-retries", request.retries());
        putIfSet(headers, "upstash-retry-delay", request.retryDelay());
        putIfSet(headers, "upstash-timeout", request.timeout());
        putIfSet(headers, "upstash-callback", request.callback());
        putIfSet(headers, "upstash-failure-callback", request.failureCallback());
        putIfSet(headers, "upstash-deduplication-id", request.deduplicationId());
        if (request.contentBasedDeduplication()) {
            headers.put("upstash-content-based-deduplication", "true");
        }
        FlowControl flowControl = request.flowControl();
        if (flowControl != null) {
            headers.put("upstash-flow-control-key", flowControl.key());
            List<String> value = new ArrayList<>(3);
            if (flowControl.parallelism() != null) {
                value.add("parallelism=" + flowControl.parallelism());
            }
            if (flowControl.rate() != null) {
                value.add("rate=" + flowControl.rate());
            }
            if (flowControl.period() != null) {
                value.add("period=" + flowControl.period());
            }
            headers.put("upstash-flow-control-value", String.join(", ", value));
        }
        if (!request.labels().isEmpty()) {
            headers.put("upstash-label", String.join(",", request.labels()));
        }
        List<String> redact = new ArrayList<>();
        if (request.redactBody()) {
            redact.add("body");
        }
        if (request.redactAllHeaders()) {
            redact.add("header");
        } else {
            request.redactedHeaders().forEach(name -> redact.add("header[" + name + "]"));
        }
        if (!redact.isEmpty()) {
            headers.put("upstash-redact-fields", String.join(",", redact));
        }
        return headers;
    }

    /** A user header's name on the wire: lower case, {@code Upstash-Forward-} unless it is an {@code Upstash-} one. */
    static String wireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("upstash-") ? lower : "upstash-forward-" + lower;
    }

    private static void putIfSet(Map<String, String> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value.toString());
        }
    }

    /**
     * The destination as the official SDK puts it after {@code /v2/publish/}: verbatim, except that a fragment is
     * dropped and characters a URL cannot carry (non-ASCII, space, controls, quotes, brackets, a {@code %} that
     * starts no escape) are percent-encoded as UTF-8, as the WHATWG URL parser does. Existing escapes such as
     * {@code %2F} are kept; the destination's query string becomes the request's.
     */
    static String encodeDestination(String destination) {
        int fragment = destination.indexOf('#');
        String value = fragment >= 0 ? destination.substring(0, fragment) : destination;
        StringBuilder out = new StringBuilder(value.length() + 16);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.append('%');
            } else if (b > 0x20 && b < 0x7f && "\"<>\\^`{|}%[]".indexOf(b) < 0) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
