package dev.qstash.jakarta.impl.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

import dev.qstash.jakarta.ForRegion;
import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.QStashRegion;
import dev.qstash.jakarta.impl.client.RestClientQStashPublisher;

/**
 * Registered in {@code META-INF/services}, so adding the jar is enough: no {@code beans.xml} in the jar, no
 * registration in the application.
 *
 * <p>
 * Adds the internal beans ({@link QStashRuntime}, and {@link DeliveryProducer} where the Servlet API exists) and one
 * synthetic {@code @ApplicationScoped} {@link QStashPublisher} for the primary region ({@code @Default}) and one per region
 * ({@code @ForRegion}), each closed when the application stops.
 */
public class QStashExtension implements Extension {

    void addInternalBeans(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        event.addAnnotatedType(beanManager.createAnnotatedType(QStashRuntime.class),
                QStashExtension.class.getName() + "." + QStashRuntime.class.getSimpleName());
        if (servletApiPresent()) {
            event.addAnnotatedType(beanManager.createAnnotatedType(DeliveryProducer.class),
                    QStashExtension.class.getName() + "." + DeliveryProducer.class.getSimpleName());
        }
    }

    /** Receiving needs a servlet container; publishing does not, so a servlet-less CDI application still deploys. */
    private static boolean servletApiPresent() {
        try {
            Class.forName("jakarta.servlet.http.HttpServletRequest", false, QStashExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    void addPublishers(@Observes AfterBeanDiscovery event) {
        event.<QStashPublisher>addBean()
                .beanClass(RestClientQStashPublisher.class)
                .types(QStashPublisher.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .produceWith(beans -> beans.select(QStashRuntime.class).get().newPrimaryPublisher())
                .disposeWith((publisher, beans) -> publisher.close());
        for (QStashRegion region : QStashRegion.values()) {
            event.<QStashPublisher>addBean()
                    .beanClass(RestClientQStashPublisher.class)
                    .types(QStashPublisher.class, Object.class)
                    .qualifiers(ForRegion.Literal.of(region), Any.Literal.INSTANCE)
                    .scope(ApplicationScoped.class)
                    .produceWith(beans -> beans.select(QStashRuntime.class).get().newRegionalPublisher(region))
                    .disposeWith((publisher, beans) -> publisher.close());
        }
    }
}
