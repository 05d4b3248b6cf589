package dev.qstash.jakarta.impl.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.manage.BulkResult;
import dev.qstash.jakarta.manage.DlqMessage;
import dev.qstash.jakarta.manage.Endpoint;
import dev.qstash.jakarta.manage.FlowControlState;
import dev.qstash.jakarta.manage.GlobalParallelism;
import dev.qstash.jakarta.manage.LogEntry;
import dev.qstash.jakarta.manage.Message;
import dev.qstash.jakarta.manage.Page;
import dev.qstash.jakarta.manage.Queue;
import dev.qstash.jakarta.manage.Schedule;
import dev.qstash.jakarta.manage.SigningKeyPair;
import dev.qstash.jakarta.manage.UrlGroup;

/**
 * QStash's JSON answers as the API's records. Missing fields become {@code null} (or empty collections), unknown
 * fields are ignored, and the spellings QStash and its documents disagree on ({@code callerIP}/{@code callerIp},
 * {@code CANCELED}/{@code CANCELLED}, header values as strings or arrays) are all read.
 */
final class Records {

    private Records() {
    }

    static <T> List<T> list(JsonNode node, Function<JsonNode, T> element) {
        List<T> result = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(e -> result.add(element.apply(e)));
        }
        return List.copyOf(result);
    }

    static Queue queue(JsonNode n) {
        return new Queue(text(n, "name"), n.path("parallelism").asInt(1), n.path("lag").asLong(0),
                n.path("paused").asBoolean(false), millis(n, "createdAt"), millis(n, "updatedAt"));
    }

    static UrlGroup urlGroup(JsonNode n) {
        return new UrlGroup(text(n, "name"), list(n.get("endpoints"),
                e -> new Endpoint(text(e, "name"), text(e, "url"))), millis(n, "createdAt"), millis(n, "updatedAt"));
    }

    static Message message(JsonNode n) {
        return new Message(text(n, "messageId"), text(n, "url"), text(n, "topicName"), text(n, "endpointName"),
                text(n, "method"), headers(n.get("header")), body(n, "body"), integer(n, "maxRetries"),
                text(n, "retryDelayExpression"), millis(n, "notBefore"), millis(n, "createdAt"),
                text(n, "callback"), text(n, "failureCallback"), text(n, "queueName"), text(n, "scheduleId"),
                callerIp(n), text(n, "flowControlKey"), integer(n, "parallelism"), integer(n, "rate"),
                seconds(n, "period"), labels(n));
    }

    static DlqMessage dlqMessage(JsonNode n) {
        return new DlqMessage(text(n, "dlqId"), message(n), integer(n, "responseStatus"),
                headers(n.get("responseHeader")), body(n, "responseBody"));
    }

    static Page<DlqMessage> dlqPage(JsonNode n) {
        return new Page<>(list(n.get("messages"), Records::dlqMessage), text(n, "cursor"));
    }

    static Schedule schedule(JsonNode n) {
        return new Schedule(text(n, "scheduleId"), text(n, "cron"), text(n, "destination"), text(n, "method"),
                headers(n.get("header")), body(n, "body"), integer(n, "retries"), seconds(n, "delay"),
                text(n, "retryDelayExpression"), text(n, "callback"), text(n, "failureCallback"), callerIp(n),
                n.path("isPaused").asBoolean(false), text(n, "queueName"), text(n, "flowControlKey"),
                integer(n, "parallelism"), integer(n, "rate"), seconds(n, "period"), labels(n),
                millis(n, "createdAt"), millis(n, "lastScheduleTime"), millis(n, "nextScheduleTime"));
    }

    /** A log entry's body is base64 (the API reference says so, and the recorded answers agree). */
    static LogEntry logEntry(JsonNode n) {
        String body = text(n, "body");
        return new LogEntry(millis(n, "time"), state(text(n, "state")), text(n, "messageId"), text(n, "url"),
                text(n, "topicName"), text(n, "endpointName"), text(n, "queueName"), text(n, "scheduleId"),
                millis(n, "nextDeliveryTime"), text(n, "error"), integer(n, "responseStatus"),
                headers(n.get("header")), body == null ? null : decodeBase64(body), labels(n));
    }

    static Page<LogEntry> logPage(JsonNode n) {
        JsonNode entries = n.has("events") ? n.get("events") : n.get("logs");
        return new Page<>(list(entries, Records::logEntry), text(n, "cursor"));
    }

    static BulkResult deleted(JsonNode n) {
        return new BulkResult(n.path("deleted").asInt(0), List.of(), text(n, "cursor"));
    }

    static BulkResult retried(JsonNode n) {
        List<String> ids = list(n.get("responses"), r -> text(r, "messageId"));
        return new BulkResult(ids.size(), ids, text(n, "cursor"));
    }

    static SigningKeyPair signingKeys(JsonNode n) {
        String current = text(n, "current");
        String next = text(n, "next");
        if (current == null || next == null) {
            throw new QStashException("QStash's answer has no " + (current == null ? "current" : "next")
                    + " signing key");
        }
        return new SigningKeyPair(current, next);
    }

    static FlowControlState flowControl(JsonNode n) {
        return new FlowControlState(text(n, "flowControlKey"), n.path("waitListSize").asInt(0),
                integer(n, "parallelismMax"), n.path("parallelismCount").asInt(0), integer(n, "rateMax"),
                n.path("rateCount").asInt(0), seconds(n, "ratePeriod"), millis(n, "ratePeriodStart"),
                n.path("isPaused").asBoolean(false), n.path("isPinnedParallelism").asBoolean(false),
                n.path("isPinnedRate").asBoolean(false));
    }

    static GlobalParallelism globalParallelism(JsonNode n) {
        return new GlobalParallelism(n.path("parallelismMax").asInt(0), n.path("parallelismCount").asInt(0));
    }

    static String text(JsonNode n, String field) {
        JsonNode value = n == null ? null : n.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || !value.isNumber() ? null : value.asInt();
    }

    private static Instant millis(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || !value.isNumber() || value.asLong() == 0 ? null : Instant.ofEpochMilli(value.asLong());
    }

    private static Duration seconds(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || !value.isNumber() ? null : Duration.ofSeconds(value.asLong());
    }

    private static String callerIp(JsonNode n) {
        String ip = text(n, "callerIP");
        return ip != null ? ip : text(n, "callerIp");
    }

    private static List<String> labels(JsonNode n) {
        if (n.has("labels")) {
            return list(n.get("labels"), JsonNode::asText);
        }
        String label = text(n, "label");
        return label == null || label.isEmpty() ? List.of() : List.of(label.split(","));
    }

    /** {@code {name: [values]}} in messages, {@code {name: value}} in logs. */
    private static Map<String, List<String>> headers(JsonNode n) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> headers.put(e.getKey(),
                    e.getValue().isArray() ? list(e.getValue(), JsonNode::asText) : List.of(e.getValue().asText())));
        }
        return Collections.unmodifiableMap(headers);
    }

    /** {@code body} as UTF-8 text, or {@code bodyBase64} for bodies that are not. */
    private static byte[] body(JsonNode n, String field) {
        String text = text(n, field);
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        String base64 = text(n, field + "Base64");
        return base64 == null ? null : decodeBase64(base64);
    }

    private static byte[] decodeBase64(String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException notBase64) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static LogEntry.State state(String value) {
        if (value == null) {
            return LogEntry.State.UNKNOWN;
        }
        if (value.equals("CANCELLED")) {
            return LogEntry.State.CANCELED;
        }
        try {
            return LogEntry.State.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            return LogEntry.State.UNKNOWN;
        }
    }
}
