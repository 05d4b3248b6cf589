package dev.qstash.jakarta.manage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing: the dead-letter queue or the logs.
 *
 * @param <T> what is listed
 * @param items the items of this page
 * @param cursor where the next page starts, or {@code null} after the last page
 * @since 0.1
 */
public record Page<T>(List<T> items, String cursor) {

    /**
     * Copies the items; an empty cursor counts as none.
     *
     * @param items the items of this page
     * @param cursor where the next page starts, or {@code null} after the last page
     */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        cursor = cursor == null || cursor.isEmpty() ? null : cursor;
    }

    /**
     * The cursor of the next page.
     *
     * @return the cursor, or empty after the last page
     */
    public Optional<String> next() {
        return Optional.ofNullable(cursor);
    }
}
