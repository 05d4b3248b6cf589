package dev.qstash.jakarta.impl.verify;

/** A request body is larger than the configured limit (answer 413). Nothing beyond the limit was read. */
public class BodyTooLargeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the request body exceeds " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    /** The limit, in bytes. */
    public long limit() {
        return limit;
    }
}
