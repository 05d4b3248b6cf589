package dev.qstash.jakarta;

/**
 * QStash answered with a status outside 200-299.
 *
 * <p>
 * {@link #error()} is QStash's own explanation, the {@code error} member of its JSON answer (for example
 * {@code invalid destination url: endpoint has invalid scheme, add http:// or https://}), or the raw body when the
 * answer is not of that shape.
 *
 * @since 0.1
 */
public class QStashApiException extends QStashException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status QStash answered with. */
    private final int status;
    /** QStash's error text. */
    private final String error;

    /**
     * An API failure.
     *
     * @param status the HTTP status QStash answered with
     * @param error QStash's error text; {@code "Error: status=<status>"} when the answer had no body
     */
    public QStashApiException(int status, String error) {
        super("QStash answered " + status + ": " + error);
        this.status = status;
        this.error = error;
    }

    /**
     * The HTTP status QStash answered with, for example 400, 401, 404, 412 or 429.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * QStash's explanation of the failure.
     *
     * @return the {@code error} text of the answer, never {@code null}
     */
    public String error() {
        return error;
    }
}
