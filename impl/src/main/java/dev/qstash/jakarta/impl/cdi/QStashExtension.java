package dev.qstash.jakarta.impl.cdi;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
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
import dev.qstash.jakarta.VerifyQStash;
import dev.qstash.jakarta.impl.client.RestClientQStashPublisher;
import dev.qstash.jakarta.impl.jaxrs.DeliveryProducer;
import dev.qstash.jakarta.impl.jaxrs.HeldClaim;
import dev.qstash.jakarta.impl.jaxrs.VerifiedRequest;
import dev.qstash.jakarta.impl.jaxrs.VerifyQStashGuard;

/**
 * Registered in {@code META-INF/services}, so adding the jar is enough: no {@code beans.xml} in the jar, no
 * registration in the application.
 *
 * <p>
 * Adds the internal beans: {@link QStashRuntime}; the receive path's request holder ({@link VerifiedRequest}, a
 * synthetic {@code @RequestScoped} bean), the
 * {@code QStashDelivery} producer and the {@link VerifyQStashGuard} interceptor, for which it makes
 * {@link VerifyQStash} an interceptor binding as well as a JAX-RS name binding; and one synthetic
 * {@code @ApplicationScoped} {@link QStashPublisher} for the primary region ({@code @Default}) and one per region
 * ({@code @ForRegion}), each closed when the application stops.
 */
public class QStashExtension implements Extension {

    void addInternalBeans(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        event.addInterceptorBinding(VerifyQStash.class);
        for (Class<?> type : List.of(QStashRuntime.class, DeliveryProducer.class, VerifyQStashGuard.class)) {
            event.addAnnotatedType(beanManager.createAnnotatedType(type),
                    QStashExtension.class.getName() + "." + type.getSimpleName());
        }
    }

    void addRequestHolders(@Observes AfterBeanDiscovery event) {
        addRequestScoped(event, VerifiedRequest.class, VerifiedRequest::new, VerifiedRequest::release);
        addRequestScoped(event, HeldClaim.class, HeldClaim::new, HeldClaim::end);
    }

    /**
     * A synthetic, not a managed, {@code @RequestScoped} bean: created by a constructor call, without the container's
     * per-instance injection work (on Payara, resource injection through HK2 once per request; see
     * {@link VerifiedRequest}), and {@code end} called when the request ends.
     */
    private static <T> void addRequestScoped(AfterBeanDiscovery event, Class<T> type, Supplier<T> create,
            Consumer<T> end) {
        event.<T>addBean()
                .beanClass(type)
                .types(type, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(RequestScoped.class)
                .createWith(context -> create.get())
                .destroyWith((instance, context) -> end.accept(instance));
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
