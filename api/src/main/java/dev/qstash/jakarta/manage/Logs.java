package dev.qstash.jakarta.manage;

import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * The log of message state changes, newest first ({@code GET /v2/events}, as the SDKs call it; QStash's API
 * reference also documents {@code /v2/logs}). In a migration the logs stay in the old region.
 *
 * @since 0.1
 */
public interface Logs {

    /** The page size {@link #stream(Filter)} asks for. */
    int PAGE_SIZE = 100;

    /**
     * Lists the first page, in QStash's default page size.
     *
     * @param filter what to list; {@link Filter#none()} for everything
     * @return the page
     */
    default Page<LogEntry> list(Filter filter) {
        return Sync.await(listAsync(filter, 0, null));
    }

    /**
     * Lists one page.
     *
     * @param filter what to list
     * @param count the page size, at least 1; 0 for QStash's default
     * @param cursor the {@link Page#cursor()} of the previous page, or {@code null} for the first
     * @return the page
     */
    default Page<LogEntry> list(Filter filter, int count, String cursor) {
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
    CompletionStage<Page<LogEntry>> listAsync(Filter filter, int count, String cursor);

    /**
     * Every matching entry, fetched a page at a time as the stream is consumed.
     *
     * @param filter what to list; {@link Filter#none()} for everything
     * @return a lazy, sequential stream; a failed page fetch throws from the stream's terminal operation
     */
    default Stream<LogEntry> stream(Filter filter) {
        return Pages.stream(cursor -> list(filter, PAGE_SIZE, cursor));
    }
}
