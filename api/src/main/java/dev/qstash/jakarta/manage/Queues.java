package dev.qstash.jakarta.manage;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Queues ({@code /v2/queues}). Enqueue with {@link dev.qstash.jakarta.QStashPublisher#enqueue}; QStash creates a
 * queue on first use.
 *
 * @since 0.1
 */
public interface Queues {

    /**
     * Creates or updates a queue. Like the official SDK's {@code upsert}, it sets both values: upserting a paused
     * queue with {@code paused = false} resumes it. QStash notes that the change can take up to a minute.
     *
     * @param queueName letters, digits, {@code .}, {@code _} and {@code -}
     * @param parallelism how many deliveries may be in flight at once, at least 1
     * @param paused whether deliveries are held
     */
    default void upsert(String queueName, int parallelism, boolean paused) {
        Sync.await(upsertAsync(queueName, parallelism, paused));
    }

    /**
     * Creates or updates a queue asynchronously; see {@link #upsert(String, int, boolean)}.
     *
     * @param queueName the name
     * @param parallelism at least 1
     * @param paused whether deliveries are held
     * @return completes when QStash has answered
     */
    CompletionStage<Void> upsertAsync(String queueName, int parallelism, boolean paused);

    /**
     * Reads a queue.
     *
     * @param queueName the name
     * @return the queue
     * @throws dev.qstash.jakarta.QStashApiException with status 404 if there is none
     */
    default Queue get(String queueName) {
        return Sync.await(getAsync(queueName));
    }

    /**
     * Reads a queue asynchronously.
     *
     * @param queueName the name
     * @return the queue
     */
    CompletionStage<Queue> getAsync(String queueName);

    /**
     * Lists the queues.
     *
     * @return every queue of the region
     */
    default List<Queue> list() {
        return Sync.await(listAsync());
    }

    /**
     * Lists the queues asynchronously.
     *
     * @return every queue of the region
     */
    CompletionStage<List<Queue>> listAsync();

    /**
     * Deletes a queue.
     *
     * @param queueName the name
     */
    default void delete(String queueName) {
        Sync.await(deleteAsync(queueName));
    }

    /**
     * Deletes a queue asynchronously.
     *
     * @param queueName the name
     * @return completes when QStash has answered
     */
    CompletionStage<Void> deleteAsync(String queueName);

    /**
     * Holds the queue's deliveries; messages can still be enqueued.
     *
     * @param queueName the name
     */
    default void pause(String queueName) {
        Sync.await(pauseAsync(queueName));
    }

    /**
     * Pauses a queue asynchronously.
     *
     * @param queueName the name
     * @return completes when QStash has answered
     */
    CompletionStage<Void> pauseAsync(String queueName);

    /**
     * Resumes the queue's deliveries.
     *
     * @param queueName the name
     */
    default void resume(String queueName) {
        Sync.await(resumeAsync(queueName));
    }

    /**
     * Resumes a queue asynchronously.
     *
     * @param queueName the name
     * @return completes when QStash has answered
     */
    CompletionStage<Void> resumeAsync(String queueName);
}
