package dev.qstash.jakarta.impl.verify;

/**
 * A delivery's signature was rejected. The message says which check failed (for logs and tests); it never contains
 * the token or a key, and the HTTP caller never sees it.
 */
public class SignatureVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RejectionReason code;

    /** A rejection of the general kind {@link RejectionReason#INVALID_TOKEN}. */
    public SignatureVerificationException(String reason) {
        this(RejectionReason.INVALID_TOKEN, reason);
    }

    /**
     * @param code the kind, for spans and metrics
     * @param reason which check failed, for the log
     */
    public SignatureVerificationException(RejectionReason code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** The kind of rejection. */
    public RejectionReason code() {
        return code;
    }
}
