package dev.qstash.jakarta.impl.client;

import java.util.Set;
import java.util.concurrent.CompletionStage;

import dev.qstash.jakarta.manage.Filter;
import dev.qstash.jakarta.manage.LogEntry;
import dev.qstash.jakarta.manage.Logs;
import dev.qstash.jakarta.manage.Page;

/** {@code GET /v2/events}. */
final class LogsClient implements Logs {

    static final Set<String> CRITERIA = Set.of("state", "url", "topicName", "queueName", "scheduleId", "label",
            "flowControlKey", "callerIp", "host", "path", "fromDate", "toDate", "messageIds");

    private static final int MAX_COUNT = 1000;

    private final Transport transport;

    LogsClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public CompletionStage<Page<LogEntry>> listAsync(Filter filter, int count, String cursor) {
        String path = Query.path("/events").count(Query.checkedCount(count, MAX_COUNT, true))
                .filter(filter, CRITERIA, "logs").cursor(cursor).toString();
        return transport.json(ApiCall.of("GET", path), Records::logPage);
    }
}
