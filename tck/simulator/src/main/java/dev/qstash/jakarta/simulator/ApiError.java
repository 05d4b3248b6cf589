package dev.qstash.jakarta.simulator;

/** An answer outside 200-299 with QStash's body shape {@code {"error": "..."}}. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
