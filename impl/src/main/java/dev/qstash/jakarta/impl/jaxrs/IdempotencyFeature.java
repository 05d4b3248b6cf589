package dev.qstash.jakarta.impl.jaxrs;

import java.lang.reflect.Method;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

import dev.qstash.jakarta.Idempotent;

/**
 * Resolves {@link Idempotent} once per resource method, when the application starts, and registers an
 * {@link IdempotencyFilter} on the annotated methods only: a method without it has no filter, so it pays nothing.
 * Registered by the implementation itself, like the signature filter.
 */
@ConstrainedTo(RuntimeType.SERVER)
public class IdempotencyFeature implements DynamicFeature {

    /** After the signature filter ({@code AUTHENTICATION}), so the message id it reads is verified. */
    static final int PRIORITY = Priorities.AUTHENTICATION + 50;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || type == null) {
            return;
        }
        if (method.isAnnotationPresent(Idempotent.class) || type.isAnnotationPresent(Idempotent.class)) {
            context.register(new IdempotencyFilter(type.getName() + "#" + method.getName()), PRIORITY);
        }
    }
}
