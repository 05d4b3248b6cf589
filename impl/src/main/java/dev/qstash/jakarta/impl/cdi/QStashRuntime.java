package dev.qstash.jakarta.impl.cdi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.client.RestClientQStashPublisher;
import dev.qstash.jakarta.impl.config.HandlingSettings;
import dev.qstash.jakarta.impl.config.QStashSettings;
import dev.qstash.jakarta.impl.config.ReceiverSettings;
import dev.qstash.jakarta.impl.jaxrs.ReceivePath;
import dev.qstash.jakarta.impl.receive.DeliveryHandling;
import dev.qstash.jakarta.impl.telemetry.Telemetry;
import dev.qstash.jakarta.impl.telemetry.TelemetrySupport;
import dev.qstash.jakarta.impl.verify.QStashReceiver;

/**
 * The application's QStash state, resolved from MicroProfile Config once, when the application starts: the settings,
 * the receiver with its keys prepared, and the factories of the publisher beans. Its startup check logs every
 * configuration problem once, so a deployment that can neither publish nor verify says so, naming the keys to set.
 */
@ApplicationScoped
public class QStashRuntime implements ReceivePath {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    private QStashSettings settings;
    private QStashReceiver receiver;
    private DeliveryHandling handling;
    private Telemetry telemetry;

    @Inject
    BeanManager beans;

    @PostConstruct
    void resolve() {
        settings = QStashSettings.resolve(ConfigProvider.getConfig());
        receiver = settings.receiver().receiver(Clock.systemUTC());
        handling = DeliveryHandling.create(HandlingSettings.resolve(ConfigProvider.getConfig()), Clock.systemUTC(),
                () -> CacheManagers.fromServer(beans));
        telemetry = TelemetrySupport.resolve(beans, ConfigProvider.getConfig()
                .getOptionalValue(QStashConfigNames.TELEMETRY_PROPAGATE, Boolean.class).orElse(Boolean.TRUE));
    }

    /** Eager start-up: resolves config at deployment, not on the first request, and reports what is wrong. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        settings.warnings().forEach(warning -> LOG.log(Level.WARNING, "QSTASH001 " + warning));
        settings.unusable().ifPresent(problem -> LOG.log(Level.WARNING, "QSTASH002 " + problem));
        LOG.log(Level.DEBUG, "QSTASH003 publishing with {0}; verifying in {1} mode", settings.primary(),
                settings.receiver().migrationMode() ? "migration" : "single-region");
    }

    public QStashSettings settings() {
        return settings;
    }

    @Override
    public ReceiverSettings receiverSettings() {
        return settings.receiver();
    }

    @Override
    public QStashReceiver receiver() {
        return receiver;
    }

    @Override
    public DeliveryHandling handling() {
        return handling;
    }

    @Override
    public Telemetry telemetry() {
        return telemetry;
    }

    QStashPublisher newPrimaryPublisher() {
        return RestClientQStashPublisher.create(settings.primary(), settings.client(), telemetry);
    }

    QStashPublisher newRegionalPublisher(QStashRegion region) {
        return RestClientQStashPublisher.create(settings.regionCredentials(region), settings.client(), telemetry);
    }
}
