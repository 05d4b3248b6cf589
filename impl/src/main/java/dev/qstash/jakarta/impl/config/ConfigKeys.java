package dev.qstash.jakarta.impl.config;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.QStashConfigurationException;

/** Reads config keys by name (never by scanning names) and names them with their environment variable in messages. */
final class ConfigKeys {

    private final Config config;

    ConfigKeys(Config config) {
        this.config = config;
    }

    /** A value, empty when unset or empty (MicroProfile Config treats an empty value as unset). */
    Optional<String> string(String key) {
        return typed(key, String.class).filter(value -> !value.isEmpty());
    }

    <T> Optional<T> typed(String key, Class<T> type) {
        try {
            return config.getOptionalValue(key, type);
        } catch (IllegalArgumentException e) {
            throw new QStashConfigurationException(
                    describe(key) + " has a value that is not a valid " + type.getSimpleName().toLowerCase() + ": "
                            + e.getMessage());
        }
    }

    /** {@code qstash.token (env QSTASH_TOKEN)}. */
    static String describe(String key) {
        return key + " (env " + QStashConfigNames.environmentVariable(key) + ")";
    }
}
