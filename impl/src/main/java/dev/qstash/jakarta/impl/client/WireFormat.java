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
import java.util.TreeMap;
import java.util.regex.Pattern;

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
 * Destinations are serialised as the SDK's {@code new URL(...)} does ({@link UrlPath}), JSON as {@code JSON.stringify}
 * ({@link Json}), header values trimmed as its {@code Headers} trims them. Deliberate differences, each explained in
 * the README: no {@code Upstash-Telemetry-*} headers; a binary body without a content type goes as
 * {@code application/octet-stream}; characters {@link java.net.URI} cannot hold are percent-encoded in the path;
 * IPv6 literal destination hosts are refused; HTTP header values must be ASCII ({@link #httpHeaders}).
 */
final class WireFormat {

    static final String TEXT_UTF8 = "text/plain;charset=UTF-8";
    static final String JSON = "application/json";
    static final String OCTET_STREAM = "application/octet-stream";

    /** A destination whose host is an IPv6 literal: {@code scheme://[} or {@code scheme://user@[}. */
    private static final Pattern IPV6_HOST = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[/\\\\\t\n\r]*[^/\\\\?#]*\\[");

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

    /** Whether a client-wide header of this name (lower case, as sent) is set. */
    boolean hasHeader(String wireName) {
        return defaults.containsKey(wireName);
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
        return new ApiCall("POST", destinationPath(prefix, request), httpHeaders(headers(request)), body,
                body == null ? null : contentType);
    }

    /**
     * The call for {@code POST /v2/schedules/{destination}}. As the SDK sends it: the content type defaults to
     * {@code application/json}, {@code Upstash-Method} goes only when a method was given (even {@code POST}), and
     * the queue travels as {@code Upstash-Queue-Name}.
     */
    ApiCall scheduleCall(ScheduleRequest schedule) {
        PublishRequest request = schedule.message();
        Map<String, String> headers = headers(request);
        if (!request.isMethodSet()) {
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
        return new ApiCall("POST", destinationPath("/schedules/", request), httpHeaders(headers), body(request),
                contentType);
    }

    /**
     * The call for {@code /v2/batch}: a JSON array of {@code {destination, headers, body, queue?}}, each message's
     * headers sorted by name as the SDK's {@code Object.fromEntries(headers.entries())} gives them.
     */
    ApiCall batchCall(List<PublishRequest> requests) {
        List<Map<String, Object>> messages = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            PublishRequest request = requests.get(i);
            Map<String, String> headers = new TreeMap<>();
            String contentType = request.jsonBody() != null ? JSON : request.contentType();
            if (contentType != null) {
                headers.put("content-type", contentType);
            }
            headers.putAll(headers(request));
            headers.replaceAll((name, value) -> headerValue(name, value, false));
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
            return ApiCall.json("POST", "/batch", Json.bytes(messages));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("batch could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] body(PublishRequest request) {
        if (request.jsonBody() == null) {
            return request.body();
        }
        try {
            return Json.bytes(request.jsonBody());
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
        if (request.isLabelsSet()) {
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
     * Header values as sent over HTTP. The SDK's {@code Headers} trims spaces, tabs and newlines off each end and
     * refuses a value with a newline or NUL inside, or with a character above U+00FF; {@code fetch} then sends each
     * character as one Latin-1 byte. Java's {@code HttpURLConnection}, which sends our destination calls, writes header
     * text in the JVM's locale encoding instead ({@code Straße} is {@code C3 9F} under UTF-8, {@code 3F 3F} under
     * POSIX), so no Latin-1 byte above 0x7F can be sent the same on every JVM: values must be ASCII, and others are
     * refused before anything is sent. So are control characters other than tab, which the SDK sends and HTTP servers
     * (Node's, Go's and so QStash's) refuse.
     */
    static Map<String, String> httpHeaders(Map<String, String> headers) {
        headers.replaceAll((name, value) -> headerValue(name, value, true));
        return headers;
    }

    /**
     * One header value as the SDK's {@code Headers} holds it: trimmed of HTTP whitespace, checked.
     *
     * @param ascii whether the value goes as an HTTP header (ASCII only) or inside a batch's JSON (Latin-1)
     */
    static String headerValue(String name, String value, boolean ascii) {
        int start = 0;
        int end = value.length();
        while (start < end && isHttpWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isHttpWhitespace(value.charAt(end - 1))) {
            end--;
        }
        String trimmed = value.substring(start, end);
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + " has a line break or NUL in its value (at "
                        + i + "); the official SDK refuses it too");
            }
            if (c > 0xFF) {
                throw new IllegalArgumentException("header " + name + " has a character above U+00FF (U+"
                        + String.format("%04X", (int) c) + " at " + i + "); header values are Latin-1, as in the "
                        + "official SDK, which refuses it too: percent-encode it or send it in the body");
            }
            if (ascii && (c < 0x20 && c != '\t' || c == 0x7F)) {
                throw new IllegalArgumentException("header " + name + " has a control character in its value (U+"
                        + String.format("%04X", (int) c) + " at " + i + "); HTTP servers, QStash's too, refuse "
                        + "the request");
            }
            if (ascii && c > 0x7E) {
                throw new IllegalArgumentException("header " + name + " has a character outside ASCII (U+"
                        + String.format("%04X", (int) c) + " at " + i + "); Java's HTTP client sends header text in "
                        + "the JVM's locale encoding, so its bytes would differ from machine to machine: "
                        + "percent-encode it or send it in the body (a batch carries Latin-1 header values)");
            }
        }
        return trimmed;
    }

    private static boolean isHttpWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * The path of a call with the destination (or URL group) after {@code prefix}, as the SDK's {@code new URL(...)}
     * makes it ({@link UrlPath}), made acceptable to {@link java.net.URI}.
     */
    static String destinationPath(String prefix, PublishRequest request) {
        String destination = request.destination();
        if (!request.isUrlGroup() && IPV6_HOST.matcher(destination).lookingAt()) {
            throw new IllegalArgumentException("the destination's host is an IPv6 literal ([...]), which a Jakarta "
                    + "REST client cannot send: java.net.URI refuses '[' in a request path, and QStash would read its "
                    + "escape %5B as part of the host name; give the destination a host name");
        }
        String path = UrlPath.whatwg("/v2" + prefix + destination);
        String start = prefix.substring(0, prefix.indexOf('/', 1) + 1);
        if (!path.startsWith("/v2" + start)) {
            throw new IllegalArgumentException("the destination climbs out of /v2" + start + " with '..' segments");
        }
        return UrlPath.forJavaUri(path).substring(3);
    }
}
