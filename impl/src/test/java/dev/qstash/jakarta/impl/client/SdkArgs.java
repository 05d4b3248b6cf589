package dev.qstash.jakarta.impl.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.FlowControl;
import dev.qstash.jakarta.PublishRequest;
import dev.qstash.jakarta.impl.testing.Vectors;

/**
 * Translates the arguments of a recorded official-SDK call into the equivalent Java request, option by option, the
 * way a user porting the call would write it.
 */
final class SdkArgs {

    private SdkArgs() {
    }

    static PublishRequest request(JsonNode args, boolean json) {
        PublishRequest.Builder b = args.has("url")
                ? PublishRequest.toUrl(args.get("url").asText())
                : PublishRequest.toUrlGroup(args.has("urlGroup")
                        ? args.get("urlGroup").asText()
                        : args.get("topic").asText());
        if (args.has("body")) {
            if (json) {
                b.jsonBody(Vectors.MAPPER.convertValue(args.get("body"), Object.class));
            } else {
                b.body(args.get("body").asText());
            }
        }
        if (args.has("headers")) {
            args.get("headers").fields().forEachRemaining(h -> b.header(h.getKey(), h.getValue().asText()));
        }
        if (args.has("queueName")) {
            b.queue(args.get("queueName").asText());
        }
        if (args.has("method")) {
            b.method(args.get("method").asText());
        }
        if (args.has("delay")) {
            JsonNode delay = args.get("delay");
            if (delay.isNumber()) {
                b.delay(seconds(delay));
            } else {
                b.delay(delay.asText());
            }
        }
        if (args.has("notBefore")) {
            b.notBefore(Instant.ofEpochMilli(Math.round(args.get("notBefore").asDouble() * 1000)));
        }
        if (args.has("retries")) {
            b.retries((int) Math.round(args.get("retries").asDouble()));
        }
        if (args.has("retryDelay")) {
            b.retryDelay(args.get("retryDelay").asText());
        }
        if (args.has("timeout")) {
            JsonNode timeout = args.get("timeout");
            if (timeout.isNumber()) {
                b.timeout(seconds(timeout));
            } else {
                b.timeout(timeout.asText());
            }
        }
        if (args.has("callback")) {
            b.callback(args.get("callback").asText());
        }
        if (args.has("failureCallback")) {
            b.failureCallback(args.get("failureCallback").asText());
        }
        if (args.has("deduplicationId")) {
            b.deduplicationId(args.get("deduplicationId").asText());
        }
        if (args.has("contentBasedDeduplication")) {
            b.contentBasedDeduplication(args.get("contentBasedDeduplication").asBoolean());
        }
        if (args.has("flowControl")) {
            b.flowControl(flowControl(args.get("flowControl")));
        }
        if (args.has("label")) {
            JsonNode label = args.get("label");
            List<String> labels = new ArrayList<>();
            if (label.isArray()) {
                label.forEach(l -> labels.add(l.asText()));
            } else {
                labels.add(label.asText());
            }
            b.labels(labels.toArray(String[]::new));
        }
        if (args.has("redact")) {
            JsonNode redact = args.get("redact");
            if (redact.path("body").asBoolean(false)) {
                b.redactBody();
            }
            JsonNode header = redact.get("header");
            if (header != null && header.isBoolean() && header.asBoolean()) {
                b.redactAllHeaders();
            } else if (header != null && header.isArray()) {
                header.forEach(h -> b.redactHeader(h.asText()));
            }
        }
        return b.build();
    }

    private static FlowControl flowControl(JsonNode node) {
        FlowControl flowControl = FlowControl.key(node.get("key").asText());
        if (node.has("parallelism")) {
            flowControl = flowControl.parallelism(node.get("parallelism").asInt());
        }
        if (node.has("rate") || node.has("ratePerSecond")) {
            flowControl = flowControl.rate(node.has("rate")
                    ? node.get("rate").asInt()
                    : node.get("ratePerSecond")
                            .asInt());
        }
        if (node.has("period")) {
            JsonNode period = node.get("period");
            flowControl = period.isNumber()
                    ? flowControl.period(Duration.ofSeconds(period.asLong()))
                    : flowControl.period(period.asText());
        }
        return flowControl;
    }

    private static Duration seconds(JsonNode number) {
        return Duration.ofMillis(Math.round(number.asDouble() * 1000));
    }
}
