package dev.qstash.jakarta.impl.cdi;

import java.util.Set;

import javax.cache.CacheManager;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * The server's JCache {@link CacheManager}, where it offers one: as a CDI bean, or in JNDI at
 * {@value #PAYARA_JNDI_NAME} (Payara Server and Micro bind their default manager there, backed by their Hazelcast
 * cluster, so a cache is shared by every instance). Loaded only when {@code qstash.receive.store=jcache}, so
 * {@code javax.cache} stays optional.
 */
final class CacheManagers {

    private CacheManagers() {
    }

    /** The server's cache manager bean, or {@code null} to use the default caching provider's. */
    static Object fromServer(BeanManager beans) {
        Set<Bean<?>> found = beans.getBeans(CacheManager.class);
        if (found.isEmpty()) {
            return null;
        }
        Bean<?> bean = beans.resolve(found);
        return bean == null
                ? null
                : beans.getReference(bean, CacheManager.class, beans.createCreationalContext(bean));
    }
}
