package dev.qstash.jakarta.impl.receive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;

import dev.qstash.jakarta.spi.DeliveryStore;

/**
 * A store on a JSR 107 cache: shared by every server of a cluster when the cache is distributed (Payara's Hazelcast,
 * Infinispan, Hazelcast or Ehcache clustered elsewhere). The claim is the cache's own atomic
 * {@link Cache#putIfAbsent}, the take-over its compare-and-replace {@link Cache#replace(Object, Object, Object)}, so
 * two servers never both win a key.
 *
 * <p>
 * JCache has no per-entry expiry, so each value carries its own ({@code <epoch ms>:<value>}) and an expired one counts
 * as absent; the cache, when this class creates it, also drops entries a maximum lifetime after their last change.
 * Loaded only when {@code qstash.receive.store=jcache}: {@code javax.cache} is optional at run time.
 */
public final class JCacheDeliveryStore implements DeliveryStore {

    private final Cache<String, String> cache;
    private final Clock clock;

    JCacheDeliveryStore(Cache<String, String> cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * The store on the cache {@code name} of {@code manager} (or, if {@code null}, of the default caching provider's
     * default manager); created there, as {@code String} to {@code String} with entries dropped {@code maxLifetime}
     * after their last change, if the server has not configured it.
     */
    public static JCacheDeliveryStore open(Object managerOrNull, String name, Duration maxLifetime, Clock clock) {
        CacheManager manager = (CacheManager) managerOrNull;
        if (manager == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            manager = Caching.getCachingProvider(loader).getCacheManager(
                    Caching.getCachingProvider(loader).getDefaultURI(), loader);
        }
        Cache<String, String> cache = find(manager, name);
        if (cache == null) {
            MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)
                    .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.SECONDS, maxLifetime.toSeconds())));
            try {
                cache = manager.createCache(name, config);
            } catch (CacheException createdMeanwhile) {
                cache = find(manager, name); // another server or application created it first
                if (cache == null) {
                    throw createdMeanwhile;
                }
            }
        }
        return new JCacheDeliveryStore(cache, clock);
    }

    private static Cache<String, String> find(CacheManager manager, String name) {
        try {
            return manager.getCache(name, String.class, String.class);
        } catch (IllegalArgumentException | ClassCastException untyped) {
            return manager.getCache(name); // configured by the server without types
        }
    }

    @Override
    public Optional<String> putIfAbsent(String key, String value, Instant expiresAt) {
        String fresh = expiresAt.toEpochMilli() + ":" + value;
        while (true) {
            if (cache.putIfAbsent(key, fresh)) {
                return Optional.empty();
            }
            String current = cache.get(key);
            if (current == null) {
                continue; // dropped meanwhile: try again
            }
            if (expired(current)) {
                if (cache.replace(key, current, fresh)) {
                    return Optional.empty();
                }
                continue;
            }
            return Optional.of(value(current));
        }
    }

    @Override
    public boolean replace(String key, String expected, String value, Instant expiresAt) {
        String current = cache.get(key);
        if (current == null || expired(current) || !value(current).equals(expected)) {
            return false;
        }
        return cache.replace(key, current, expiresAt.toEpochMilli() + ":" + value);
    }

    private boolean expired(String stored) {
        int colon = stored.indexOf(':');
        try {
            return colon < 0 || Long.parseLong(stored.substring(0, colon)) <= clock.millis();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String value(String stored) {
        return stored.substring(stored.indexOf(':') + 1);
    }
}
