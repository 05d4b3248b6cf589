package dev.qstash.jakarta.impl.client;

import static dev.qstash.jakarta.impl.client.Query.segment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.qstash.jakarta.QStashException;
import dev.qstash.jakarta.manage.BulkResult;
import dev.qstash.jakarta.manage.DeadLetterQueue;
import dev.qstash.jakarta.manage.DlqMessage;
import dev.qstash.jakarta.manage.Filter;
import dev.qstash.jakarta.manage.Page;

/** {@code /v2/dlq}, with bulk calls as query parameters as the TypeScript SDK 2.12.0 sends them. */
final class DeadLetterQueueClient implements DeadLetterQueue {

    static final Set<String> CRITERIA = Set.of("messageId", "url", "topicName", "scheduleId", "queueName",
            "responseStatus", "label", "flowControlKey", "callerIp", "fromDate", "toDate", "dlqIds");

    private final Transport transport;

    DeadLetterQueueClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public CompletionStage<Page<DlqMessage>> listAsync(Filter filter, int count, String cursor) {
        String path = Query.path("/dlq").count(Query.checkedCount(count, PAGE_SIZE, true))
                .filter(filter, CRITERIA, "the DLQ").cursor(cursor).toString();
        return transport.json(ApiCall.of("GET", path), Records::dlqPage);
    }

    @Override
    public CompletionStage<DlqMessage> getAsync(String dlqId) {
        return transport.json(ApiCall.of("GET", "/dlq/" + segment(dlqId, "DLQ id")), Records::dlqMessage);
    }

    @Override
    public CompletionStage<Void> deleteAsync(String dlqId) {
        return transport.empty(ApiCall.of("DELETE", "/dlq/" + segment(dlqId, "DLQ id")));
    }

    @Override
    public CompletionStage<Integer> deleteAsync(Collection<String> dlqIds) {
        List<String> ids = Query.requireIds(dlqIds, "DLQ id");
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return transport.json(ApiCall.of("DELETE", Query.path("/dlq").addAll("dlqIds", ids).toString()),
                Records::deleted).thenApply(BulkResult::count);
    }

    @Override
    public CompletionStage<Integer> deleteAsync(Filter filter) {
        requireCriteria(filter, "delete", "deleteAll()");
        return all(filter, this::deletePageAsync).thenApply(BulkResult::count);
    }

    @Override
    public CompletionStage<Integer> deleteAllAsync() {
        return all(Filter.none(), this::deletePageAsync).thenApply(BulkResult::count);
    }

    @Override
    public CompletionStage<BulkResult> deletePageAsync(Filter filter, int count, String cursor) {
        String path = Query.path("/dlq").filter(filter, CRITERIA, "the DLQ")
                .count(Query.checkedCount(count, PAGE_SIZE, false)).cursor(cursor).toString();
        return transport.json(ApiCall.of("DELETE", path), Records::deleted);
    }

    @Override
    public CompletionStage<BulkResult> retryAsync(String dlqId) {
        return retryAsync(List.of(Query.requireId(dlqId, "DLQ id")));
    }

    @Override
    public CompletionStage<BulkResult> retryAsync(Collection<String> dlqIds) {
        List<String> ids = Query.requireIds(dlqIds, "DLQ id");
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(new BulkResult(0, List.of(), null));
        }
        return transport.json(ApiCall.of("POST", Query.path("/dlq/retry").addAll("dlqIds", ids).toString()),
                Records::retried);
    }

    @Override
    public CompletionStage<BulkResult> retryAsync(Filter filter) {
        requireCriteria(filter, "retry", "retryAll()");
        return all(filter, this::retryPageAsync);
    }

    @Override
    public CompletionStage<BulkResult> retryAllAsync() {
        return all(Filter.none(), this::retryPageAsync);
    }

    @Override
    public CompletionStage<BulkResult> retryPageAsync(Filter filter, int count, String cursor) {
        String path = Query.path("/dlq/retry").filter(filter, CRITERIA, "the DLQ")
                .count(Query.checkedCount(count, PAGE_SIZE, false)).cursor(cursor).toString();
        return transport.json(ApiCall.of("POST", path), Records::retried);
    }

    private static void requireCriteria(Filter filter, String what, String instead) {
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("an empty filter would " + what + " the whole DLQ; use " + instead);
        }
    }

    /** One bulk call: {@link #deletePageAsync} or {@link #retryPageAsync}. */
    @FunctionalInterface
    private interface PageCall {

        CompletionStage<BulkResult> call(Filter filter, int count, String cursor);
    }

    /** Calls {@code page} with QStash's cursor until it has none, adding up the results. */
    private static CompletionStage<BulkResult> all(Filter filter, PageCall page) {
        return next(filter, page, null, 0, new ArrayList<>());
    }

    private static CompletionStage<BulkResult> next(Filter filter, PageCall page, String cursor, int total,
            List<String> messageIds) {
        return page.call(filter, PAGE_SIZE, cursor).thenCompose(result -> {
            int sum = total + result.count();
            messageIds.addAll(result.messageIds());
            if (result.cursor() == null) {
                return CompletableFuture.completedFuture(new BulkResult(sum, messageIds, null));
            }
            if (result.cursor().equals(cursor)) {
                throw new QStashException("QStash answered with the cursor it was given (" + cursor
                        + "); stopped after " + sum + " dead letters");
            }
            return next(filter, page, result.cursor(), sum, messageIds);
        });
    }
}
