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
 * Only Jersey reads that file, so no other runtime loads this class.
 */
@ConstrainedTo(RuntimeType.SERVER)
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
public final class JerseyRegistration implements ForcedAutoDiscoverable {

    @Override
    public void configure(FeatureContext context) {
        for (Class<?> provider : new Class<?>[]{QStashSignatureFilter.class, IdempotencyFeature.class,
                CallbackReader.class}) {
            if (!context.getConfiguration().isRegistered(provider)) {
                context.register(provider);
            }
        }
    }
}
