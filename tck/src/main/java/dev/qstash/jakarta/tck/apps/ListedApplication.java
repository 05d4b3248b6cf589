package dev.qstash.jakarta.tck.apps;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * An application that lists what it serves, as many do, and registers nothing of qstash-jakarta: neither the filter
 * nor {@code QStashFeature}. A runtime then scans for no providers, so verification must come from the
 * implementation itself. One resource is given as an instance.
 */
@ApplicationPath("/api")
public class ListedApplication extends Application {

    private final Set<Object> singletons = Set.of(new SingletonResource());

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(ReceiveResource.class, GuardedResource.class, MixedResource.class, OpenResource.class);
    }

    /** Deprecated since Jakarta REST 3.1 (in favour of CDI) but still served: an instance CDI never made. */
    @Override
    @SuppressWarnings("deprecation")
    public Set<Object> getSingletons() {
        return singletons;
    }
}
