package dev.qstash.jakarta.impl.verify;

import dev.qstash.jakarta.QStashException;

/** No signing keys are configured at all: the application cannot verify anything (a deployment error, answered 500). */
public class NoSigningKeysException extends QStashException {

    private static final long serialVersionUID = 1L;

    public NoSigningKeysException(String message) {
        super(message);
    }
}
