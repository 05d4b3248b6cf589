package dev.qstash.jakarta.impl.health;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.interceptor.Interceptor;

import dev.qstash.jakarta.ForRegion;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.config.OptionalApis;

/**
 * Adds the {@code qstash} readiness check where MicroProfile Health is there, and notes what the application uses.
 *
 * <p>
 * MicroProfile Health is optional: every class that names a Health type ({@link QStashReadinessCheck},
 * {@link ReadinessBean}) is loaded only after this extension found the Health API's classes; the jar has no
 * {@code beans.xml} (and a jar with an extension and no {@code beans.xml} is not scanned), so no server loads them on
 * its own. This class names no Health type, so it loads everywhere. Without the API it logs one INFO line,
 * {@code QSTASH040}, and the application runs as before; nothing is left per request either way.
 *
 * <p>
 * What the application uses: a discovered class with {@code @VerifyQStash} on it or a member means it receives; an
 * injection point of {@code QStashPublisher} or {@code Instance<QStashPublisher>}, with or without
 * {@code @ForRegion}, means it publishes through that publisher. Publishers looked up otherwise
 * ({@code CDI.current()}, {@code QStashPublisher.builder()}) are not seen.
 */
public class HealthExtension implements Extension {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    /** The types the check needs: present together with any MicroProfile Health 3.0 or later. */
    static final String[] HEALTH_API = {"org.eclipse.microprofile.health.HealthCheck",
            "org.eclipse.microprofile.health.Readiness", "org.eclipse.microprofile.health.HealthCheckResponse"};

    private boolean enabled;
    private boolean receives;
    private boolean primaryPublisher;
    private final Set<QStashRegion> regionalPublishers = EnumSet.noneOf(QStashRegion.class);
    private Class<?> anchor;

    void detect(@Observes BeforeBeanDiscovery event) {
        detect(HealthExtension.class.getClassLoader());
    }

    /** With the loader the application's classes see. */
    void detect(ClassLoader loader) {
        enabled = OptionalApis.loadable(loader, HEALTH_API);
        if (!enabled) {
            LOG.log(Level.INFO, "QSTASH040 MicroProfile Health is not available to this application: the \""
                    + ReadinessReport.NAME + "\" readiness check is left out.");
        }
    }

    void receiving(@Observes @WithAnnotations(VerifyQStash.class) ProcessAnnotatedType<?> event) {
        // an interceptor bound to it (the implementation's VerifyQStashGuard) is not a use
        if (enabled && !event.getAnnotatedType().isAnnotationPresent(Interceptor.class)) {
            receives = true;
            anchor(event.getAnnotatedType().getJavaClass());
        }
    }

    void publisher(@Observes ProcessInjectionPoint<?, QStashPublisher> event) {
        publisherAt(event.getInjectionPoint());
    }

    void publisherInstance(@Observes ProcessInjectionPoint<?, Instance<QStashPublisher>> event) {
        publisherAt(event.getInjectionPoint());
    }

    private void publisherAt(InjectionPoint point) {
        if (!enabled) {
            return;
        }
        anchor(point.getBean() != null ? point.getBean().getBeanClass() : point.getMember().getDeclaringClass());
        for (Annotation qualifier : point.getQualifiers()) {
            if (qualifier instanceof ForRegion region) {
                regionalPublishers.add(region.value());
                return;
            }
        }
        primaryPublisher = true;
    }

    /** The first application class seen that uses QStash: the check's bean is registered in its bean archive. */
    private void anchor(Class<?> type) {
        if (anchor == null && !type.getName().startsWith("dev.qstash.jakarta.impl.")) {
            anchor = type;
        }
    }

    /**
     * A synthetic {@code @Readiness} bean, in the bean archive of an application class that uses QStash: a server
     * that collects checks from the application's archives (WildFly) does not see archives added later for a
     * library's own classes.
     */
    void addCheck(@Observes AfterBeanDiscovery event, BeanManager beans) {
        if (enabled) {
            ReadinessBean.add(event, anchor != null ? anchor : HealthExtension.class, beans, this);
        }
    }

    /** What the application was seen to use; complete once the container has validated the deployment. */
    Usage usage() {
        return new Usage(receives, primaryPublisher, regionalPublishers);
    }

    boolean enabled() {
        return enabled;
    }
}
