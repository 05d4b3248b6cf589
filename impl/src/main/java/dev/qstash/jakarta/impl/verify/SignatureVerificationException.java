package dev.qstash.jakarta.impl.verify;

/**
 * A delivery's signature was rejected. The message says which check failed (for logs and tests); it never contains
 * the token or a key, and the HTTP caller never sees it.
 */
public class SignatureVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public SignatureVerificationException(String reason) {
        super(reason, null, false, false);
    }
}
