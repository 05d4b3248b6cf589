package dev.qstash.jakarta.manage;

import java.util.Collection;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * The dead-letter queue ({@code /v2/dlq}): messages that exhausted their retries. In a migration it stays in the old
 * region; reach it through an {@link dev.qstash.jakarta.ForRegion} publisher.
 *
 * <p>
 * Bulk operations go as query parameters, as the TypeScript SDK 2.12.0 sends them. QStash works through a large
 * bulk operation a page at a time and answers with a cursor; the {@code ...Page} methods make one such call, the
 * others follow the cursor until QStash has none. {@link #get(String)} is not in the TypeScript SDK; it is the
 * documented {@code GET /v2/dlq/{dlqId}} that the Python and Go SDKs use.
 *
 * @since 0.1
 */
public interface DeadLetterQueue {

    /** The page size the convenience methods ask for: QStash's maximum. */
    int PAGE_SIZE = 100;

    /**
     * Lists the first page, in QStash's default page size.
     *
     * @param filter what to list; {@link Filter#none()} for everything
     * @return the page
     */
    default Page<DlqMessage> list(Filter filter) {
        return Sync.await(listAsync(filter, 0, null));
    }

    /**
     * Lists one page.
     *
     * @param filter what to list
     * @param count the page size, 1 to 100; 0 for QStash's default
     * @param cursor the {@link Page#cursor()} of the previous page, or {@code null} for the first
     * @return the page
     */
    default Page<DlqMessage> list(Filter filter, int count, String cursor) {
        return Sync.await(listAsync(filter, count, cursor));
    }

    /**
     * Lists one page asynchronously; see {@link #list(Filter, int, String)}.
     *
     * @param filter what to list
     * @param count the page size, or 0
     * @param cursor the previous page's cursor, or {@code null}
     * @return the page
     */
    CompletionStage<Page<DlqMessage>> listAsync(Filter filter, int count, String cursor);

    /**
     * Every dead letter that matches, fetched a page at a time as the stream is consumed.
     *
     * @param filter what to list; {@link Filter#none()} for everything
     * @return a lazy, sequential stream; a failed page fetch throws from the stream's terminal operation
     */
    default Stream<DlqMessage> stream(Filter filter) {
        return Pages.stream(cursor -> list(filter, PAGE_SIZE, cursor));
    }

    /**
     * Reads one dead letter.
     *
     * @param dlqId its id
     * @return the dead letter
     * @throws dev.qstash.jakarta.QStashApiException with status 404 if there is none
     */
    default DlqMessage get(String dlqId) {
        return Sync.await(getAsync(dlqId));
    }

    /**
     * Reads one dead letter asynchronously.
     *
     * @param dlqId its id
     * @return the dead letter
     */
    CompletionStage<DlqMessage> getAsync(String dlqId);

    /**
     * Deletes one dead letter.
     *
     * @param dlqId its id
     */
    default void delete(String dlqId) {
        Sync.await(deleteAsync(dlqId));
    }

    /**
     * Deletes one dead letter asynchronously.
     *
     * @param dlqId its id
     * @return completes when QStash has answered
     */
    CompletionStage<Void> deleteAsync(String dlqId);

    /**
     * Deletes dead letters by id. An empty collection sends nothing and returns 0.
     *
     * @param dlqIds their ids
     * @return how many were deleted
     */
    default int delete(Collection<String> dlqIds) {
        return Sync.await(deleteAsync(dlqIds));
    }

    /**
     * Deletes dead letters by id asynchronously.
     *
     * @param dlqIds their ids
     * @return how many were deleted
     */
    CompletionStage<Integer> deleteAsync(Collection<String> dlqIds);

    /**
     * Deletes every dead letter that matches, page after page.
     *
     * @param filter a non-empty filter; use {@link #deleteAll()} for everything
     * @return how many were deleted
     * @throws IllegalArgumentException if the filter is empty
     */
    default int delete(Filter filter) {
        return Sync.await(deleteAsync(filter));
    }

    /**
     * Deletes by filter asynchronously; see {@link #delete(Filter)}.
     *
     * @param filter a non-empty filter
     * @return how many were deleted
     */
    CompletionStage<Integer> deleteAsync(Filter filter);

    /**
     * Empties the dead-letter queue, page after page.
     *
     * @return how many were deleted
     */
    default int deleteAll() {
        return Sync.await(deleteAllAsync());
    }

    /**
     * Empties the dead-letter queue asynchronously.
     *
     * @return how many were deleted
     */
    CompletionStage<Integer> deleteAllAsync();

    /**
     * Makes one bulk-delete call.
     *
     * @param filter what to delete; {@link Filter#none()} for everything
     * @param count how many to delete in this call, 1 to 100
     * @param cursor the cursor of the previous call, or {@code null}
     * @return what was deleted and where to continue
     */
    default BulkResult deletePage(Filter filter, int count, String cursor) {
        return Sync.await(deletePageAsync(filter, count, cursor));
    }

    /**
     * Makes one bulk-delete call asynchronously.
     *
     * @param filter what to delete
     * @param count 1 to 100
     * @param cursor the previous call's cursor, or {@code null}
     * @return what was deleted and where to continue
     */
    CompletionStage<BulkResult> deletePageAsync(Filter filter, int count, String cursor);

    /**
     * Publishes one dead letter again, as a new message.
     *
     * @param dlqId its id
     * @return the new message's id
     */
    default BulkResult retry(String dlqId) {
        return Sync.await(retryAsync(dlqId));
    }

    /**
     * Retries one dead letter asynchronously.
     *
     * @param dlqId its id
     * @return the new message's id
     */
    CompletionStage<BulkResult> retryAsync(String dlqId);

    /**
     * Publishes dead letters again by id. An empty collection sends nothing.
     *
     * @param dlqIds their ids
     * @return the new messages' ids
     */
    default BulkResult retry(Collection<String> dlqIds) {
        return Sync.await(retryAsync(dlqIds));
    }

    /**
     * Retries dead letters by id asynchronously.
     *
     * @param dlqIds their ids
     * @return the new messages' ids
     */
    CompletionStage<BulkResult> retryAsync(Collection<String> dlqIds);

    /**
     * Publishes every matching dead letter again, page after page.
     *
     * @param filter a non-empty filter; use {@link #retryAll()} for everything
     * @return how many were retried and the new messages' ids
     * @throws IllegalArgumentException if the filter is empty
     */
    default BulkResult retry(Filter filter) {
        return Sync.await(retryAsync(filter));
    }

    /**
     * Retries by filter asynchronously; see {@link #retry(Filter)}.
     *
     * @param filter a non-empty filter
     * @return how many were retried and the new messages' ids
     */
    CompletionStage<BulkResult> retryAsync(Filter filter);

    /**
     * Publishes every dead letter again, page after page.
     *
     * @return how many were retried and the new messages' ids
     */
    default BulkResult retryAll() {
        return Sync.await(retryAllAsync());
    }

    /**
     * Retries every dead letter asynchronously.
     *
     * @return how many were retried and the new messages' ids
     */
    CompletionStage<BulkResult> retryAllAsync();

    /**
     * Makes one bulk-retry call.
     *
     * @param filter what to retry; {@link Filter#none()} for everything
     * @param count how many to retry in this call, 1 to 100
     * @param cursor the cursor of the previous call, or {@code null}
     * @return what was retried and where to continue
     */
    default BulkResult retryPage(Filter filter, int count, String cursor) {
        return Sync.await(retryPageAsync(filter, count, cursor));
    }

    /**
     * Makes one bulk-retry call asynchronously.
     *
     * @param filter what to retry
     * @param count 1 to 100
     * @param cursor the previous call's cursor, or {@code null}
     * @return what was retried and where to continue
     */
    CompletionStage<BulkResult> retryPageAsync(Filter filter, int count, String cursor);
}
