package dev.qstash.jakarta;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import dev.qstash.jakarta.spi.QStashProvider;

/**
 * Registers {@link VerifyQStash} verification in a JAX-RS application explicitly.
 *
 * <p>
 * Most applications never need it: on Jersey (Payara) and RESTEasy (WildFly, Open Liberty) the implementation
 * registers its filter itself, in every application, whether it scans for providers or lists its classes in
 * {@code Application#getClasses()}. On another JAX-RS runtime, an application that lists its classes adds this
 * feature to them:
 *
 * <pre>
 * &#64;Override
 * public Set&lt;Class&lt;?&gt;&gt; getClasses() {
 *     return Set.of(OrdersWebhook.class, QStashFeature.class);
 * }
 * </pre>
 *
 * Registering it where the filter is registered already changes nothing: each request is verified once. Where the
 * filter is missing all the same, a {@code @VerifyQStash} method of a CDI bean still never runs: the request is
 * refused and the log names this class (see {@link VerifyQStash}).
 *
 * @since 0.1
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class QStashFeature implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        QStashProvider provider = QStashProvider.instance();
        Class<?> filter = provider.signatureFilter();
        if (!context.getConfiguration().isRegistered(filter)) {
            context.register(filter);
        }
        for (Class<?> other : provider.receiveProviders()) {
            if (!context.getConfiguration().isRegistered(other)) {
                context.register(other);
            }
        }
        return true;
    }
}
