package dev.qstash.jakarta.manage;

import java.time.Instant;

/**
 * A queue: messages enqueued to it are delivered in order, {@code parallelism} at a time.
 *
 * @param name the name
 * @param parallelism how many deliveries may be in flight at once
 * @param lag how many messages wait
 * @param paused whether deliveries are held
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @since 0.1
 */
public record Queue(String name, int parallelism, long lag, boolean paused, Instant createdAt, Instant updatedAt) {
}
