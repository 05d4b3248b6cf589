package dev.qstash.jakarta.impl.telemetry;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;

import jakarta.enterprise.inject.spi.BeanManager;

import dev.qstash.jakarta.impl.config.OptionalApis;

/**
 * Chooses the application's {@link Telemetry} once, when it starts: the OpenTelemetry form when the server gives the
 * application the OpenTelemetry API and an {@code OpenTelemetry} bean (MicroProfile Telemetry), else
 * {@link Telemetry#NONE} and one INFO line, {@code QSTASH045}, saying what was left out. The class that references
 * OpenTelemetry is only loaded after the API is found, so a server without it never sees a
 * {@code NoClassDefFoundError}.
 */
public final class TelemetrySupport {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");
    static final String API = "io.opentelemetry.api.OpenTelemetry";

    private TelemetrySupport() {
    }

    /**
     * The application's telemetry.
     *
     * @param beans the application's bean manager, to look the {@code OpenTelemetry} bean up once
     * @param propagate {@code qstash.telemetry.propagate}: whether publishing forwards the trace context
     */
    public static Telemetry resolve(BeanManager beans, boolean propagate) {
        String why;
        if (!OptionalApis.loadable(TelemetrySupport.class.getClassLoader(), API)) {
            why = "the OpenTelemetry API is not visible to the application (no MicroProfile Telemetry on this server; "
                    + "on Open Liberty with mpTelemetry, give the application apiTypeVisibility +third-party)";
        } else {
            StringBuilder reason = new StringBuilder();
            try {
                Optional<Telemetry> found = OpenTelemetryTelemetry.fromServer(beans, propagate, reason);
                if (found.isPresent()) {
                    LOG.log(Level.DEBUG, "QSTASH046 telemetry on: spans and qstash.* metrics through the server''s "
                            + "OpenTelemetry; trace context forwarded through QStash: {0}", propagate);
                    return found.get();
                }
                why = reason.toString();
            } catch (RuntimeException | LinkageError e) {
                why = "the server's OpenTelemetry could not be used (" + e + ")";
            }
        }
        LOG.log(Level.INFO, "QSTASH045 telemetry left out: {0}; no qstash spans, no trace context forwarded "
                + "through QStash, no qstash.* metrics", why);
        return Telemetry.NONE;
    }
}
