package dev.qstash.jakarta.impl.jaxrs;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.FeatureContext;

import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Registers {@link QStashSignatureFilter} in every Jersey application (Payara), through Jersey's
 * {@code META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable}: forced, so neither an
 * {@code Application} that lists its classes nor {@code jersey.config.disableAutoDiscovery} leaves the filter out.
 * Only Jersey reads that file, so no other runtime loads this class. The filter is registered as an instance, so that
 * Jersey does not wrap it in a CDI interceptor subclass.
 */
@ConstrainedTo(RuntimeType.SERVER)
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
public final class JerseyRegistration implements ForcedAutoDiscoverable {

    @Override
    public void configure(FeatureContext context) {
        if (!context.getConfiguration().isRegistered(QStashSignatureFilter.class)) {
            // an instance, not the class: Jersey creates a registered class through CDI, and this class carries
            // @VerifyQStash, which is also VerifyQStashGuard's interceptor binding, so every call of the filter
            // would pass through the guard (which lets it through: the filter is not a resource method)
            context.register(new QStashSignatureFilter());
        }
        for (Class<?> provider : new Class<?>[]{IdempotencyFeature.class, CallbackReader.class}) {
            if (!context.getConfiguration().isRegistered(provider)) {
                context.register(provider);
            }
        }
    }
}
