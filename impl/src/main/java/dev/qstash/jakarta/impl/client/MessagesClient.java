package dev.qstash.jakarta.impl.client;

import static dev.qstash.jakarta.impl.client.Query.segment;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;

import dev.qstash.jakarta.manage.Filter;
import dev.qstash.jakarta.manage.Message;
import dev.qstash.jakarta.manage.Messages;

/**
 * {@code /v2/messages}. Bulk cancels carry {@code count=100} as the SDK sends them; QStash ignores it for cancels.
 */
final class MessagesClient implements Messages {

    static final Set<String> CRITERIA = Set.of("url", "topicName", "queueName", "scheduleId", "label",
            "flowControlKey", "callerIp", "host", "path", "fromDate", "toDate");

    private final Transport transport;

    MessagesClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public CompletionStage<Message> getAsync(String messageId) {
        return transport.json(ApiCall.of("GET", "/messages/" + segment(messageId, "Message id")), Records::message);
    }

    @Override
    public CompletionStage<Integer> cancelAsync(String messageId) {
        // QStash's answer to a single cancel is not documented (the SDK 2.12.0 reads {cancelled}); a 2xx answer
        // without that count means the one message was cancelled
        return transport.json(ApiCall.of("DELETE", "/messages/" + segment(messageId, "Message id")),
                n -> n.has("cancelled") ? cancelled(n) : 1);
    }

    @Override
    public CompletionStage<Integer> cancelAsync(Collection<String> messageIds) {
        List<String> ids = Query.requireIds(messageIds, "Message id");
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return transport.json(ApiCall.of("DELETE", Query.path("/messages").addAll("messageIds", ids).toString()),
                MessagesClient::cancelled);
    }

    @Override
    public CompletionStage<Integer> cancelAsync(Filter filter) {
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("an empty filter would cancel every message; use cancelAll()");
        }
        String path = Query.path("/messages").filter(filter, CRITERIA, "messages").add("count", 100).toString();
        return transport.json(ApiCall.of("DELETE", path), MessagesClient::cancelled);
    }

    @Override
    public CompletionStage<Integer> cancelAllAsync() {
        return transport.json(ApiCall.of("DELETE", "/messages?count=100"), MessagesClient::cancelled);
    }

    private static int cancelled(JsonNode n) {
        return n.path("cancelled").asInt(0);
    }
}
