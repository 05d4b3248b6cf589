package dev.qstash.jakarta;

/**
 * A required setting is missing or invalid. The message names the config key and the environment variable it is
 * read from, for example {@code qstash.token (env QSTASH_TOKEN)}, never its value.
 *
 * @since 0.1
 */
public class QStashConfigurationException extends QStashException {

    private static final long serialVersionUID = 1L;

    /**
     * A configuration failure.
     *
     * @param message which setting is missing or invalid, and how to fix it
     */
    public QStashConfigurationException(String message) {
        super(message);
    }
}
