package dev.qstash.jakarta.impl.verify;

import java.util.Locale;

/** Why a request to a verified resource was refused; {@link #code()} is what spans and metrics carry, never a token. */
public enum RejectionReason {

    /** No {@code Upstash-Signature} header. */
    MISSING_SIGNATURE,
    /** The token is malformed, signed otherwise than HS256, or has a claim of the wrong type. */
    INVALID_TOKEN,
    /** The signature matches neither key. */
    SIGNATURE_MISMATCH,
    /** The token expired, or is not valid yet. */
    EXPIRED,
    /** The issuer is not Upstash. */
    WRONG_ISSUER,
    /** The token's subject is not the request URL. */
    URL_MISMATCH,
    /** Migration mode without a key pair for the request. */
    NO_KEY_PAIR,
    /** The body does not hash to the token's body claim. */
    BODY_MISMATCH,
    /** The body is over the size limit. */
    BODY_TOO_LARGE,
    /** The token was used before (replay protection). */
    REPLAYED,
    /** No signing key is configured. */
    NOT_CONFIGURED;

    /** The lower-case code, for example {@code signature_mismatch}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
