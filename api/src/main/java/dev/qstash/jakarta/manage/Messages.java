package dev.qstash.jakarta.manage;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * Messages QStash still holds ({@code /v2/messages}): read or cancel them before they are delivered. Bulk cancels
 * go as query parameters, as the TypeScript SDK 2.12.0 sends them (the Python and Go SDKs send a JSON body).
 *
 * @since 0.1
 */
public interface Messages {

    /**
     * Reads a message. QStash forgets a message soon after delivering it.
     *
     * @param messageId the id
     * @return the message
     * @throws dev.qstash.jakarta.QStashApiException with status 404 if QStash holds none
     */
    default Message get(String messageId) {
        return Sync.await(getAsync(messageId));
    }

    /**
     * Reads a message asynchronously.
     *
     * @param messageId the id
     * @return the message
     */
    CompletionStage<Message> getAsync(String messageId);

    /**
     * Cancels one message.
     *
     * @param messageId the id
     * @return how many messages were cancelled, as QStash counts them (1 when its answer carries no count)
     * @throws dev.qstash.jakarta.QStashApiException with status 404 if QStash holds no such message
     */
    default int cancel(String messageId) {
        return Sync.await(cancelAsync(messageId));
    }

    /**
     * Cancels one message asynchronously.
     *
     * @param messageId the id
     * @return how many messages were cancelled
     */
    CompletionStage<Integer> cancelAsync(String messageId);

    /**
     * Cancels messages by id. An empty collection sends nothing and returns 0.
     *
     * @param messageIds the ids
     * @return how many messages were cancelled
     */
    default int cancel(Collection<String> messageIds) {
        return Sync.await(cancelAsync(messageIds));
    }

    /**
     * Cancels messages by id asynchronously.
     *
     * @param messageIds the ids
     * @return how many messages were cancelled
     */
    CompletionStage<Integer> cancelAsync(Collection<String> messageIds);

    /**
     * Cancels every message that matches the filter.
     *
     * @param filter a non-empty filter; use {@link #cancelAll()} for everything
     * @return how many messages QStash counted for cancelling (a snapshot, not progress)
     * @throws IllegalArgumentException if the filter is empty or has a criterion messages lack
     */
    default int cancel(Filter filter) {
        return Sync.await(cancelAsync(filter));
    }

    /**
     * Cancels by filter asynchronously; see {@link #cancel(Filter)}.
     *
     * @param filter a non-empty filter
     * @return how many messages QStash counted for cancelling
     */
    CompletionStage<Integer> cancelAsync(Filter filter);

    /**
     * Cancels every message of the region.
     *
     * @return how many messages QStash counted for cancelling
     */
    default int cancelAll() {
        return Sync.await(cancelAllAsync());
    }

    /**
     * Cancels every message asynchronously.
     *
     * @return how many messages QStash counted for cancelling
     */
    CompletionStage<Integer> cancelAllAsync();
}
