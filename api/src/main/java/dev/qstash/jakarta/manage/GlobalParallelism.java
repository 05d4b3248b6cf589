package dev.qstash.jakarta.manage;

/**
 * The account-wide parallelism.
 *
 * @param max the limit
 * @param count deliveries in flight
 * @since 0.1
 */
public record GlobalParallelism(int max, int count) {
}
