package dev.qstash.jakarta;

/**
 * The base of every exception qstash-jakarta throws. Thrown as such when QStash could not be reached (after the
 * configured retries); see the subclasses for answers from QStash and for configuration problems.
 *
 * <p>
 * Messages never contain tokens or signing keys.
 *
 * @since 0.1
 */
public class QStashException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with neither message nor cause. */
    public QStashException() {
        super();
    }

    /**
     * An exception with a message.
     *
     * @param message what went wrong
     */
    public QStashException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public QStashException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An exception with a cause.
     *
     * @param cause the underlying failure
     */
    public QStashException(Throwable cause) {
        super(cause);
    }
}
