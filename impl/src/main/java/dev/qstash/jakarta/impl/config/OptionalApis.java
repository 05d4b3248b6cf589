package dev.qstash.jakarta.impl.config;

/**
 * Whether an optional API (MicroProfile Health, OpenTelemetry, JCache) is there: the one check behind each optional
 * integration, made once when the application starts, never per request.
 */
public final class OptionalApis {

    private OptionalApis() {
    }

    /** Whether every one of {@code types} can be loaded from {@code loader}, without initialising any. */
    public static boolean loadable(ClassLoader loader, String... types) {
        try {
            for (String type : types) {
                Class.forName(type, false, loader);
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
