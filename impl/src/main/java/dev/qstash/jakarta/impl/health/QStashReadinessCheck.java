package dev.qstash.jakarta.impl.health;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.qstash.jakarta.impl.cdi.QStashRuntime;

/**
 * The {@code qstash} readiness check (see {@link ReadinessReport} for what it says). Only {@link HealthExtension}
 * adds this class, and only where MicroProfile Health is present. The answer is worked out once, when the server
 * first asks; each probe after that returns it, with no config lookup and no call to QStash.
 */
@Readiness
@ApplicationScoped
public class QStashReadinessCheck implements HealthCheck {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    @Inject
    QStashRuntime runtime;

    @Inject
    HealthExtension extension;

    private HealthCheckResponse response;

    @PostConstruct
    void resolve() {
        response = respond(() -> {
            Config config = ConfigProvider.getConfig();
            return ReadinessReport.of(runtime.settings(),
                    key -> config.getOptionalValue(key, String.class).filter(value -> !value.isEmpty())
                            .isPresent(),
                    extension.usage());
        });
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
