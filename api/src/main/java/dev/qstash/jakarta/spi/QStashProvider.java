package dev.qstash.jakarta.spi;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import dev.qstash.jakarta.QStashPublisher;

/**
 * For implementors only: creates the implementation's objects for {@link QStashPublisher#builder()}. An
 * implementation registers its subclass in {@code META-INF/services/dev.qstash.jakarta.spi.QStashProvider}.
 *
 * @since 0.1
 */
public abstract class QStashProvider {

    private static volatile QStashProvider instance;

    /** For subclasses. */
    protected QStashProvider() {
    }

    /**
     * A new publisher builder.
     *
     * @return the builder
     */
    public abstract QStashPublisher.Builder newPublisherBuilder();

    /**
     * The implementation's JAX-RS filter for {@link dev.qstash.jakarta.VerifyQStash}, which
     * {@link dev.qstash.jakarta.QStashFeature} registers.
     *
     * @return the filter class, a {@code ContainerRequestFilter} bound by {@code @VerifyQStash}
     */
    public abstract Class<?> signatureFilter();

    /**
     * The implementation's other JAX-RS providers for the receiving side ({@link dev.qstash.jakarta.Idempotent}, the
     * {@link dev.qstash.jakarta.QStashCallback} reader), which {@link dev.qstash.jakarta.QStashFeature} registers
     * beside {@link #signatureFilter()}.
     *
     * @return the provider classes; none by default
     */
    public java.util.List<Class<?>> receiveProviders() {
        return java.util.List.of();
    }

    /**
     * The provider: the one set with {@link #setInstance(QStashProvider)}, else the only one
     * {@link ServiceLoader} finds, first with the thread's context class loader, then with this class's.
     *
     * @return the provider
     * @throws IllegalStateException if none or more than one is found
     */
    public static QStashProvider instance() {
        QStashProvider found = instance;
        if (found == null) {
            synchronized (QStashProvider.class) {
                found = instance;
                if (found == null) {
                    found = load(Thread.currentThread().getContextClassLoader());
                    if (found == null) {
                        found = load(QStashProvider.class.getClassLoader());
                    }
                    if (found == null) {
                        throw new IllegalStateException("No QStashProvider found: add the implementation "
                                + "dev.qstash.jakarta:qstash-jakarta-impl to the class path");
                    }
                    instance = found;
                }
            }
        }
        return found;
    }

    /**
     * Replaces the provider, for tests and environments without {@link ServiceLoader}.
     *
     * @param provider the provider, or {@code null} to look it up again
     */
    public static void setInstance(QStashProvider provider) {
        instance = provider;
    }

    private static QStashProvider load(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            Iterator<QStashProvider> it = ServiceLoader.load(QStashProvider.class, loader).iterator();
            if (!it.hasNext()) {
                return null;
            }
            QStashProvider first = it.next();
            if (it.hasNext()) {
                throw new IllegalStateException("More than one QStashProvider found: " + first.getClass().getName()
                        + " and " + it.next().getClass().getName() + "; keep one implementation on the class path");
            }
            return first;
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("QStashProvider could not be loaded: " + e.getMessage(), e);
        }
    }
}
