package dev.qstash.jakarta.tck.apps;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import dev.qstash.jakarta.QStashFeature;

/**
 * {@link ListedApplication} that also lists {@link QStashFeature}, as the api's documentation shows for runtimes the
 * implementation does not register itself on. Where it does, the filter is registered twice over.
 */
@ApplicationPath("/api")
public class ListedWithFeatureApplication extends Application {

    private final Set<Object> singletons = Set.of(new SingletonResource());

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ReceiveResource.class, GuardedResource.class, MixedResource.class, OpenResource.class,
                QStashFeature.class);
    }

    /** Deprecated since Jakarta REST 3.1 (in favour of CDI) but still served: an instance CDI never made. */
    @Override
    @SuppressWarnings("deprecation")
    public Set<Object> getSingletons() {
        return singletons;
    }
}
