package dev.qstash.jakarta.manage;

import java.util.concurrent.CompletionStage;

import dev.qstash.jakarta.FlowControl;

/**
 * Flow-control keys ({@code /v2/flowControl}): the limits messages share when they carry the same
 * {@link FlowControl#key() key}.
 *
 * @since 0.1
 */
public interface FlowControls {

    /**
     * Reads a key's state.
     *
     * @param key the flow-control key
     * @return its state
     * @throws dev.qstash.jakarta.QStashApiException with status 404 if QStash knows no such key
     */
    default FlowControlState get(String key) {
        return Sync.await(getAsync(key));
    }

    /**
     * Reads a key's state asynchronously.
     *
     * @param key the flow-control key
     * @return its state
     */
    CompletionStage<FlowControlState> getAsync(String key);

    /**
     * Reads the account-wide parallelism.
     *
     * @return the limit and the deliveries in flight
     */
    default GlobalParallelism globalParallelism() {
        return Sync.await(globalParallelismAsync());
    }

    /**
     * Reads the account-wide parallelism asynchronously.
     *
     * @return the limit and the deliveries in flight
     */
    CompletionStage<GlobalParallelism> globalParallelismAsync();

    /**
     * Holds deliveries of messages with this key.
     *
     * @param key the flow-control key
     */
    default void pause(String key) {
        Sync.await(pauseAsync(key));
    }

    /**
     * Pauses a key asynchronously.
     *
     * @param key the flow-control key
     * @return completes when QStash has answered
     */
    CompletionStage<Void> pauseAsync(String key);

    /**
     * Resumes deliveries of messages with this key.
     *
     * @param key the flow-control key
     */
    default void resume(String key) {
        Sync.await(resumeAsync(key));
    }

    /**
     * Resumes a key asynchronously.
     *
     * @param key the flow-control key
     * @return completes when QStash has answered
     */
    CompletionStage<Void> resumeAsync(String key);

    /**
     * Pins limits: they override what messages carry until unpinned. Pinning resets the rate state.
     *
     * @param limits the key and at least one of parallelism, rate and period; a period must be whole seconds
     */
    default void pin(FlowControl limits) {
        Sync.await(pinAsync(limits));
    }

    /**
     * Pins limits asynchronously; see {@link #pin(FlowControl)}.
     *
     * @param limits the key and the limits
     * @return completes when QStash has answered
     */
    CompletionStage<Void> pinAsync(FlowControl limits);

    /**
     * Unpins limits, so that messages' own values apply again.
     *
     * @param key the flow-control key
     * @param parallelism whether to unpin the parallelism
     * @param rate whether to unpin the rate
     */
    default void unpin(String key, boolean parallelism, boolean rate) {
        Sync.await(unpinAsync(key, parallelism, rate));
    }

    /**
     * Unpins limits asynchronously.
     *
     * @param key the flow-control key
     * @param parallelism whether to unpin the parallelism
     * @param rate whether to unpin the rate
     * @return completes when QStash has answered
     */
    CompletionStage<Void> unpinAsync(String key, boolean parallelism, boolean rate);

    /**
     * Starts a new rate period for the key.
     *
     * @param key the flow-control key
     */
    default void resetRate(String key) {
        Sync.await(resetRateAsync(key));
    }

    /**
     * Resets the rate asynchronously.
     *
     * @param key the flow-control key
     * @return completes when QStash has answered
     */
    CompletionStage<Void> resetRateAsync(String key);
}
