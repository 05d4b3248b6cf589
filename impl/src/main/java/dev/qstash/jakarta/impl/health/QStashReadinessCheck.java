package dev.qstash.jakarta.impl.health;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The {@code qstash} readiness check (see {@link ReadinessReport} for what it says), an {@code @ApplicationScoped}
 * {@code @Readiness} bean that {@link ReadinessBean} adds only where MicroProfile Health is present. The answer is
 * worked out once, when the server first creates the check; each probe after that returns it, with no config lookup
 * and no call to QStash.
 */
final class QStashReadinessCheck implements HealthCheck {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    private final HealthCheckResponse response;

    QStashReadinessCheck(Report report) {
        this.response = respond(report);
    }

    @Override
    public HealthCheckResponse call() {
        return response;
    }

    interface Report {

        ReadinessReport get();
    }

    /** The response for {@code report}; DOWN, naming no value, if the settings cannot be read. */
    static HealthCheckResponse respond(Report report) {
        try {
            ReadinessReport resolved = report.get();
            return new HealthCheckResponse(ReadinessReport.NAME,
                    resolved.up() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                    Optional.of(resolved.data()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "QSTASH041 the \"" + ReadinessReport.NAME + "\" readiness check is DOWN: "
                    + "the QStash settings could not be read (" + e.getClass().getSimpleName() + ")");
            return new HealthCheckResponse(ReadinessReport.NAME, HealthCheckResponse.Status.DOWN,
                    Optional.of(Map.of("error", "the QStash settings could not be read; see the server log")));
        }
    }
}
