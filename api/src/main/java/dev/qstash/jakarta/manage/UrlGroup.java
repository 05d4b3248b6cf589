package dev.qstash.jakarta.manage;

import java.time.Instant;
import java.util.List;

/**
 * A URL group (called a topic in QStash's API): a message published to it goes to every endpoint.
 *
 * @param name the name
 * @param endpoints the endpoints
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @since 0.1
 */
public record UrlGroup(String name, List<Endpoint> endpoints, Instant createdAt, Instant updatedAt) {
}
