package dev.qstash.jakarta.manage;

import java.util.List;

/**
 * What one bulk call on the dead-letter queue did.
 *
 * @param count how many dead letters were deleted or retried
 * @param messageIds the ids of the new messages a retry created (empty for a delete)
 * @param cursor where the next call should continue, or {@code null} when nothing is left
 * @since 0.1
 */
public record BulkResult(int count, List<String> messageIds, String cursor) {

    /**
     * Copies the ids; an empty cursor counts as none.
     *
     * @param count how many dead letters were deleted or retried
     * @param messageIds the ids of the new messages a retry created
     * @param cursor where the next call should continue, or {@code null}
     */
    public BulkResult {
        messageIds = List.copyOf(messageIds);
        cursor = cursor == null || cursor.isEmpty() ? null : cursor;
    }
}
