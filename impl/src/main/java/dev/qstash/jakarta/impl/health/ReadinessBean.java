package dev.qstash.jakarta.impl.health;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import dev.qstash.jakarta.impl.cdi.QStashRuntime;

/**
 * The check's bean: {@code @ApplicationScoped @Readiness HealthCheck}. Loaded only where the Health API is (see
 * {@link HealthExtension}).
 *
 * <p>
 * A {@link Bean} of its own rather than a configured one: the container puts a bean given this way in the bean
 * archive of its {@link #getBeanClass() bean class}, which is an application class using QStash. WildFly collects
 * checks through an archive that sees the application's archives but not one it creates later for a library's own
 * classes (where a configured bean, or an added type, of this jar would go), and so would not find the check.
 */
final class ReadinessBean implements Bean<HealthCheck> {

    private static final Set<Type> TYPES = Set.of(HealthCheck.class, Object.class);
    private static final Set<Annotation> QUALIFIERS = Set.of(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE);

    private final Class<?> beanClass;
    private final BeanManager beans;
    private final HealthExtension extension;

    private ReadinessBean(Class<?> beanClass, BeanManager beans, HealthExtension extension) {
        this.beanClass = beanClass;
        this.beans = beans;
        this.extension = extension;
    }

    static void add(AfterBeanDiscovery event, Class<?> beanClass, BeanManager beans, HealthExtension extension) {
        event.addBean(new ReadinessBean(beanClass, beans, extension));
    }

    @Override
    public HealthCheck create(CreationalContext<HealthCheck> context) {
        return new QStashReadinessCheck(() -> {
            Config config = ConfigProvider.getConfig();
            return ReadinessReport.of(beans.createInstance().select(QStashRuntime.class).get().settings(),
                    key -> config.getOptionalValue(key, String.class).filter(value -> !value.isEmpty()).isPresent(),
                    extension.usage());
        });
    }

    @Override
    public void destroy(HealthCheck instance, CreationalContext<HealthCheck> context) {
        context.release();
    }

    @Override
    public Class<?> getBeanClass() {
        return beanClass;
    }

    @Override
    public Set<InjectionPoint> getInjectionPoints() {
        return Set.of();
    }

    @Override
    public Set<Type> getTypes() {
        return TYPES;
    }

    @Override
    public Set<Annotation> getQualifiers() {
        return QUALIFIERS;
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return ApplicationScoped.class;
    }

    @Override
    public String getName() {
        return null;
    }

    @Override
    public Set<Class<? extends Annotation>> getStereotypes() {
        return Set.of();
    }

    @Override
    public boolean isAlternative() {
        return false;
    }

    @Override
    public String toString() {
        return "the qstash readiness check";
    }
}
