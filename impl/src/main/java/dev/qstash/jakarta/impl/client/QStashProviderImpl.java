package dev.qstash.jakarta.impl.client;

import dev.qstash.jakarta.QStashPublisher;
import dev.qstash.jakarta.impl.jaxrs.QStashSignatureFilter;
import dev.qstash.jakarta.spi.QStashProvider;

/** Registered in {@code META-INF/services}: lets {@link QStashPublisher#builder()} find this implementation. */
public final class QStashProviderImpl extends QStashProvider {

    @Override
    public QStashPublisher.Builder newPublisherBuilder() {
        return new PublisherBuilderImpl();
    }

    @Override
    public Class<?> signatureFilter() {
        return QStashSignatureFilter.class;
    }

    @Override
    public java.util.List<Class<?>> receiveProviders() {
        return java.util.List.of(dev.qstash.jakarta.impl.jaxrs.IdempotencyFeature.class,
                dev.qstash.jakarta.impl.jaxrs.CallbackReader.class);
    }
}
