package dev.qstash.jakarta.tck.runner;

import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link ImplArchiveObserver}; listed in META-INF/services. */
public class ImplTckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(ImplArchiveObserver.class);
    }
}
