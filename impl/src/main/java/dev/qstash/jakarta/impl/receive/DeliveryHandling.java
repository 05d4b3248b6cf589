package dev.qstash.jakarta.impl.receive;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import dev.qstash.jakarta.QStashConfigNames;
import dev.qstash.jakarta.impl.config.HandlingSettings;
import dev.qstash.jakarta.impl.config.OptionalApis;
import dev.qstash.jakarta.spi.DeliveryStore;

/**
 * The application's delivery handling, built once at startup from {@link HandlingSettings}: the idempotency rules on
 * the chosen store, and the replay guard when replay protection is on. A store that cannot be opened (JCache chosen
 * but absent) is logged once and fails closed: idempotent methods and, with replay protection on, every verified
 * request are refused.
 */
public final class DeliveryHandling {

    private static final Logger LOG = System.getLogger("dev.qstash.jakarta");

    private final Idempotency idempotency;
    private final ReplayGuard replayGuard;
    private final long retryAfterSeconds;

    DeliveryHandling(Idempotency idempotency, ReplayGuard replayGuard, long retryAfterSeconds) {
        this.idempotency = idempotency;
        this.replayGuard = replayGuard;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The rules of idempotent receivers. */
    public Idempotency idempotency() {
        return idempotency;
    }

    /** The replay guard, or {@code null} when replay protection is off (the default). */
    public ReplayGuard replayGuard() {
        return replayGuard;
    }

    /** The {@code Retry-After} answered to a concurrent duplicate, in seconds. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * The handling {@code settings} describe.
     *
     * @param cacheManager supplies the server's {@code javax.cache.CacheManager} if it offers one (Payara's, backed by
     *        its Hazelcast cluster), or {@code null} for the default caching provider's; asked only for the JCache
     *        store
     */
    public static DeliveryHandling create(HandlingSettings settings, Clock clock, Supplier<Object> cacheManager) {
        if (!jcacheAvailable()) {
            LOG.log(Level.INFO, "QSTASH030 JCache (javax.cache) is not on the class path: "
                    + QStashConfigNames.RECEIVE_STORE + "=jcache is unavailable, deliveries are recorded in memory");
        }
        DeliveryStore records;
        DeliveryStore tokenIds;
        switch (settings.store()) {
            case "memory" -> {
                records = new InMemoryDeliveryStore(settings.maxEntries(), InMemoryDeliveryStore.Full.EVICT_OLDEST,
                        clock);
                tokenIds = new InMemoryDeliveryStore(settings.maxEntries(), InMemoryDeliveryStore.Full.REFUSE, clock);
            }
            case "jcache" -> {
                records = jcache(settings, clock, cacheManager);
                tokenIds = records;
            }
            default -> {
                records = custom(settings.store());
                tokenIds = records;
            }
        }
        return new DeliveryHandling(
                new Idempotency(records, settings.recordLifetime(), settings.processingTimeout(), clock),
                settings.replayProtection() ? new ReplayGuard(tokenIds, settings.clockToleranceSeconds()) : null,
                settings.retryAfterSeconds());
    }

    static boolean jcacheAvailable() {
        return OptionalApis.loadable(DeliveryHandling.class.getClassLoader(), "javax.cache.Caching");
    }

    private static DeliveryStore jcache(HandlingSettings settings, Clock clock, Supplier<Object> cacheManager) {
        if (!jcacheAvailable()) {
            return unavailable(QStashConfigNames.RECEIVE_STORE + "=jcache but javax.cache is not on the class path");
        }
        try {
            // the longest any entry must live: an idempotency record, or a token id (minutes)
            return JCacheDeliveryStore.open(cacheManager.get(), settings.cacheName(), settings.recordLifetime(), clock);
        } catch (RuntimeException | LinkageError e) {
            return unavailable("the JCache cache " + settings.cacheName() + " cannot be opened: " + e);
        }
    }

    private static DeliveryStore custom(String className) {
        try {
            Class<?> type = Class.forName(className, true, Optional
                    .ofNullable(Thread.currentThread().getContextClassLoader())
                    .orElse(DeliveryHandling.class.getClassLoader()));
            return (DeliveryStore) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return unavailable(QStashConfigNames.RECEIVE_STORE + "=" + className
                    + " is neither memory, jcache nor a DeliveryStore class with a public no-argument constructor ("
                    + e + ")");
        }
    }

    /** A store that refuses every operation, so what depends on it fails closed; logged once. */
    private static DeliveryStore unavailable(String reason) {
        LOG.log(Level.ERROR, "QSTASH032 the delivery store is unavailable: {0}. Idempotent methods are refused (500), "
                + "and so is every verified request when replay protection is on.", reason);
        return new DeliveryStore() {

            @Override
            public Optional<String> putIfAbsent(String key, String value, Instant expiresAt) {
                throw new IllegalStateException("the delivery store is unavailable: " + reason);
            }

            @Override
            public boolean replace(String key, String expected, String value, Instant expiresAt) {
                throw new IllegalStateException("the delivery store is unavailable: " + reason);
            }
        };
    }
}
